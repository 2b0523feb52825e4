// Reading the whole journal. The entry cache (cache.ts) does the work; the shapes
// and the reading of one file live in entry-file.ts, below both.
import type { Journal } from "./root.js";
import { readIndexedJournal, type ReadOptions } from "./cache.js";

export { MAX_ENTRY_BYTES, decodeEntryBytes, readEntryFile, newestFirst } from "./entry-file.js";
export type { LoadedEntry, FileProblem, JournalContents } from "./entry-file.js";
import type { JournalContents } from "./entry-file.js";

/**
 * Reads every entry of the journal. Invalid files become problems; the rest still
 * load. Goes through the entry cache in `.nexus/` (see cache.ts): the result is the
 * same as reading every file, only faster; `{cache: false}` reads every file.
 */
export function readJournal(journal: Journal, options: ReadOptions = {}): JournalContents {
  return readIndexedJournal(journal, options).contents;
}

