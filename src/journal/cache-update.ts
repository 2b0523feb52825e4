// Step 4 of a read through the entry cache (cache.ts): the cache written again after a
// read that found changes, with the records the read kept and the postings of every
// entry: copied from the stored index for reused records (renumbered), read back from
// the runs set aside for parsed ones, or from the terms the read made. Written whole
// and atomically (safe-write.ts); a cache that cannot be written is only slower.
import path from "node:path";
import { CACHE_FILE, codeFingerprint, removeStaleTemps } from "./cache-file.js";
import type { CacheRead } from "./cache-read.js";
import { inRuns } from "./cache-terms.js";
import { cachePieces, writtenPostings, type WrittenCache } from "./cache-writing.js";
import type { PostingsReader } from "./postings.js";
import type { PostingSources } from "./posting-blocks.js";
import { replaceFile } from "./safe-write.js";

/**
 * Writes the cache of a read into `dir` (none: not written). Afterwards the postings set
 * aside are in the file written, and are read from there; when it could not be written
 * (or was replaced meanwhile), they are made again from the entries' files.
 */
export function updateCache(read: CacheRead, dir: string | undefined): void {
  const reader = dir ? writeCache(read, dir) : undefined;
  const runs = read.aside.opened();
  if (!runs) return;
  read.aside.close();
  if (reader) read.terms.nowStoredIn(reader, read.keepEntries);
  else read.terms.makeAgain(inRuns);
}

/** Writes the cache file; returns its postings as a search reads them, when postings were set aside (and it is still that file). */
function writeCache(read: CacheRead, dir: string): PostingsReader | undefined {
  try {
    const target = path.join(dir, CACHE_FILE);
    const out: WrittenCache = {};
    const { records, terms } = read;
    const contents = { code: codeFingerprint(), records: Array.from(read.keep, (r) => records.lineOf(r)), inos: read.keepInos, vocabulary: terms.vocabulary(), postings: postingSources(read) };
    replaceFile(target, cachePieces(contents, out));
    read.written = true;
    removeStaleTemps(dir);
    // The postings set aside in runs are in the file now, and only there.
    return read.aside.opened() ? writtenPostings(target, out) : undefined;
  } catch {
    // A cache that cannot be written is only slower.
    return undefined;
  }
}

/** Where the postings of each record to write are: the stored index (under an old number), the terms made by the read, or the runs set aside. */
function postingSources(read: CacheRead): PostingSources {
  const { terms } = read;
  const stored = terms.stored();
  const renumber = new Int32Array(stored ? terms.recordCount : 0).fill(-1);
  const fresh: PostingSources["fresh"] = [];
  read.keepEntries.forEach((entry, k) => {
    if (entry < 0) return;
    const source = terms.sources[entry]!;
    if (typeof source === "string") fresh.push({ record: k, pairs: source });
    else if (typeof source === "number" && source >= 0) renumber[source] = k;
  });
  return { terms: terms.vocabulary().length, stored: stored ? { postings: stored.postings, renumber } : undefined, fresh, runs: read.aside.opened() };
}
