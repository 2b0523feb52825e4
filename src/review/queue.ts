// Which cards are due on a day, in the order they are shown, and the figures
// that sum the reviews up. Pure: entries and the replayed log come in.
import { dayEnd, dayStart, localDay } from "./days.js";
import { STATE_NAMES, type CardHistory } from "./replay.js";

/** An entry that is a card: it has a challenge and no `review: false`. */
export interface CardEntry {
  path: string;
  title: string;
  topic: string;
  date: string;
  tags: string[];
}

export interface DueCard<E extends CardEntry = CardEntry> {
  entry: E;
  /** Undefined for a new card. */
  history: CardHistory | undefined;
}

export interface QueueOptions {
  /** The local day, `YYYY-MM-DD`. */
  day: string;
  /** New cards a day, counting those already started that day. */
  newPerDay: number;
  /** At most this many cards in all. */
  limit?: number | undefined;
}

/**
 * The cards to review on a day: those due by its end, oldest due first, then
 * new cards (oldest entry first) up to what is left of the day's new-card limit.
 */
export function dueQueue<E extends CardEntry>(entries: E[], cards: Map<string, CardHistory>, options: QueueOptions): DueCard<E>[] {
  const end = dayEnd(options.day);
  const start = dayStart(options.day);
  const due: DueCard<E>[] = [];
  const fresh: DueCard<E>[] = [];
  let startedToday = 0;
  for (const entry of entries) {
    const history = cards.get(entry.path);
    if (!history) fresh.push({ entry, history });
    else {
      if (history.first >= start && history.first < end) startedToday += 1;
      if (history.card.due.getTime() < end) due.push({ entry, history });
    }
  }
  due.sort((a, b) => a.history!.card.due.getTime() - b.history!.card.due.getTime() || (a.entry.path < b.entry.path ? -1 : 1));
  fresh.sort((a, b) => (a.entry.date !== b.entry.date ? (a.entry.date < b.entry.date ? -1 : 1) : a.entry.path < b.entry.path ? -1 : 1));
  const queue = [...due, ...fresh.slice(0, Math.max(0, options.newPerDay - startedToday))];
  return options.limit === undefined ? queue : queue.slice(0, options.limit);
}

/** One card as `--due --json` and `--rate --json` print it. */
export function cardJson(card: DueCard, day: string) {
  const c = card.history?.card;
  return {
    path: card.entry.path,
    title: card.entry.title,
    topic: card.entry.topic,
    due: c ? localDay(c.due.getTime()) : day,
    dueAt: c ? c.due.toISOString() : null,
    state: c ? STATE_NAMES[c.state] : "new",
    stability: c ? round(c.stability) : 0,
    difficulty: c ? round(c.difficulty) : 0,
    reps: c?.reps ?? 0,
    lapses: c?.lapses ?? 0,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface ReviewFigures {
  /** Entries that are cards. */
  cards: number;
  /** Cards rated at least once. */
  started: number;
  /** Due on the day (new cards within the daily limit included): `due` + `newToday`. */
  dueToday: number;
  /** Cards rated before that are due by the end of the day (learning ones included). */
  due: number;
  /** New cards offered on the day (within review.newPerDay). */
  newToday: number;
  /** Cards never rated. */
  new: number;
  /** Cards rated before and still in (re)learning: their next steps are minutes or hours apart. */
  learning: number;
  /** Ratings given in the day's month, up to the day. */
  reviewedThisMonth: number;
  /** Share of reviews of learned cards not rated "again"; null before any. */
  retention: number | null;
  /** The first local day after the day with a card due, or null. */
  nextDue: string | null;
}

/** A card rated before whose next steps are still minutes or hours apart (learning or relearning). */
export const isLearning = (history: CardHistory): boolean => /learning$/.test(STATE_NAMES[history.card.state]);

/** The day's cards in the words review and stats share: "3 due and 10 new". */
export const todayPhrase = (due: number, fresh: number): string => `${due} due and ${fresh} new`;

export function reviewFigures(entries: CardEntry[], cards: Map<string, CardHistory>, options: QueueOptions): ReviewFigures {
  const month = options.day.slice(0, 7);
  const end = dayEnd(options.day);
  let started = 0;
  let reviewedThisMonth = 0;
  let reviewed = 0;
  let recalled = 0;
  let next: number | undefined;
  let learning = 0;
  for (const entry of entries) {
    const history = cards.get(entry.path);
    if (!history) continue;
    started += 1;
    if (isLearning(history)) learning += 1;
    reviewed += history.reviewed;
    recalled += history.recalled;
    for (const t of history.times) if (t < end && localDay(t).slice(0, 7) === month) reviewedThisMonth += 1;
    const due = history.card.due.getTime();
    if (due >= end && (next === undefined || due < next)) next = due;
  }
  const queue = dueQueue(entries, cards, { day: options.day, newPerDay: options.newPerDay });
  const newToday = queue.filter((c) => !c.history).length;
  // New cards past today's limit come up tomorrow.
  if (entries.length - started > newToday && (next === undefined || next > end)) next = end;
  return {
    cards: entries.length,
    started,
    dueToday: queue.length,
    due: queue.length - newToday,
    newToday,
    new: entries.length - started,
    learning,
    reviewedThisMonth,
    retention: reviewed ? Math.round((recalled / reviewed) * 1000) / 1000 : null,
    nextDue: next === undefined ? null : localDay(next),
  };
}
