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
  /** Chinese, Japanese or Korean found inside a longer word, by its pairs of characters (東京 in 東京タワー). */
  pair: 0.5,
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
  /**
   * A word of three or more Chinese, Japanese or Korean characters found inside longer
   * words too: the ids of its pairs of characters (tokens.ts), all of which an entry needs.
   * (A word of two has its one pair among `ids`.)
   */
  allPairs?: number[];
  /** Such a word as text, to mark where it stands inside longer words. */
  infix?: string;
}

