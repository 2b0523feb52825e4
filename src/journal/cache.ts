// The entry cache in the journal's `.nexus/` folder. Reading and YAML-parsing every
// entry file is what makes a large journal slow, so what each file parses to (its
// fields, its problems and its search terms) is kept in one file (format and
// checks: cache-file.ts), keyed on the file's path, size and change time (the
// later of mtime and ctime). Bodies are not kept: an entry's body and sections are
// read from its file when something asks for them (lazy-entry.ts).
//
// Never stale: a record is used only when path, size and change time all match
// (ctime moves even when a tool sets mtime back, as cp -p and rsync -t do), and a
// file modified within RACY_MS of being read is not cached at all (an edit in the
// same timestamp tick could otherwise keep its size and mtime). Never wrong: a
// damaged cache (cut, flipped bytes, impossible values) is not used and is
// rebuilt. Safe with several processes: the file is replaced atomically, so a
// reader sees one whole version; two writers both write a correct cache and the
// last rename wins. Deleting it changes nothing but speed. Written only inside the
// journal's `.nexus/` and only when the journal folder is writable; otherwise it is
// skipped in silence.
import path from "node:path";
import { encodeEntryTerms } from "../search/index-terms.js";
import {
  CACHE_FILE, cachePath, cachePieces, codeFingerprint, isValidRecord, loadCache, problemOf, removeStaleTemps, storeProblem, writableCacheDir,
  type CacheRecord,
} from "./cache-file.js";
import { newestFirst, readEntryFile, type FileProblem, type JournalContents, type LoadedEntry } from "./entry-file.js";
import { lazyEntry } from "./lazy-entry.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { scanEntries } from "./scan.js";

export { CACHE_DIR, CACHE_FILE, codeFingerprint } from "./cache-file.js";
export { readBodyFields } from "./lazy-entry.js";

/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

/** The search terms of the journal. */
export interface JournalTerms {
  /** Every term, by id. Some may no longer be used by any entry. */
  vocabulary: string[];
  /**
   * For each of `contents.entries` (same order), the ids of its terms as ASCII bytes
   * (see search/index-terms.ts): one group per field, separated by spaces.
   */
  entryTerms: Uint8Array[];
}

/** The journal, its search terms and how the cache was used. */
export interface IndexedJournal {
  contents: JournalContents;
  /** The search terms, decoded on the first call. */
  terms: () => JournalTerms;
  stats: { reused: number; parsed: number; written: boolean };
}

export interface ReadOptions {
  /** Use and update the cache in `.nexus/` (default true). */
  cache?: boolean;
}

/**
 * Reads every entry of the journal through the cache: files whose path, size and
 * mtime match a record are not read; the others are read, parsed and recorded.
 * The result is the same as reading every file.
 */
export function readIndexedJournal(journal: Journal, options: ReadOptions = {}): IndexedJournal {
  const useCache = options.cache !== false;
  const startedAt = Date.now();
  const { files, skipped } = scanEntries(journal.root, journal.entriesDir);
  const cached = useCache ? loadCache(cachePath(journal)) : undefined;
  // Terms are kept only when that part of the file is whole too; otherwise every
  // entry's terms are worked out again (from its file, for a reused record).
  const storedTerms = () => cached?.terms();

  // The vocabulary is decoded only when a term id is needed: a search, or a new file.
  let vocabulary: string[] | undefined;
  let termIds: Map<string, number> | undefined;
  const vocabularyNow = () => (vocabulary ??= [...(storedTerms()?.vocabulary ?? [])]);
  const idOf = (term: string): number => {
    const v = vocabularyNow();
    termIds ??= new Map(v.map((t, i) => [t, i]));
    let id = termIds.get(term);
    if (id === undefined) {
      id = v.length;
      // A long term may be a slice of the whole entry text; a copy lets that go.
      const own = term.length >= 13 ? Buffer.from(term).toString() : term;
      v.push(own);
      termIds.set(own, id);
    }
    return id;
  };
  /** An entry's encoded term ids: known already, or on a line of the old cache (else worked out again from the file). */
  type TermSource = string | number;
  const resolve = (source: TermSource, entry: LoadedEntry | undefined): Uint8Array => {
    if (typeof source !== "string") {
      const line = storedTerms()?.line(source);
      if (line) return line;
    }
    return Buffer.from(typeof source === "string" ? source : entry ? encodeEntryTerms(entry, idOf) : "", "latin1");
  };

  // Records are written in scan order, so they are usually met in order; a Map
  // is built only when they are not.
  const stored = cached?.records ?? [];
  let cursor = 0;
  let byPath: Map<string, number> | undefined;
  const recordAt = (filePath: string): number => {
    const next = stored[cursor];
    if (!byPath && Array.isArray(next) && next[0] === filePath) return cursor++;
    if (!byPath) {
      byPath = new Map();
      stored.forEach((r, i) => Array.isArray(r) && typeof r[0] === "string" && byPath!.set(r[0], i));
    }
    return byPath.get(filePath) ?? -1;
  };

  const entries: LoadedEntry[] = [];
  const sources: TermSource[] = [];
  const problems: FileProblem[] = skipped.map((s) => ({ path: s.path, line: 1, message: s.message, severity: "error" }));
  const keep: { record: CacheRecord; source: TermSource; entry: LoadedEntry | undefined }[] = [];
  let reused = 0;
  let parsed = 0;
  let changed = false;

  for (const found of files) {
    const at = recordAt(found.path);
    const old = at >= 0 ? stored[at] : undefined;
    let record: CacheRecord;
    let source: TermSource = "";
    let cacheable = true;
    if (isValidRecord(old) && old[1] === found.size && old[2] === found.changedMs) {
      record = old;
      source = at;
      reused += 1;
    } else {
      parsed += 1;
      const result = readEntryFile(found);
      if (result.ok) {
        const { entry } = result;
        record = [found.path, found.size, found.changedMs, 1, entry.title, entry.topic, entry.date, entry.tags, result.warnings.map(storeProblem)];
        if (entry.featured) record.push(1);
        source = encodeEntryTerms(entry, idOf);
      } else {
        record = [found.path, found.size, found.changedMs, 0, result.problems.map(storeProblem)];
      }
      // A file that could not be read may be readable later without a new mtime; a
      // file modified just now may change again within the same mtime tick.
      const transient = !result.ok && result.problems.some((p) => p.message.startsWith("cannot read"));
      if (!transient && found.mtimeMs <= startedAt - RACY_MS) changed = true;
      else cacheable = false;
    }
    let entry: LoadedEntry | undefined;
    if (record[3] === 1) {
      entry = lazyEntry(record[4], record[5], record[6], record[7], record[9] === 1, found.path, found.file);
      entries.push(entry);
      sources.push(source);
      for (const w of record[8]) problems.push(problemOf(w, found.path));
    } else {
      for (const p of record[4]) problems.push(problemOf(p, found.path));
    }
    if (cacheable) keep.push({ record, source, entry });
  }
  // Reused records whose term lines are damaged are rewritten with fresh terms.
  const termsDamaged = reused > 0 && keep.some((k) => typeof k.source === "number" && k.record[3] === 1) && storedTerms() === undefined;

  let written = false;
  if (useCache && (changed || termsDamaged || (cached !== undefined && keep.length !== stored.length))) {
    const dir = writableCacheDir(journal);
    if (dir) {
      try {
        const termLines = keep.map((k) => {
          if (k.record[3] !== 1) return "";
          if (typeof k.source === "string") return k.source;
          const line = resolve(k.source, k.entry);
          return Buffer.from(line.buffer, line.byteOffset, line.length).toString("latin1");
        });
        replaceFile(path.join(dir, CACHE_FILE), cachePieces(codeFingerprint(), keep.map((k) => k.record), vocabularyNow(), termLines));
        written = true;
        removeStaleTemps(dir);
      } catch {
        // A cache that cannot be written is only slower.
      }
    }
  }

  // Files are scanned by name, and names start with the date: reversed, they are
  // usually in order already, which is checked in one pass instead of sorting.
  let order = entries.map((_, i) => entries.length - 1 - i);
  if (order.some((e, k) => k > 0 && newestFirst(entries[order[k - 1]!]!, entries[e]!) > 0)) {
    order = order.sort((a, b) => newestFirst(entries[a]!, entries[b]!));
  }
  let terms: JournalTerms | undefined;
  return {
    contents: { entries: order.map((i) => entries[i]!), problems, fileCount: files.length + skipped.length },
    terms: () => (terms ??= { entryTerms: order.map((i) => resolve(sources[i]!, entries[i])), vocabulary: vocabularyNow() }),
    stats: { reused, parsed, written },
  };
}
