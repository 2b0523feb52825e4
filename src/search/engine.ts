// Finds and ranks entries for a query.
//
// Matching: each word is first matched against the journal's vocabulary of terms
// (stems, see tokens.ts): the same term, a term it is the start of, or a term
// within one or two typos, each with a quality from 1 down. Entries are then
// narrowed by their term ids from the cache; long fields are never scanned as
// text, which keeps a search over 100,000 entries fast. Literal words (`n+1`),
// phrases and excluded words are checked in the text of the survivors only.
//
// Ranking (BM25F): for each word, its occurrences in each field, weighed by the
// field (fields.ts) and by the quality of the match, saturate (k1) and are
// normalised by the entry's length (b); words found in few entries count more
// (idf). The best results get a bonus when the words stand together, and the date
// only breaks ties (newest first).
import type { IndexedJournal, JournalTerms } from "../journal/cache.js";
import type { EntryFilter } from "../journal/filter.js";
import type { Query, QueryWord } from "./query.js";
import type { WordPlace } from "./entry-text.js";
import type { WordMatcher } from "./matcher.js";
import type { Hit } from "./hit.js";
import { SearchRun, type SearchRequest } from "./search-run.js";
import { matchWord, type MatchOptions } from "./word-match.js";
import { termOf } from "./tokens.js";

export { BODY_FIELDS, FIELDS, type Field } from "./fields.js";
export { findRanges, type WordPlace } from "./entry-text.js";
export { QUALITY, type WordMatcher } from "./matcher.js";
export type { Hit, WordScore } from "./hit.js";
export { typosAllowed } from "./word-match.js";
export type { SearchRequest } from "./search-run.js";


/**
 * Where the words of some terms (ids) stand in some entries (places in the journal's
 * order), each entry's places in order; undefined when the entries' texts are to be
 * read instead. The site's index has them (site/browser/store.ts); the CLI reads text.
 */
export type PlacesSource = (ids: readonly number[], entries: readonly number[]) => Map<number, WordPlace[]> | undefined;

export class SearchIndex {
  private readonly index: JournalTerms;

  constructor(
    readonly journal: IndexedJournal,
    private readonly placesOf?: PlacesSource,
  ) {
    this.index = journal.terms();
  }

  private get vocabulary(): string[] {
    return this.index.vocabulary;
  }

  /** The matchers of a parsed query. */
  request(query: Query, filter: EntryFilter): SearchRequest {
    return {
      // The last word may be half typed: it also matches a term it starts with (optimiz: optim).
      matchers: query.words.map((w, i) => this.matcher(this.asWritten(w), { typing: i === query.words.length - 1 })),
      phrases: query.phrases,
      excluded: query.excluded.map((words) => words.map((w) => this.matcher(w, { exact: true }))),
      filter,
    };
  }

  /**
   * A word joined by `_` that is no term of the journal (reset_password) may be part
   * of a longer one (test_user_can_reset_password_when...): it is looked for as text.
   */
  private asWritten(word: QueryWord): QueryWord {
    if (word.kind !== "term" || !word.raw.includes("_") || this.vocabulary.includes(word.raw)) return word;
    const parts = [...new Set(word.raw.split("_").filter(Boolean).map(termOf))];
    return { kind: "literal", text: word.text, literal: word.raw, parts };
  }

  /** The terms of the journal that count as the word (word-match.ts); `exact`: only the same term (for phrases and exclusions). */
  matcher(word: QueryWord, options: MatchOptions = {}): WordMatcher {
    return matchWord(this.vocabulary, word, options);
  }

  /** The ids of the terms of the words that are not literal (the terms words side by side are looked for by). */
  private wordIds(matchers: readonly WordMatcher[]): number[] {
    const ids = new Set<number>();
    for (const m of matchers) {
      if (m.pattern) continue;
      for (const id of m.ids.keys()) if (m.terms.has(this.vocabulary[id]!)) ids.add(id);
    }
    return [...ids];
  }

  /** Every entry matching the request, best first (search-run.ts). */
  search(request: SearchRequest | WordMatcher[], legacyFilter: EntryFilter = {}): Hit[] {
    const { matchers, phrases = [], excluded = [], filter = legacyFilter, partial = false } = Array.isArray(request) ? { matchers: request } : request;
    const run = new SearchRun(this.index, { matchers, phrases, excluded, filter, partial }, this.journal.contents);
    const placesOf = this.placesOf;
    return run.run(placesOf ? (entries) => placesOf(this.wordIds(matchers), entries) : undefined);
  }
}
