// A search's results: each entry with its score, the share of each word, and the bonus for
// words side by side. A hit's entry and word shares are made when first asked for.
import type { LoadedEntry, JournalContents } from "../journal/read.js";
import type { Field } from "./fields.js";

/** Why an entry ranks where it does. */
export interface WordScore {
  word: string;
  /** Its share of the score. */
  score: number;
  /** How often it was found in each field (weighed by the quality of the match). */
  fields: Partial<Record<Field, number>>;
}

export interface Hit {
  entry: LoadedEntry;
  /** Higher is better; 0 for a query of filters alone. */
  score: number;
  words: WordScore[];
  /** The factor for words standing together (1 when none do). */
  proximity: number;
  /** How many of the query's words the entry has (all of them, unless the search was partial). */
  matched: number;
}

/**
 * A hit whose entry and word scores are made when first asked for. Its own
 * properties are those of a Hit (what it keeps besides is private).
 */
export class RankedHit implements Hit {
  proximity = 1;
  readonly #contents: JournalContents;
  readonly #at: number;
  readonly #wordsOf: () => WordScore[];
  #words: WordScore[] | undefined;

  readonly #matched: number;

  constructor(contents: JournalContents, at: number, public score: number, matched: number, wordsOf: () => WordScore[]) {
    this.#matched = matched;
    this.#contents = contents;
    this.#at = at;
    this.#wordsOf = wordsOf;
  }

  get matched(): number {
    return this.#matched;
  }

  /** The entry's place in contents.entries. */
  get at(): number {
    return this.#at;
  }

  get entry(): LoadedEntry {
    return this.#contents.entryAt(this.#at);
  }

  get words(): WordScore[] {
    return (this.#words ??= this.#wordsOf());
  }
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
