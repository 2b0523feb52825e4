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
//
// A first run over a large journal holds no entry's terms: the postings of each batch
// of parsed entries are set aside in a scratch file (search/posting-runs.ts) and read
// back term by term when the cache is written; searches of that run then read them
// from the file written, as a warm run does (or, if it could not be written, work them
// out again from the entries).
import fs from "node:fs";
import path from "node:path";
import { encodeEntryTerms, forEachPair } from "../search/index-terms.js";
import { forEachPosting, type PostingSources, type PostingsReader } from "../search/postings.js";
import { PostingRuns } from "../search/posting-runs.js";
import { CACHE_FILE, cachePath, codeFingerprint, loadCache, removeStaleTemps, writableCacheDir, type StoredTerms } from "./cache-file.js";
import { cachePieces, openScratch, writtenPostings, type ScratchFile, type WrittenCache } from "./cache-writing.js";
import { encodeRecord, problemOf, recordHead, recordMatches, recordPath, recordRest, storeProblem } from "./cache-record.js";
import { EntryColumns, Int32Column } from "./contents.js";
import { readEntryFile, type FileProblem, type JournalContents, type LoadedEntry } from "./entry-file.js";
import { lazyEntry, type HeadDecoder } from "./lazy-entry.js";
import { notEntries } from "./config.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { scanEntries, type FoundFile, type ScannedFile } from "./scan.js";

export { CACHE_DIR, CACHE_FILE, codeFingerprint } from "./cache-file.js";
export { readBodyFields } from "./lazy-entry.js";

/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

/** The search index of the journal. */
export interface JournalTerms {
  /** Every term, by id. Some may no longer be used by any entry. */
  vocabulary: string[];
  /** For each of `contents.entries` (same order), how many terms it has (as often as they occur, at most MAX_REPEAT times a field). */
  lengths: Uint32Array;
  /** Calls `visit` with each entry (its place in `contents.entries`) that has one of the terms, and how often it has it in each field (packed, see index-terms.ts). */
  forEachPosting: (ids: Iterable<number>, visit: (entry: number, id: number, packed: number) => void) => void;
}

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

/**
 * Where an entry's terms are: in the stored index (under its record number there), set aside
 * in postings runs while the cache is written (-1 - its new record number), or given as (id, packed) pairs.
 */
type TermSource = number | string;
const inStored = (source: TermSource): boolean => typeof source === "number" && source >= 0;
/** Whether an entry's terms are set aside in posting runs. */
const inRuns = (source: TermSource): boolean => typeof source === "number" && source < 0;

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
 * Title, topic, tags and featured of a reused record. A record whose values are not
 * what parsing could give (a cache made by hand with right checksums) is not used:
 * the file is parsed instead.
 */
const restOf: HeadDecoder = (line, rest, entry) => {
  const fields = recordRest(line, rest);
  if (fields) return fields;
  const result = readEntryFile({ ...entry, size: fs.statSync(entry.file, { throwIfNoEntry: false })?.size ?? 0 });
  if (result.ok) return { title: result.entry.title, topic: result.entry.topic, tags: result.entry.tags, featured: result.entry.featured };
  return { title: entry.path.slice(entry.path.lastIndexOf("/") + 1), topic: "?", tags: [], featured: false };
};

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

  // Records are written in scan order, so they are usually met in order; a Map
  // is built only when they are not.
  const records = cached?.records;
  const recordTotal = records?.length ?? 0;
  let cursor = 0;
  let byPath: Map<string, number> | undefined;
  /** The line of the record recordAt found last. */
  let matched = "";
  const recordAt = (found: ScannedFile): number => {
    const folder = found.folder.rel;
    if (!byPath && cursor < recordTotal) {
      const line = records!.line(cursor);
      if (recordMatches(line, folder, found.name, found.size, found.changedMs)) {
        matched = line;
        return cursor++;
      }
    }
    if (!byPath) {
      byPath = new Map();
      for (let i = 0; i < recordTotal; i++) {
        const p = recordPath(records!.line(i));
        if (p !== undefined) byPath.set(p, i);
      }
    }
    const at = byPath.get(found.path);
    if (at === undefined) return -1;
    const line = records!.line(at);
    if (!recordMatches(line, folder, found.name, found.size, found.changedMs)) return -1;
    matched = line;
    return at;
  };
  /** The records made by this read, of the files parsed: record -1 - k is fresh[k]. */
  const fresh: string[] = [];
  const lineOf = (record: number): string => (record >= 0 ? records!.line(record) : fresh[-1 - record]!);
  /** Keeps a record made by this read; returns its number for lineOf. */
  const addFresh = (line: string): number => -1 - (fresh.push(line) - 1);

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
  let recordCount = recordTotal;
  /** Old record number → place in contents.entries, worked out at the first search. */
  let place: Int32Array | undefined;

  // Each entry is kept as columns, made when asked for (contents.ts); its terms and length by its place there.
  const entries = new EntryColumns(lineOf, restOf, identities, (entry, found) => foundFiles.set(entry, found));
  const sources: TermSource[] = [];
  const lengths = new Int32Column();
  const fileProblems: FileProblem[] = [];
  let fileCount = 0;
  /** The records to write (as lineOf takes them), each with its entry's place in `entries` (-1 for a file with problems). */
  const keep = new Int32Column();
  const keepEntries = new Int32Column();
  let reused = 0;
  let parsed = 0;
  let changed = false;

  // Each file as the scan finds it: the found files are not kept.
  const visit = (found: ScannedFile): void => {
    fileCount += 1;
    const at = recordAt(found);
    const head = at >= 0 ? recordHead(matched) : undefined;
    let record: number;
    let cacheable = true;
    let position = -1;
    if (head) {
      record = at;
      reused += 1;
      if (head.ok) {
        position = entries.addRecord(found, record, head.dateKey, head.dateAt, head.rest);
        sources.push(at);
        lengths.push(head.length);
        for (const w of head.warnings) fileProblems.push(problemOf(w, found.path));
      } else {
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
        record = addFresh(line);
        // Its text is let go: title, topic and tags are decoded from its record when
        // asked for, and the body read again from the file, as for a reused record
        // (a first run over 100,000 entries would otherwise hold them all).
        const rest = recordHead(line);
        position = rest?.ok
          ? entries.addRecord(found, record, rest.dateKey, rest.dateAt, rest.rest)
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
        record = addFresh(encodeRecord(found.path, found.size, found.changedMs, { problems: stored }));
        for (const p of stored) fileProblems.push(problemOf(p, found.path));
      }
    }
    if (cacheable) {
      keep.push(record);
      keepEntries.push(position);
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
        replaceFile(target, cachePieces({ code: codeFingerprint(), records: Array.from(keep, lineOf), vocabulary: vocabularyNow(), postings }, out));
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
      place = undefined;
    } else {
      // Not written, or replaced meanwhile: the terms set aside are worked out again from the files.
      encodeAgain(inRuns);
    }
  };
  if (useCache && (changed || (cached !== undefined && keep.length !== recordTotal))) {
    // Postings of reused records are copied from the stored index: all of it must be whole.
    if (!storedReadable()) recomputeStored();
    write();
  }

  let terms: JournalTerms | undefined;
  return {
    contents: entries.contents(order, problems, fileCount + skipped.length),
    terms: () => {
      if (terms) return terms;
      // A damaged vocabulary: the reused entries' terms are worked out before a search takes ids from it.
      if (!storedReadable([])) {
        recomputeStored();
        write();
      }
      const positionOf = new Int32Array(entries.length);
      for (let p = 0; p < order.length; p++) positionOf[order[p]!] = p;
      const placesOfRecords = () => {
        const places = new Int32Array(recordCount).fill(-1);
        sources.forEach((source, i) => inStored(source) && (places[source as number] = positionOf[i]!));
        return places;
      };
      terms = {
        vocabulary: vocabularyNow(),
        lengths: Uint32Array.from(order, (i) => lengths.at(i)),
        forEachPosting: (ids, visit) => {
          const wanted = [...ids];
          if (!storedReadable(wanted)) {
            recomputeStored();
            write();
          }
          const s = stored();
          if (s) {
            // Old record number → place in contents.entries, for the records in use: worked out
            // once for every query of this index (the interactive search asks at each key).
            const places = (place ??= placesOfRecords());
            for (const id of wanted) {
              const line = s.postings.line(id);
              if (line) forEachPosting(line, (record, packed) => record < places.length && places[record]! >= 0 && visit(places[record]!, id, packed));
            }
          }
          const want = new Uint8Array(vocabularyNow().length);
          for (const id of wanted) if (id >= 0 && id < want.length) want[id] = 1;
          sources.forEach((source, i) => {
            if (typeof source === "string") forEachPair(source, (id, packed) => want[id] === 1 && visit(positionOf[i]!, id, packed));
          });
        },
      };
      return terms;
    },
    stats: { reused, parsed, written },
  };
}
