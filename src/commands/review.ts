import { UsageError, UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { filterEntries } from "../journal/filter.js";
import { stringifyJson } from "../journal/json.js";
import type { LoadedEntry } from "../journal/read.js";
import { resolveEntry } from "../journal/resolve.js";
import { localDay, ratingInstant, shortInterval } from "../review/days.js";
import { loadDeck, optedOut, type Deck } from "../review/deck.js";
import { appendEvents, LOG_FILE } from "../review/log-file.js";
import { unloggablePath, type RatingName } from "../review/log.js";
import { cardJson, dueQueue, isLearning, reviewFigures, todayPhrase, type DueCard } from "../review/queue.js";
import { rateInPlace } from "../review/replay.js";
import { displayWidth, pad, truncate, warnProblems, type Io } from "../ui/io.js";
import type { KeyReader } from "../ui/keys.js";
import { nextDuePhrase } from "../ui/review-figures.js";
import { addDays } from "../domain/dates.js";
import { loadJournal, type Context } from "./context.js";

export interface ReviewOptions {
  /** With `rate`: the entry to rate. */
  entry?: string | undefined;
  rate?: RatingName | undefined;
  /** The local day the review is for, `YYYY-MM-DD` (default: today). */
  date?: string | undefined;
  due: boolean;
  json: boolean;
  topic?: string | undefined;
  tags: string[];
  limit?: number | undefined;
}

export interface ReviewDeps {
  readKey?: KeyReader;
  /** The current time in ms; tests fix it. */
  now?: () => number;
}

const SHOWN_DAMAGE = 5;


/**
 * `nexus review`: on a terminal, the day's cards one at a time; `--due` lists
 * them; `<entry> --rate R` records one rating. Returns 0 when something was
 * done, 1 when nothing is due.
 */
export async function review(ctx: Context, options: ReviewOptions, deps: ReviewDeps = {}): Promise<number> {
  const clock = deps.now ?? Date.now;
  const today = localDay(clock());
  if (options.entry !== undefined && !options.rate) {
    throw new UsageError("an entry is given but no rating", { hint: `add --rate again|hard|good|easy, or leave the entry out to review what is due` });
  }
  if (options.rate && options.entry === undefined) throw new UsageError("--rate needs the entry it rates", { hint: "nexus review select-related --rate good" });
  if (options.rate && (options.due || options.topic !== undefined || options.tags.length || options.limit !== undefined)) {
    throw new UsageError("--rate records one rating: it does not go with --due, --topic, --tag or --limit");
  }
  if (options.date && options.date > today && !options.due) {
    throw new UsageError(`--date ${options.date} is after today: ratings can be back-filled, not given ahead`);
  }
  const day = options.date ?? today;

  const { journal, contents, failed } = loadJournal(ctx);
  const deck = loadDeck(journal, contents);
  // A log damaged on every line should not bury the review: the first few, then a count.
  warnProblems(ctx.io, deck.problems.slice(0, SHOWN_DAMAGE), false);
  if (deck.problems.length > SHOWN_DAMAGE) {
    ctx.io.err(`nexus: warning: … and ${deck.problems.length - SHOWN_DAMAGE} more damaged lines in ${LOG_FILE} (nexus doctor lists them)\n`);
  }
  const code = await run(ctx, options, deck, day, { now: clock, readKey: deps.readKey }, (entry) => resolveEntry(journal, contents, entry, ctx.io.cwd));
  return failed && code === 0 ? 1 : code;
}

async function run(
  ctx: Context,
  options: ReviewOptions,
  deck: Deck,
  day: string,
  deps: { now: () => number; readKey: KeyReader | undefined },
  resolve: (query: string) => LoadedEntry,
): Promise<number> {
  if (options.rate) return rateOne(ctx, deck, resolve(options.entry!), options.rate, day, deps.now(), options.json);
  const cards = filterEntries(deck.cards, { topic: options.topic, tags: options.tags });
  const queue = dueQueue(cards, deck.replayed.cards, { day, newPerDay: deck.settings.newPerDay, limit: options.limit });
  if (options.due) return listDue(ctx.io, queue, cards, deck, day, options.json);
  if (options.json) throw new UsageError("--json goes with --due or --rate; the review itself is for a terminal");
  if (!ctx.io.interactive) {
    throw new UsageError("nexus review asks on a terminal, and this is not one", {
      hint: "`nexus review --due` lists what is due; `nexus review ENTRY --rate good` records a rating",
    });
  }
  if (queue.length === 0) return nothingDue(ctx.io, cards, deck, day);
  const readKey = deps.readKey ?? (await import("../ui/keys.js")).readTerminalKey;
  const { session } = await import("./review-session.js");
  return session(ctx.io, deck, queue, { day, now: deps.now, readKey, instant: (at) => instantFor(deck, day, at) });
}

/** When a rating given now is recorded: now, or on the --date day. */
function instantFor(deck: Deck, day: string, now: number): number {
  return ratingInstant(day, now, deck.events.map((e) => e.at));
}

function nothingDue(io: Io, cards: LoadedEntry[], deck: Deck, day: string): number {
  if (cards.length === 0) {
    io.err(
      deck.cards.length === 0
        ? "No cards yet: an entry with a Challenge section becomes a card.\n"
        : "No cards match these filters.\n",
    );
    return 1;
  }
  const figures = reviewFigures(cards, deck.replayed.cards, { day, newPerDay: deck.settings.newPerDay });
  io.err(`Nothing due on ${day}${figures.nextDue ? `; ${nextDuePhrase(figures.nextDue, addDays(day, 1))}` : ""}.\n`);
  return 1;
}

function listDue(io: Io, queue: DueCard<LoadedEntry>[], cards: LoadedEntry[], deck: Deck, day: string, json: boolean): number {
  if (json) io.out(stringifyJson(queue.map((card) => cardJson(card, day))));
  if (queue.length === 0) return json ? 1 : nothingDue(io, cards, deck, day);
  if (json) return 0;
  const c = io.color;
  // The words of stats: new (never rated), learning (rated, short steps), due (learned, due again).
  // In the width: the path (what names the card) first, the title in what is left (12 at least).
  const room = Math.max(20, io.columns - 10 - 2 - 8 - 2);
  const paths = queue.map((card) => inertLine(card.entry.path));
  const pathWidth = Math.min(room - 14, Math.max(...paths.map(displayWidth)));
  queue.forEach((card, i) => {
    const row = cardJson(card, day);
    const kind = !card.history ? c.cyan("new     ") : isLearning(card.history) ? "learning" : "due     ";
    const title = truncate(inertLine(card.entry.title), room - pathWidth - 2);
    io.out(`${row.due}  ${kind}  ${pad(truncate(paths[i]!, pathWidth), pathWidth)}  ${c.bold(title)}\n`);
  });
  const fresh = queue.filter((q) => !q.history).length;
  io.err(`${todayPhrase(queue.length - fresh, fresh)} on ${day}\n`);
  return 0;
}

function rateOne(ctx: Context, deck: Deck, entry: LoadedEntry, rating: RatingName, day: string, now: number, json: boolean): number {
  if (!entry.challenge.trim()) throw new UserError(`${inertLine(entry.path)} is not a card: it has no Challenge section`);
  if (optedOut(entry.file)) throw new UserError(`${inertLine(entry.path)} is not a card: its frontmatter says review: false`);
  const wrong = unloggablePath(entry.path);
  if (wrong) throw new UserError(`${inertLine(entry.path)} cannot be logged: ${wrong}`, { hint: "rename the file" });
  const at = instantFor(deck, day, now);
  // Worked out before the line is written: nothing is recorded that then fails.
  const history = rateInPlace(deck, entry.path, rating, at);
  appendEvents(deck.journal, [{ at, rating, path: entry.path }]);
  const row = cardJson({ entry, history }, day);
  if (json) ctx.io.out(stringifyJson({ rating, at: new Date(at).toISOString(), ...row }));
  else {
    const wait = history.card.due.getTime() - at;
    ctx.io.out(`rated ${rating}: ${inertLine(entry.path)}, next due ${row.due} (in ${shortInterval(wait)})\n`);
  }
  return 0;
}
