// What a read of the journal gives back, and the reading of one file (entry-file.ts).
// The whole journal is read through the entry cache (cache.ts), by search/read.ts,
// which hands it the way to make each entry's search terms.
export { MAX_ENTRY_BYTES, decodeEntryBytes, readEntryFile, newestFirst } from "./entry-file.js";
export type { LoadedEntry, FileProblem, JournalContents } from "./entry-file.js";
