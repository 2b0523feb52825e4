// Step 2 of a read through the entry cache (cache.ts): each file the scan finds is
// matched with its record and reused, or read, parsed and recorded. What the read
// keeps: the entries as columns (contents.ts), their terms (cache-terms.ts), the
// problems, and the records to write if the cache is written again (cache-update.ts).
import { isCalendarKey } from "../domain/dates.js";
import type { Entry, Problem } from "../domain/entry.js";
import type { CacheFile } from "./cache-file.js";
import { decodeRest, encodeRecord, problemOf, RecordKind, recordHead, storeProblem, type RecordAt, type RecordHead } from "./cache-record.js";
import { own, TermsOfRead, type TermMaker } from "./cache-terms.js";
import { PostingsAside } from "./cache-writing.js";
import { forEachPair } from "./codec.js";
import { EntryColumns, Int32Column } from "./contents.js";
import { readEntryFile, type FileProblem, type LoadedEntry } from "./entry-file.js";
import { lazyEntry } from "./lazy-entry.js";
import { RecordFinder } from "./record-finder.js";
import type { FoundFile, ScannedFile } from "./scan.js";

/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

export interface ReadOptions {
  /** Use and update the cache in `.nexus/` (default true). */
  cache?: boolean;
  /** How many postings of parsed entries are held before they are set aside (posting-runs.ts); for tests. */
  batchPostings?: number;
  /** Remember each entry's file as the scan found it, for foundFileOf (default false: list and search do without). */
  identities?: boolean;
  /**
   * Make the terms of the entries that will not be cached (modified within RACY_MS, as every
   * file of a fresh clone is) only if the search index is asked for, from their files: a read
   * that never searches (list, build-readme) spares half its work on them (default false).
   */
  termsWhenAsked?: boolean;
}

/** Each entry read through the cache -> its file as the scan found it. */
const foundFiles = new WeakMap<LoadedEntry, FoundFile>();

/**
 * The file an entry was read from, as the scan found it: its path, size and change
 * time, the identity the entry cache keys on (for other caches keyed the same way, such
 * as build-readme's summary cache); undefined for an entry not read through the cache
 * with `identities: true`.
 */
export function foundFileOf(entry: LoadedEntry): FoundFile | undefined {
  return foundFiles.get(entry);
}

/** What became of a file: its record (as RecordFinder.lineOf takes it), its entry's place (-1: a file with problems), whether it may be cached. */
interface Visited {
  record: number;
  position: number;
  cacheable: boolean;
}

/** A read through the cache, as the scan goes. */
export class CacheRead {
  readonly records: RecordFinder;
  /** Each entry, kept as columns and made when asked for; its terms and length by its place there. */
  readonly entries: EntryColumns;
  readonly terms: TermsOfRead;
  /** The postings of parsed entries, set aside by batches while the cache is built; none when it is not to be written. */
  readonly aside: PostingsAside;
  readonly fileProblems: FileProblem[] = [];
  /** The records to write (as lineOf takes them), each with its entry's place in `entries` (-1 for a file with problems), and its file's inode number. */
  readonly keep: Int32Column;
  readonly keepEntries: Int32Column;
  readonly keepInos: number[] = [];
  fileCount = 0;
  reused = 0;
  parsed = 0;
  /** A file was parsed that may be cached: the cache is to be written. */
  changed = false;
  /** The cache was written by this read. */
  written = false;
  private readonly startedAt = Date.now();
  private readonly termsWhenAsked: boolean;

  constructor(
    readonly cached: CacheFile | undefined,
    makeTerms: TermMaker,
    options: ReadOptions & { cacheDir: () => string | undefined },
  ) {
    this.records = new RecordFinder(cached?.records);
    /** How many files there are likely to be: as many as records. */
    const expected = this.records.total + 16;
    const identities = options.identities === true;
    this.entries = new EntryColumns((record) => this.recordOf(record), decodeRest, identities, (entry, found) => foundFiles.set(entry, found), expected);
    this.terms = new TermsOfRead(cached, makeTerms, (place) => this.entries.entry(place), this.records.total, expected);
    this.aside = new PostingsAside(options.cacheDir, options.batchPostings);
    this.keep = new Int32Column(expected);
    this.keepEntries = new Int32Column(expected);
    this.termsWhenAsked = options.termsWhenAsked === true;
  }

  /** A record's line for its entry: of the cache read, checked against its index (cache-file.ts); made by this read, as made. */
  private recordOf(record: number): RecordAt | undefined {
    if (record >= 0) return this.records.stored!.recordAt(record);
    const line = this.records.lineOf(record);
    const head = recordHead(line);
    return head?.ok ? { line, dateAt: head.dateAt, rest: head.rest } : undefined;
  }

  /** Whether the cache is to be written again: a file changed, or a record is no longer of a file. */
  needsWriting(): boolean {
    return this.changed || (this.cached !== undefined && this.keep.length !== this.records.total);
  }

  /** Each file as the scan finds it (the found files are not kept). */
  visit(found: ScannedFile): void {
    this.fileCount += 1;
    const at = this.records.find(found);
    // An entry's date and length are in the index of the cache read; warnings and problems in its line.
    const stored = this.records.stored;
    const plain = at >= 0 && stored!.kind(at) === RecordKind.entry && isCalendarKey(stored!.dateKey(at));
    const head = at >= 0 && !plain ? stored!.head(at) : undefined;
    const done: Visited = plain || head ? { record: at, position: this.reuse(found, at, head), cacheable: true } : this.parse(found);
    if (done.cacheable) {
      this.keep.push(done.record);
      this.keepEntries.push(done.position);
      this.keepInos.push(found.ino);
    }
  }

  /** A file whose record matches (`head`: its line's head, when the index alone does not say it is a plain entry): used, not read. Returns its entry's place, or -1. */
  private reuse(found: ScannedFile, at: number, head: RecordHead | undefined): number {
    this.reused += 1;
    const stored = this.records.stored!;
    if (head && !head.ok) {
      for (const p of head.problems) this.fileProblems.push(problemOf(p, found.path));
      return -1;
    }
    const position = this.entries.addRecord(found, at, stored.dateKey(at));
    this.terms.add(at, stored.entryLength(at));
    if (head?.ok) for (const w of head.warnings) this.fileProblems.push(problemOf(w, found.path));
    return position;
  }

  /** A file without a record that matches: read, parsed and recorded. */
  private parse(found: ScannedFile): Visited {
    this.parsed += 1;
    const result = readEntryFile(found);
    // A file that could not be read may be readable later without a new mtime; a
    // file modified just now may change again within the same mtime tick.
    const transient = !result.ok && result.problems.some((p) => p.message.startsWith("cannot read"));
    const cacheable = !transient && found.mtimeMs <= this.startedAt - RACY_MS;
    if (cacheable) this.changed = true;
    if (result.ok) return { ...this.parsedEntry(found, result.entry, result.warnings, cacheable), cacheable };
    const problems = result.problems.map(storeProblem);
    for (const p of problems) this.fileProblems.push(problemOf(p, found.path));
    return { record: this.records.add(encodeRecord(found.path, found.size, found.changedMs, { problems })), position: -1, cacheable };
  }

  /**
   * An entry just parsed: its record, its place in `entries`, and its terms (set aside with the
   * batch when it is to be cached; made when asked for, when it is not and the read says so).
   */
  private parsedEntry(found: ScannedFile, entry: Entry, problems: Problem[], cacheable: boolean): { record: number; position: number } {
    // Its length (a record's, for ranking) is known once its terms are made: 0 until then, in a record never written.
    const terms = cacheable || !this.termsWhenAsked ? this.terms.make(entry) : undefined;
    const warnings = problems.map(storeProblem);
    const line = encodeRecord(found.path, found.size, found.changedMs, { ...entry, length: terms?.length ?? 0, warnings });
    const record = this.records.add(line);
    // Its text is let go: title, topic and tags are decoded from its record when
    // asked for, and the body read again from the file, as for a reused record
    // (a first run over 100,000 entries would otherwise hold them all).
    const rest = recordHead(line);
    const position = rest?.ok
      ? this.entries.addRecord(found, record, rest.dateKey)
      : this.entries.addEntry(
          found,
          lazyEntry({ title: own(entry.title), topic: own(entry.topic), tags: entry.tags.map(own), featured: entry.featured, date: own(entry.date), path: found.path, file: found.file }),
        );
    const runs = cacheable ? this.aside.runs() : undefined;
    if (!terms) {
      this.terms.add(null, 0);
    } else if (runs) {
      const kept = this.keep.length;
      forEachPair(terms.pairs, (id, packed) => runs.add(kept, id, packed));
      runs.entryDone();
      this.terms.add(-1 - kept, terms.length);
    } else {
      this.terms.add(terms.pairs, terms.length);
    }
    for (const w of warnings) this.fileProblems.push(problemOf(w, found.path));
    return { record, position };
  }
}
