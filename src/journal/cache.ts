// The entry cache: how a read of the journal avoids reading every entry file.
//
// What is stored. One file, `.nexus/entry-cache` (format and checks: cache-file.ts),
// holds for each entry file one record (cache-record.ts): its path, size, change time
// and inode number, and what it parsed to (date, title, topic, tags, warnings; or its
// problems). Bodies are not kept: they are read from the file when asked for
// (lazy-entry.ts). Beside the records: a record index of numbers, to match files and
// sort entries without decoding a record (stored-records.ts), and the search index,
// each term's postings by record (postings.ts, numbers as codec.ts writes them). The
// cache does not know what a term is: whoever reads through it hands it the function
// that makes an entry's terms (search/read.ts, with search/index-terms.ts).
//
// How staleness is found. Every read lists the entries folder and lstats each file
// (scan.ts). A record is used only when path, size, change time (the later of mtime and
// ctime, which moves even when cp -p or rsync -t set mtime back) and inode all match
// (record-finder.ts); any other file is read and parsed again. A file modified within
// RACY_MS of the read is not cached at all (an edit in the same clock tick could keep
// its size and mtime), and a record made by another build of nexus is never used
// (codeFingerprint). When files changed, the cache is written again, whole and
// atomically, only inside `.nexus/` and only when the journal is writable (cache-update.ts).
//
// What happens when a part is damaged. Each part has its length and CRC-32 in the
// header, each block of postings its own in a directory, and every value of a record is
// checked as parseEntry checks it. Damaged records or record index: the whole cache is
// unused, every file is parsed, and the cache is rebuilt. A damaged vocabulary or
// postings block: the records are still used, the reused entries' terms are made again
// from their files (cache-terms.ts), and the cache is written again. The result is
// always the same as reading every file; deleting the cache changes nothing but speed.
//
// The read, step by step (readThroughCache below):
//   1. load the cache's records and record index (cache-file.ts; early.ts reads them as the run starts);
//   2. for each file the scan finds, reuse its record or parse it (cache-read.ts);
//      a first read over a large journal sets parsed entries' postings aside in a scratch
//      file by batches (posting-runs.ts), so as not to hold them all;
//   3. sort the entries, newest first, without making them (contents.ts);
//   4. write the cache again when a file changed (cache-update.ts, cache-writing.ts);
//   5. the search index, made on the first search (cache-terms.ts).
import { cachePath, loadCache, writableCacheDir } from "./cache-file.js";
import { CacheRead, type ReadOptions } from "./cache-read.js";
import { journalTerms, type JournalTerms, type TermMaker } from "./cache-terms.js";
import { updateCache } from "./cache-update.js";
import { notEntries } from "./config.js";
import type { FileProblem, JournalContents } from "./entry-file.js";
import type { Journal } from "./root.js";
import { scanEntries, type SkippedFile } from "./scan.js";

export { CACHE_DIR, CACHE_FILE, codeFingerprint } from "./cache-file.js";
export { foundFileOf, RACY_MS, type ReadOptions } from "./cache-read.js";
export type { EntryTerms, JournalTerms, TermMaker } from "./cache-terms.js";
export { readBodyFields } from "./lazy-entry.js";

/** The journal, its search index and how the cache was used. */
export interface IndexedJournal {
  contents: JournalContents;
  /** The search index, read on the first call. */
  terms: () => JournalTerms;
  stats: { reused: number; parsed: number; written: boolean };
}

/**
 * Reads every entry of the journal through the cache: files whose path, size, change
 * time and inode match a record are not read; the others are read, parsed and recorded,
 * their terms made by `makeTerms`. The result is the same as reading every file.
 */
export function readThroughCache(journal: Journal, makeTerms: TermMaker, options: ReadOptions = {}): IndexedJournal {
  const useCache = options.cache !== false;
  const cacheDir = () => (useCache ? writableCacheDir(journal) : undefined);
  const read = new CacheRead(useCache ? loadCache(cachePath(journal)) : undefined, makeTerms, { ...options, cacheDir });
  const { skipped } = scanEntries(journal.root, journal.entriesDir, notEntries(journal.config), (found) => read.visit(found));
  const order = read.entries.order();
  const update = () => updateCache(read, cacheDir());
  if (useCache && read.needsWriting()) {
    // Postings of reused records are copied from the stored index: all of it must be whole.
    if (!read.terms.storedReadable()) read.terms.recomputeStored();
    update();
  }
  let terms: JournalTerms | undefined;
  return {
    contents: read.entries.contents(order, problemsOf(skipped, read.fileProblems), read.fileCount + skipped.length),
    terms: () =>
      (terms ??= journalTerms(read.terms, order, () => {
        read.terms.recomputeStored();
        update();
      })),
    stats: { reused: read.reused, parsed: read.parsed, written: read.written },
  };
}

/** The problems of a read: files the scan passed over, then those of the entry files, in scan order. */
function problemsOf(skipped: SkippedFile[], fileProblems: FileProblem[]): FileProblem[] {
  const problems = skipped.map((s): FileProblem => ({ path: s.path, line: 1, message: s.message, severity: "error" }));
  for (const p of fileProblems) problems.push(p);
  return problems;
}
