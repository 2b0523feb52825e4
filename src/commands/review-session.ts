// The review on a terminal: each card's question, a key to show the answer,
// a key to rate it (with the interval each rating would give), a summary.
// Every rating is appended to the log at once, so stopping keeps them.
import { InterruptedError } from "../errors.js";
import type { LoadedEntry } from "../journal/read.js";
import { dayEnd, localDay, shortInterval } from "../review/days.js";
import type { Deck } from "../review/deck.js";
import { appendEvents } from "../review/log-file.js";
import { RATINGS, type RatingName } from "../review/log.js";
import { reviewFigures, type DueCard } from "../review/queue.js";
import { preview, rateInPlace } from "../review/replay.js";
import type { Io } from "../ui/io.js";
import type { KeyPress, KeyReader } from "../ui/keys.js";
import { answerText, hintErased, questionText, ratingsLine } from "../ui/review-card.js";
import { entryHeader } from "../ui/entry-view.js";
import { nextDueLine } from "../ui/review-figures.js";

export interface SessionOptions {
  day: string;
  now: () => number;
  readKey: KeyReader;
  /** The instant a rating given at `now` is recorded at. */
  instant: (now: number) => number;
}

const isStop = (key: KeyPress) => key.name === "escape" || key.sequence === "q" || key.sequence === "Q";

/** Waits for space or Enter (true) or q/Esc (false); other keys are ignored. */
async function waitReveal(readKey: KeyReader): Promise<boolean> {
  for (;;) {
    const key = await readKey();
    if (isStop(key)) return false;
    if (key.name === "space" || key.name === "return" || key.name === "enter") return true;
  }
}

/** Waits for 1 to 4 (a rating) or q/Esc (undefined). */
async function waitRating(readKey: KeyReader): Promise<RatingName | undefined> {
  for (;;) {
    const key = await readKey();
    if (isStop(key)) return undefined;
    const index = ["1", "2", "3", "4"].indexOf(key.sequence);
    if (index >= 0) return RATINGS[index];
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Runs the review of `queue`; returns 0 when something was rated. */
export async function session(io: Io, deck: Deck, queue: DueCard<LoadedEntry>[], options: SessionOptions): Promise<number> {
  const waiting = [...queue];
  /** Cards in (re)learning that come back later today, after their step. */
  const later: DueCard<LoadedEntry>[] = [];
  const end = dayEnd(options.day);
  const counts: Record<RatingName, number> = { again: 0, hard: 0, good: 0, easy: 0 };
  let rated = 0;
  let stopped = false;
  let interrupted = false;
  const c = io.color;

  try {
    for (;;) {
      later.sort((a, b) => a.history!.card.due.getTime() - b.history!.card.due.getTime());
      const ready = later.length > 0 && later[0]!.history!.card.due.getTime() <= options.instant(options.now());
      const card = ready ? later.shift() : waiting.shift();
      if (!card) break;
      const left = waiting.length + later.length;
      const position = `${rated + 1}${left ? ` · ${left} more` : ""} · ${card.history ? "due" : "new"}`;
      io.out(questionText(io, card.entry, entryHeader(io, card.entry), position));
      if (!(await waitReveal(options.readKey))) {
        waiting.unshift(card);
        stopped = true;
        break;
      }
      io.out(`${hintErased(io)}${answerText(io, card.entry)}`);
      const shownAt = options.instant(options.now());
      io.out(ratingsLine(io, preview(deck, card.entry.path, shownAt), shownAt));
      const rating = await waitRating(options.readKey);
      if (!rating) {
        waiting.unshift(card);
        stopped = true;
        break;
      }
      const at = options.instant(options.now());
      const history = rateInPlace(deck, card.entry.path, rating, at);
      appendEvents(deck.journal, [{ at, rating, path: card.entry.path }]);
      deck.events.push({ at, rating, path: card.entry.path, line: Number.MAX_SAFE_INTEGER });
      card.history = history;
      deck.replayed.cards.set(card.entry.path, card.history);
      rated += 1;
      counts[rating] += 1;
      const due = card.history.card.due.getTime();
      io.out(`${c.green("✓")} ${rating}: back in ${shortInterval(due - at)}\n\n`);
      if (due < end) later.push(card);
    }
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    interrupted = true;
  }

  const figures = reviewFigures(deck.cards, deck.replayed.cards, { day: options.day, newPerDay: deck.settings.newPerDay });
  const remaining = waiting.length + later.length;
  const lines = [
    c.bold(`Reviewed ${plural(rated, "card")}`) + (rated ? c.dim(` (${RATINGS.filter((r) => counts[r]).map((r) => `${counts[r]} ${r}`).join(", ")})`) : ""),
    `Remaining today: ${remaining}${later.length && !waiting.length && !stopped && !interrupted ? ` (in learning; back at ${new Date(later[0]!.history!.card.due).toTimeString().slice(0, 5)})` : ""}`,
    ...(figures.nextDue ? [nextDueLine(figures.nextDue, localDay(end))] : []),
  ];
  io.out(`\n${lines.join("\n")}\n`);
  if (interrupted || (stopped && rated === 0)) throw new InterruptedError(rated ? "interrupted; the ratings given were kept" : "stopped: nothing was rated");
  return 0;
}
