// The entry cache in the journal's `.nexus/` folder. Reading and YAML-parsing every
// entry file is what makes a large journal slow, so what each file parses to (its
// fields, its problems and its search terms) is kept in one file (format and
// checks: cache-file.ts), keyed on the file's path, size, change time (the
// later of mtime and ctime) and inode number. Bodies are not kept: an entry's body and sections are
// read from its file when something asks for them (lazy-entry.ts).
//
// Never stale: a record is used only when path, size, change time and inode all match
// (ctime moves even when a tool sets mtime back, as cp -p and rsync -t do; a folder
// renamed moves its files to other paths with their size and ctime), and a
// file modified within RACY_MS of being read is not cached at all (an edit in the
// same timestamp tick could otherwise keep its size and mtime). Never wrong: a
// damaged cache (cut, flipped bytes, impossible values) is not used and is
// rebuilt. Safe with several processes: the file is replaced atomically, so a
// reader sees one whole version; two writers both write a correct cache and the
// last rename wins. Deleting it changes nothing but speed. Written only inside the
// journal's `.nexus/` and only when the journal folder is writable; otherwise it is
// skipped in silence.
//
// A first run over a large journal holds no entry's terms: the postings of each batch
// of parsed entries are set aside in a scratch file (search/posting-runs.ts) and read
// back term by term when the cache is written; searches of that run then read them
// from the file written, as a warm run does (or, if it could not be written, work them
// out again from the entries).
import path from "node:path";
import { encodeEntryTerms, forEachPair } from "../search/index-terms.js";
import type { PostingSources, PostingsReader } from "../search/postings.js";
import { PostingRuns } from "../search/posting-runs.js";
import { CACHE_FILE, cachePath, codeFingerprint, loadCache, removeStaleTemps, writableCacheDir, type StoredTerms } from "./cache-file.js";
import { cachePieces, openScratch, writtenPostings, type ScratchFile, type WrittenCache } from "./cache-writing.js";
import { decodeRest, encodeRecord, problemOf, RecordKind, recordHead, storeProblem, type RecordAt } from "./cache-record.js";
import { isCalendarKey } from "../domain/dates.js";
import { inRuns, inStored, journalTerms, type JournalTerms, type TermSource } from "./cache-terms.js";
import { EntryColumns, Int32Column } from "./contents.js";
import { readEntryFile, type FileProblem, type JournalContents, type LoadedEntry } from "./entry-file.js";
import { lazyEntry } from "./lazy-entry.js";
import { RecordFinder } from "./record-finder.js";
import { notEntries } from "./config.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { scanEntries, type FoundFile, type ScannedFile } from "./scan.js";

export { CACHE_DIR, CACHE_FILE, codeFingerprint } from "./cache-file.js";
export type { JournalTerms } from "./cache-terms.js";
export { readBodyFields } from "./lazy-entry.js";

/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

/** The journal, its search index and how the cache was used. */
export interface IndexedJournal {
  contents: JournalContents;
  /** The search index, read on the first call. */
  terms: () => JournalTerms;
  stats: { reused: number; parsed: number; written: boolean };
}

export interface ReadOptions {
  /** Use and update the cache in `.nexus/` (default true). */
  cache?: boolean;
  /** How many postings of parsed entries are held before they are set aside (posting-runs.ts); for tests. */
  batchPostings?: number;
  /** Remember each entry's file as the scan found it, for foundFileOf (default false: list and search do without). */
  identities?: boolean;
}

/** Each entry read by readIndexedJournal -> its file as the scan found it. */
const foundFiles = new WeakMap<LoadedEntry, FoundFile>();

/**
 * The file an entry was read from, as the scan found it: its path, size and change
 * time, the identity this cache keys on (for other caches keyed the same way, such as
 * build-readme's summary cache); undefined for an entry not read by readIndexedJournal
 * with `identities: true`.
 */
export function foundFileOf(entry: LoadedEntry): FoundFile | undefined {
  return foundFiles.get(entry);
}

/** A string of its own: a value parsed from an entry may be a slice that keeps the whole text of the file alive. */
const own = (value: string): string => (value.length >= 13 ? Buffer.from(value).toString() : value);

/**
 * Reads every entry of the journal through the cache: files whose path, size and
 * mtime match a record are not read; the others are read, parsed and recorded.
 * The result is the same as reading every file.
 */
export function readIndexedJournal(journal: Journal, options: ReadOptions = {}): IndexedJournal {
  const useCache = options.cache !== false;
  const identities = options.identities === true;
  const startedAt = Date.now();
  const cached = useCache ? loadCache(cachePath(journal)) : undefined;
  // The stored search index, read when first needed: undefined when it is damaged,
  // and then every entry's terms are worked out again (from its file, for a reused record).
  let storedTerms: StoredTerms | undefined | null = null;
  const stored = (): StoredTerms | undefined => (storedTerms === null ? (storedTerms = cached?.terms()) : storedTerms);

  // The vocabulary is read only when a term id is needed: a search, or a new file.
  let vocabulary: string[] | undefined;
  let termIds: Map<string, number> | undefined;
  const vocabularyNow = () => (vocabulary ??= [...(stored()?.vocabulary ?? [])]);
  const idOf = (term: string): number => {
    const v = vocabularyNow();
    termIds ??= new Map(v.map((t, i) => [t, i]));
    let id = termIds.get(term);
    if (id === undefined) {
      id = v.length;
      const copy = own(term);
      v.push(copy);
      termIds.set(copy, id);
    }
    return id;
  };

  const records = new RecordFinder(cached?.records);
  const lineOf = (record: number): string => records.lineOf(record);
  /** A record's line for its entry: of the cache read, checked against its index (cache-file.ts); made by this read, as made. */
  const recordOf = (record: number): RecordAt | undefined => {
    if (record >= 0) return records.stored!.recordAt(record);
    const line = records.lineOf(record);
    const head = recordHead(line);
    return head?.ok ? { line, dateAt: head.dateAt, rest: head.rest } : undefined;
  };
  /** How many files there are likely to be: as many as records. */
  const expected = records.total + 16;

  // The postings of parsed entries set aside by batches while the cache is built (posting-runs.ts),
  // in a scratch file beside it; undefined when no cache is to be written.
  let runs: PostingRuns | undefined | null = null;
  let scratch: ScratchFile | undefined;
  const runsNow = (): PostingRuns | undefined => {
    if (runs !== null) return runs;
    runs = undefined;
    const dir = useCache ? writableCacheDir(journal) : undefined;
    scratch = dir ? openScratch(path.join(dir, CACHE_FILE)) : undefined;
    if (scratch) runs = new PostingRuns(scratch, options.batchPostings);
    return runs;
  };
  const closeRuns = () => {
    scratch?.close();
    scratch = undefined;
    runs = undefined;
  };
  /** How many records the stored index numbers (the cache read, or the one written). */
  let recordCount = records.total;

  // Each entry is kept as columns, made when asked for (contents.ts); its terms and length by its place there.
  const entries = new EntryColumns(recordOf, decodeRest, identities, (entry, found) => foundFiles.set(entry, found), expected);
  const sources: TermSource[] = [];
  const lengths = new Int32Column(expected);
  const fileProblems: FileProblem[] = [];
  let fileCount = 0;
  /** The records to write (as lineOf takes them), each with its entry's place in `entries` (-1 for a file with problems). */
  const keep = new Int32Column(expected);
  const keepEntries = new Int32Column(expected);
  const keepInos: number[] = [];
  let reused = 0;
  let parsed = 0;
  let changed = false;

  // Each file as the scan finds it: the found files are not kept.
  const visit = (found: ScannedFile): void => {
    fileCount += 1;
    const at = records.find(found);
    // An entry's date and length are in the index of the cache read; warnings and problems in its line.
    const stored = records.stored;
    const kind = at >= 0 ? stored!.kind(at) : -1;
    const plain = kind === RecordKind.entry && isCalendarKey(stored!.dateKey(at));
    const head = at >= 0 && !plain ? stored!.head(at) : undefined;
    let record: number;
    let cacheable = true;
    let position = -1;
    if (plain || head) {
      record = at;
      reused += 1;
      if (plain || head?.ok) {
        position = entries.addRecord(found, record, stored!.dateKey(at));
        sources.push(at);
        lengths.push(stored!.entryLength(at));
        if (head?.ok) for (const w of head.warnings) fileProblems.push(problemOf(w, found.path));
      } else if (head) {
        for (const p of head.problems) fileProblems.push(problemOf(p, found.path));
      }
    } else {
      parsed += 1;
      const result = readEntryFile(found);
      // A file that could not be read may be readable later without a new mtime; a
      // file modified just now may change again within the same mtime tick.
      const transient = !result.ok && result.problems.some((p) => p.message.startsWith("cannot read"));
      if (!transient && found.mtimeMs <= startedAt - RACY_MS) changed = true;
      else cacheable = false;
      if (result.ok) {
        const { entry } = result;
        const terms = encodeEntryTerms(entry, idOf);
        const warnings = result.warnings.map(storeProblem);
        const line = encodeRecord(found.path, found.size, found.changedMs, { ...entry, length: terms.length, warnings });
        record = records.add(line);
        // Its text is let go: title, topic and tags are decoded from its record when
        // asked for, and the body read again from the file, as for a reused record
        // (a first run over 100,000 entries would otherwise hold them all).
        const rest = recordHead(line);
        position = rest?.ok
          ? entries.addRecord(found, record, rest.dateKey)
          : entries.addEntry(
              found,
              lazyEntry({ title: own(entry.title), topic: own(entry.topic), tags: entry.tags.map(own), featured: entry.featured, date: own(entry.date), path: found.path, file: found.file }),
            );
        // Its postings are set aside with the batch (when the cache is to be written), to be read back when it is.
        const runs = cacheable ? runsNow() : undefined;
        if (runs) {
          const kept = keep.length;
          forEachPair(terms.pairs, (id, packed) => runs.add(kept, id, packed));
          runs.entryDone();
          sources.push(-1 - kept);
        } else {
          sources.push(terms.pairs);
        }
        lengths.push(terms.length);
        for (const w of warnings) fileProblems.push(problemOf(w, found.path));
      } else {
        const stored = result.problems.map(storeProblem);
        record = records.add(encodeRecord(found.path, found.size, found.changedMs, { problems: stored }));
        for (const p of stored) fileProblems.push(problemOf(p, found.path));
      }
    }
    if (cacheable) {
      keep.push(record);
      keepEntries.push(position);
      keepInos.push(found.ino);
    }
  };
  const { skipped } = scanEntries(journal.root, journal.entriesDir, notEntries(journal.config), visit);
  const problems: FileProblem[] = skipped.map((s): FileProblem => ({ path: s.path, line: 1, message: s.message, severity: "error" }));
  for (const p of fileProblems) problems.push(p);

  const order = entries.order();

  /** Works out again, from their files, the terms of the entries whose source `which` picks. */
  const encodeAgain = (which: (source: TermSource) => boolean) => {
    sources.forEach((source, i) => {
      if (which(source)) sources[i] = encodeEntryTerms(entries.entry(i), idOf).pairs;
    });
  };
  /**
   * Works the terms of the reused entries out again, from their files: the stored
   * postings are damaged. The vocabulary (whole, or empty when it was damaged too)
   * keeps its ids, which a search may hold already.
   */
  const recomputeStored = () => {
    vocabularyNow();
    storedTerms = undefined;
    encodeAgain(inStored);
  };
  /** Whether every posting of the stored index that is still used can be read. */
  const storedReadable = (ids?: Iterable<number>) => {
    const s = stored();
    if (!s) return !sources.some(inStored);
    return s.postings.readable(ids ?? s.vocabulary.keys());
  };

  let written = false;
  const write = () => {
    const dir = useCache ? writableCacheDir(journal) : undefined;
    let reader: PostingsReader | undefined;
    if (dir) {
      try {
        const s = stored();
        const renumber = new Int32Array(s ? recordCount : 0).fill(-1);
        const fresh: PostingSources["fresh"] = [];
        keepEntries.forEach((entry, k) => {
          if (entry < 0) return;
          const source = sources[entry]!;
          if (typeof source === "string") fresh.push({ record: k, pairs: source });
          else if (source >= 0) renumber[source] = k;
        });
        const postings: PostingSources = { terms: vocabularyNow().length, stored: s ? { postings: s.postings, renumber } : undefined, fresh, runs: runs ?? undefined };
        const target = path.join(dir, CACHE_FILE);
        const out: WrittenCache = {};
        replaceFile(target, cachePieces({ code: codeFingerprint(), records: Array.from(keep, lineOf), inos: keepInos, vocabulary: vocabularyNow(), postings }, out));
        written = true;
        removeStaleTemps(dir);
        // The postings set aside in runs are in the file now, and only there.
        if (runs) reader = writtenPostings(target, out);
      } catch {
        // A cache that cannot be written is only slower.
      }
    }
    if (!runs) return;
    closeRuns();
    if (reader) {
      // From now on the index is the file just written: every kept entry's postings are there under its new record number.
      keepEntries.forEach((entry, k) => entry >= 0 && (sources[entry] = k));
      storedTerms = { vocabulary: vocabularyNow(), postings: reader };
      recordCount = keep.length;
    } else {
      // Not written, or replaced meanwhile: the terms set aside are worked out again from the files.
      encodeAgain(inRuns);
    }
  };
  if (useCache && (changed || (cached !== undefined && keep.length !== records.total))) {
    // Postings of reused records are copied from the stored index: all of it must be whole.
    if (!storedReadable()) recomputeStored();
    write();
  }

  let terms: JournalTerms | undefined;
  return {
    contents: entries.contents(order, problems, fileCount + skipped.length),
    terms: () =>
      (terms ??= journalTerms({
        order,
        sources,
        lengths,
        vocabulary: vocabularyNow,
        stored,
        recordCount: () => recordCount,
        storedReadable,
        repair: () => {
          recomputeStored();
          write();
        },
      })),
    stats: { reused, parsed, written },
  };
}
