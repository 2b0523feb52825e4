// The entries of a journal read, kept as columns until something asks for them.
// A read of 10,000 entries through the cache would otherwise make 10,000 entries
// (each with its path, file and date as strings) that all outlive a garbage
// collection or two, for `list --limit 10` to show ten of them: an entry is made
// the first time it is asked for, and every entry when `entries` is.
import { calendarDateKey, keyDate } from "../domain/dates.js";
import { newestFirstBy, type FileProblem, type JournalContents, type LoadedEntry } from "./entry-file.js";
import { lazyEntry, type HeadDecoder } from "./lazy-entry.js";
import { headFromFile, type RecordAt } from "./cache-record.js";
import { pathIn, type FoundFile, type ScannedFile, type ScannedFolder } from "./scan.js";

/** Whole numbers (32 bits) pushed one by one, kept outside the JavaScript heap (a garbage collection does not copy them). */
export class Int32Column implements Iterable<number> {
  private data: Int32Array;
  length = 0;

  /** `capacity`: how many are expected (more can be pushed). */
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const more = new Int32Array(this.data.length * 2);
      more.set(this.data);
      this.data = more;
    }
    this.data[this.length++] = value;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  forEach(visit: (value: number, i: number) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.data[i]!, i);
  }

  [Symbol.iterator](): Iterator<number> {
    return this.data.subarray(0, this.length)[Symbol.iterator]();
  }
}

/** The tags of an entry until its record is decoded (never seen: reading tags decodes it first). */
const NO_TAGS: string[] = [];

/**
 * The line of a record, checked against what the index said of it; undefined when the two
 * disagree (a cache made by hand): the entry's fields are then taken from its file.
 */
export type RecordOf = (record: number) => RecordAt | undefined;

export class EntryColumns {
  /** Each entry's date as YYYYMMDD (calendarDateKey), or -1 when it is not one, then compared as text. */
  private readonly dateKeys: Int32Column;
  /** Each entry's folder, as a place in `folderList`. */
  private readonly folders: Int32Column;
  private readonly folderList: ScannedFolder[] = [];
  private readonly names: string[];
  /** The record each entry is decoded from (as recordOf takes it). */
  private readonly records: Int32Column;
  /** Entries made when they were read (an entry whose record could not be decoded), by place. */
  private readonly early = new Map<number, LoadedEntry>();
  /** The entries made so far, by place (made when the first is asked for). */
  private made: (LoadedEntry | undefined)[] | undefined;
  /** The target of each entry that is a link. */
  private readonly targets = new Map<number, string>();
  /** Each entry's file as the scan found it, when they are kept (identities). */
  private readonly found: FoundFile[] | undefined;

  constructor(
    private readonly recordOf: RecordOf,
    private readonly decode: HeadDecoder,
    keepFound: boolean,
    /** Called with each entry and its file as the scan found it, when it is made (and keepFound). */
    private readonly onMade?: (entry: LoadedEntry, found: FoundFile) => void,
    /** How many entries are expected: the columns are made that long (more can be added). */
    capacity = 1024,
  ) {
    this.found = keepFound ? [] : undefined;
    this.dateKeys = new Int32Column(capacity);
    this.folders = new Int32Column(capacity);
    this.records = new Int32Column(capacity);
    this.names = new Array<string>(capacity);
  }

  get length(): number {
    return this.folders.length;
  }

  private push(found: ScannedFile, dateKey: number): number {
    const i = this.folders.length;
    this.dateKeys.push(dateKey);
    const folder = this.folderList.length > 0 && this.folderList[this.folderList.length - 1] === found.folder ? this.folderList.length - 1 : this.folderList.indexOf(found.folder);
    this.folders.push(folder >= 0 ? folder : this.folderList.push(found.folder) - 1);
    this.names[i] = found.name;
    if (found.target !== undefined) this.targets.set(i, found.target);
    this.found?.push(found);
    return i;
  }

  /** An entry whose date is `dateKey` (a calendar date) and whose other fields are decoded from its record when first asked for; returns its place. */
  addRecord(found: ScannedFile, record: number, dateKey: number): number {
    const i = this.push(found, dateKey);
    this.records.push(record);
    return i;
  }

  /** An entry made already; returns its place. */
  addEntry(found: ScannedFile, entry: LoadedEntry): number {
    const i = this.push(found, calendarDateKey(entry.date, 0));
    this.records.push(0);
    this.early.set(i, entry);
    if (this.found) this.onMade?.(entry, found);
    return i;
  }

  private folderOf(i: number): ScannedFolder {
    return this.folderList[this.folders.at(i)]!;
  }

  private pathOf(i: number): string {
    return pathIn(this.folderOf(i), this.names[i]!);
  }

  private dateOf(i: number): string {
    return this.early.get(i)?.date ?? keyDate(this.dateKeys.at(i));
  }

  /** newestFirst of two entries by their places: dates as numbers, and paths (made only when the dates are the same). */
  private newestFirst(a: number, b: number): number {
    const x = this.dateKeys.at(a);
    const y = this.dateKeys.at(b);
    if (x >= 0 && y >= 0 && x !== y) return x < y ? 1 : -1;
    // Two files of one folder: their paths compare as their names do.
    if (x === y && x >= 0 && this.folders.at(a) === this.folders.at(b)) {
      const nameA = this.names[a]!;
      const nameB = this.names[b]!;
      return nameA < nameB ? 1 : nameA > nameB ? -1 : 0;
    }
    return newestFirstBy(this.dateOf(a), this.pathOf(a), this.dateOf(b), this.pathOf(b));
  }

  /** The places of the entries, newest first. */
  order(): ArrayLike<number> & Iterable<number> {
    const n = this.folders.length;
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = n - 1 - k;
    // Files are scanned by name, and names start with the date: reversed, they are
    // usually in order already, which is checked in one pass instead of sorting.
    const before = (a: number, b: number) => this.newestFirst(a, b);
    for (let k = 1; k < n; k++) if (before(order[k - 1]!, order[k]!) > 0) return [...order].sort(before);
    return order;
  }

  /** The entry at a place, made the first time it is asked for. */
  entry(i: number): LoadedEntry {
    const made = (this.made ??= new Array<LoadedEntry | undefined>(this.folders.length));
    let entry = made[i] ?? this.early.get(i);
    if (entry) return entry;
    // One line for its date and its head fields; none when it is not what the index said (its file is read then).
    const folder = this.folderOf(i);
    const name = this.names[i]!;
    const record = this.recordOf(this.records.at(i));
    const file = this.targets.get(i) ?? folder.prefix + name;
    const path = pathIn(folder, name);
    if (record) {
      const date = record.line.slice(record.dateAt, record.dateAt + 10);
      entry = lazyEntry({ title: "", topic: "", tags: NO_TAGS, featured: false, date, path, file }, this.decode, record.line, record.rest);
    } else {
      const { title, topic, tags, featured, date } = headFromFile({ path, file });
      entry = lazyEntry({ title, topic, tags, featured, date: date ?? keyDate(this.dateKeys.at(i)), path, file });
    }
    made[i] = entry;
    const found = this.found?.[i];
    if (found) this.onMade?.(entry, found);
    return entry;
  }

  /** The journal's contents, entries in `order` (each made when first asked for). */
  contents(order: ArrayLike<number> & Iterable<number>, problems: FileProblem[], fileCount: number): JournalContents {
    const entry = (i: number) => this.entry(i);
    let all: LoadedEntry[] | undefined;
    return {
      problems,
      fileCount,
      count: order.length,
      entryAt: (place) => entry(order[place]!),
      get entries() {
        return (all ??= Array.from(order, entry));
      },
    };
  }
}
