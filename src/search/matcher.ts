// How a query word is recognised: the terms of the journal that count as it, and
// how well each does (shared by the engine and the text checks of entry-text.ts).
import type { QueryWord } from "./query.js";

/** How well a term of the journal stands for a query word. */
export const QUALITY = {
  /** The same term (the same word, or another form of it). */
  same: 1,
  prefix: 0.5,
  oneTypo: 0.4,
  twoTypos: 0.25,
  /** Times this when the word as typed is itself a term of the journal: it likely means itself. */
  knownWord: 0.25,
} as const;

/** How one query word is recognised in text. */
export interface WordMatcher {
  word: QueryWord;
  /** For a term word: each term of the journal that counts as the word, with its quality. */
  terms: Map<string, number>;
  /** The same terms by id. */
  ids: Map<number, number>;
  /** For a literal word: the text, any case. */
  pattern: RegExp | undefined;
  /**
   * A literal word found through the chunks of text it can be in (`ids`, with how
   * often it is in each): no text needs reading, except of entries with a chunk too
   * long to keep (`verify`, the id of their mark).
   */
  chunked?: { verify: number | undefined };
}

