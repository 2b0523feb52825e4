// Reading the journal. Every read goes through the entry cache (journal/cache.ts),
// which also keeps the search index up to date; the cache stores terms without
// knowing how text becomes terms, so the reads are made here, where it is known:
// each entry the cache parses gets its terms from the analyzer (index-terms.ts).
import { readThroughCache, type IndexedJournal, type ReadOptions } from "../journal/cache.js";
import type { JournalContents } from "../journal/entry-file.js";
import type { Journal } from "../journal/root.js";
import { encodeEntryTerms } from "./index-terms.js";

/** The journal and its search index, read through the cache (`{cache: false}`: every file read, nothing written). */
export function readIndexedJournal(journal: Journal, options: ReadOptions = {}): IndexedJournal {
  return readThroughCache(journal, encodeEntryTerms, options);
}

/**
 * Reads every entry of the journal. Invalid files become problems; the rest still
 * load. The result is the same as reading every file, only faster.
 */
export function readJournal(journal: Journal, options: ReadOptions = {}): JournalContents {
  // The index is never asked for: the terms of entries not cached are not made.
  return readIndexedJournal(journal, { termsWhenAsked: true, ...options }).contents;
}
