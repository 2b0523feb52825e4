// Card states are never stored: they are the replay of the log through ts-fsrs,
// rating after rating in the order they happened. Deleting every cache loses nothing.
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type FSRS, type Grade } from "ts-fsrs";
import { orderEvents, type LogEvent, type RatingName } from "./log.js";

export const GRADES: Record<RatingName, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** The FSRS scheduler nexus uses: ts-fsrs's default parameters, with the desired retention. */
export function scheduler(retention: number): FSRS {
  return fsrs(generatorParameters({ request_retention: retention }));
}

/** A card after its history: FSRS's card and what happened to it. */
export interface CardHistory {
  card: Card;
  /** Time of the first rating (when the card stopped being new). */
  first: number;
  /** Times of every rating, oldest first. */
  times: number[];
  /** Ratings given while the card was in review (learned), and how many of them were not "again". */
  reviewed: number;
  recalled: number;
}

/** Log lines whose entry is gone. */
export interface Orphan {
  path: string;
  lines: number[];
}

export interface Replayed {
  /** By the entry's current path. */
  cards: Map<string, CardHistory>;
  orphans: Orphan[];
}

const baseName = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/**
 * Which entry a logged path means: the entry at that path, or else the one
 * entry with the same file name (it was moved to another folder).
 */
export function pathResolver(entryPaths: Iterable<string>): (logged: string) => string | undefined {
  // Paths compare in NFC: macOS may spell a file name in NFD where Linux keeps NFC.
  const exact = new Map<string, string>();
  const byName = new Map<string, string | null>();
  for (const p of entryPaths) {
    const key = p.normalize("NFC");
    exact.set(key, p);
    const name = baseName(key);
    byName.set(name, byName.has(name) ? null : p);
  }
  return (logged) => {
    const key = logged.normalize("NFC");
    return exact.get(key) ?? byName.get(baseName(key)) ?? undefined;
  };
}

/** One rating of a card (a new one when there is no history yet), as FSRS schedules it. Updates the history in place. */
export function rate(history: CardHistory | undefined, rating: RatingName, at: number, f: FSRS): CardHistory {
  const h = history ?? { card: createEmptyCard(new Date(at)), first: at, times: [], reviewed: 0, recalled: 0 };
  if (h.card.state === State.Review) {
    h.reviewed += 1;
    if (rating !== "again") h.recalled += 1;
  }
  h.card = f.next(h.card, new Date(at), GRADES[rating]).card;
  h.times.push(at);
  return h;
}

/**
 * Which entry each event belongs to, in the order the events happened
 * (duplicates dropped); events of paths that match no entry are orphans.
 */
export function attribute(events: LogEvent[], entryPaths: Iterable<string>): { owned: { target: string; event: LogEvent }[]; orphans: Orphan[] } {
  const resolve = pathResolver(entryPaths);
  const owned: { target: string; event: LogEvent }[] = [];
  const orphans = new Map<string, number[]>();
  for (const event of orderEvents(events)) {
    const target = resolve(event.path);
    if (target !== undefined) owned.push({ target, event });
    else orphans.set(event.path, [...(orphans.get(event.path) ?? []), event.line]);
  }
  return {
    owned,
    orphans: [...orphans].map(([path, lines]) => ({ path, lines: lines.sort((a, b) => a - b) })).sort((a, b) => a.lines[0]! - b.lines[0]!),
  };
}

/** Replays the log's events through FSRS, in the order they happened. */
export function replay(events: LogEvent[], entryPaths: Iterable<string>, f: FSRS): Replayed {
  const { owned, orphans } = attribute(events, entryPaths);
  const cards = new Map<string, CardHistory>();
  for (const { target, event } of owned) cards.set(target, rate(cards.get(target), event.rating, event.at, f));
  return { cards, orphans };
}
/** What the log says, and how to read it: the events, the paths they may name, the scheduler. */
export interface LogView {
  events: LogEvent[];
  paths: readonly string[];
  f: FSRS;
}

/**
 * The history of `target` once a rating at `at` is added to the log: every rating of
 * it replayed in the order they happened, the new one in its place. A back-filled
 * rating (before a later one), or a log line from the future, so never meets FSRS out
 * of order (which it refuses: "Invalid delta_t"), and the answer is the one every
 * later replay of the log gives.
 */
export function rateInPlace(log: LogView, target: string, rating: RatingName, at: number): CardHistory {
  const added: LogEvent = { at, rating, path: target, line: Number.MAX_SAFE_INTEGER };
  let history: CardHistory | undefined;
  for (const { target: owner, event } of attribute([...log.events, added], log.paths.includes(target) ? log.paths : [...log.paths, target]).owned) {
    if (owner === target) history = rate(history, event.rating, event.at, log.f);
  }
  return history!;
}

/** What each rating at `at` would do to the card `target`: its card after the replay. */
export function preview(log: LogView, target: string, at: number): Record<RatingName, Card> {
  const card = (rating: RatingName) => rateInPlace(log, target, rating, at).card;
  return { again: card("again"), hard: card("hard"), good: card("good"), easy: card("easy") };
}

export const STATE_NAMES: Record<State, string> = {
  [State.New]: "new",
  [State.Learning]: "learning",
  [State.Review]: "review",
  [State.Relearning]: "relearning",
};
