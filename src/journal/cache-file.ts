// The file format of the entry cache (`.nexus/entry-cache`) and how it is checked
// (how it is written: cache-writing.ts).
//
// Five parts: the records (one line per entry file, see cache-record.ts); the postings (search/postings.ts); the search vocabulary (one
// term a line) and the directory of the postings blocks; the record index (numbers:
// each record's size, change time, kind, date and length, and where its line starts),
// with which a read matches files and sorts entries without decoding a line; last, a
// JSON header with the length and place of each part (last, so that the file is
// written in one pass with the postings made a block at a time). `list` reads only
// the header, the records and the index, and decodes the lines of the entries it
// shows; a search also reads the vocabulary and the blocks of the terms it needs.
//
// Nothing read from it is trusted more than an entry file: the header holds the
// length and CRC-32 of the records and of the vocabulary, the directory those of
// each postings block, so a cut or a flipped byte makes the part unused (and the
// cache rebuilt), and every value of a record is checked as parseEntry checks it
// (a calendar date, one-line title, topic and tags within the limits, problems
// with a line number).
import { isAscii } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import type { Journal } from "./root.js";
import { TEMP_FILE } from "./safe-write.js";
import { PostingsReader } from "../search/postings.js";
import { RecordKind, recordHead, recordPath, type RecordAt, type RecordHead } from "./cache-record.js";

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache";
export const FORMAT = "nexus-entry-cache";
/** 4: stemmed terms by field with counts, checksums. 5: records as lines (cache-record.ts), postings by term in checked blocks. 6: the record index. 7: files' inode numbers in it. */
export const VERSION = 7;

export interface Header {
  format: string;
  version: number;
  /** Which build of the parsing code made the records (see codeFingerprint). */
  code: string;
  records: number;
  terms: number;
  /** Byte length and CRC-32 of the records part and of the vocabulary part; the byte length of the postings. */
  recordBytes: number;
  recordCrc: number;
  vocabularyBytes: number;
  vocabularyCrc: number;
  postingBytes: number;
  /** Byte length and CRC-32 of the record index, and the byte order of its numbers (true: little-endian). */
  indexBytes: number;
  indexCrc: number;
  littleEndian: boolean;
}

/** The byte order of this machine, which the numbers of the record index are written in. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The search part of a cache file, read when a search asks for it. */
export interface StoredTerms {
  vocabulary: string[];
  postings: PostingsReader;
}

/**
 * The records of a cache file, one line per file (cache-record.ts), and their index: a
 * file is matched with its record and an entry sorted by the numbers of the index and
 * the bytes of the path, and a line is decoded only when its entry is looked at, so
 * that a read of 100,000 records makes no string for them.
 */
export class StoredRecords {
  /** All the lines as one string, once many are asked for (build-readme asks for every one); null when they are not the index's lines. */
  private text: RecordLines | undefined | null;
  private decoded = 0;

  constructor(
    /** The lines, each ended by a newline but the last. */
    private readonly bytes: Buffer,
    private readonly index: RecordIndex,
  ) {}

  get length(): number {
    return this.index.kind.length;
  }

  /** The line of record `i`: decoded alone, or, past LINES_ALONE lines, cut from all of them decoded at once. */
  line(i: number): string {
    if (this.text === undefined && (this.decoded += 1) > LINES_ALONE) {
      // ASCII (as most records are) is decoded as Latin-1: the same characters, without checking UTF-8.
      const text = RecordLines.of(isAscii(this.bytes) ? this.bytes.toString("latin1") : this.bytes.toString("utf8"));
      // A newline inside a line (a cache made by hand) would shift every line after it: they stay decoded alone then.
      this.text = text.count === this.length ? text : null;
    }
    if (this.text) return this.text.line(i);
    const starts = this.index.lineStart;
    return this.bytes.toString("utf8", starts[i]!, starts[i + 1]! - 1);
  }

  kind(i: number): number {
    return this.index.kind[i]!;
  }

  dateKey(i: number): number {
    return this.index.dateKey[i]!;
  }

  entryLength(i: number): number {
    return this.index.length[i]!;
  }

  /**
   * Whether record `i` is of this file as it is now: the same path (`folder/name`, or
   * `name` when folder is ""), size, change time and inode number (two folders whose
   * names are swapped keep their files' size and change time). The path is compared with the bytes of
   * the line: the file's path is never made as a string when the record matches.
   */
  matches(i: number, folder: string, name: string, size: number, changedMs: number, ino: number): boolean {
    const index = this.index;
    if (index.size[i] !== size || index.changedMs[i] !== changedMs || index.ino[i] !== ino || index.kind[i] === RecordKind.unusable) return false;
    const bytes = this.bytes;
    let at = index.lineStart[i]!;
    if (bytes[at] === 0x1d) return this.pathOf(i) === (folder ? `${folder}/${name}` : name);
    if (folder) {
      at = asciiAt(bytes, at, folder);
      if (at < 0 || bytes[at] !== 0x2f) return at === -2 && this.pathOf(i) === `${folder}/${name}`;
      at += 1;
    }
    at = asciiAt(bytes, at, name);
    if (at === -2) return this.pathOf(i) === (folder ? `${folder}/${name}` : name);
    return at >= 0 && bytes[at] === 0x1f;
  }

  /**
   * What a read needs of record `i` (after `matches` said it is the file's) that the index
   * does not hold: the warnings or problems, decoded from its line; undefined when the
   * line does not say what the index says.
   */
  head(i: number): RecordHead | undefined {
    const kind = this.index.kind[i]!;
    const head = recordHead(this.line(i));
    if (!head || head.ok !== (kind !== RecordKind.problems)) return undefined;
    if (head.ok && (head.dateKey !== this.index.dateKey[i] || head.length !== this.index.length[i] || (head.warnings.length > 0) !== (kind === RecordKind.warned))) return undefined;
    return head;
  }

  /**
   * Record `i`'s line, with where its date and head fields are, when its values are ones
   * parsing could give and its date and length those of the index (by which the entry was
   * sorted and ranked); undefined otherwise (a cache made by hand). Its path, size and
   * change time are not compared again: the index matched them with the file, and a line
   * nexus wrote says the same (the index is worked out from the lines).
   */
  recordAt(i: number): RecordAt | undefined {
    const line = this.line(i);
    const index = this.index;
    const head = recordHead(line);
    if (!head?.ok || head.dateKey !== index.dateKey[i] || head.length !== index.length[i]) return undefined;
    return { line, dateAt: head.dateAt, rest: head.rest };
  }

  /** The path record `i` is of; undefined for a line of no file. */
  pathOf(i: number): string | undefined {
    return recordPath(this.line(i));
  }
}

/** How many lines of a cache's records are decoded one by one before all are decoded at once. */
const LINES_ALONE = 256;

/** Lines of a text, cut when asked for. */
class RecordLines {
  private constructor(
    private readonly text: string,
    /** Where each line starts, and one past the end of the last. */
    private readonly starts: Int32Array,
  ) {}

  static of(text: string): RecordLines {
    let n = text === "" ? 0 : 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n += 1;
    const starts = new Int32Array(n + 1);
    let k = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts[k++] = at + 1;
    starts[n] = text.length + 1;
    return new RecordLines(text, starts);
  }

  get count(): number {
    return this.starts.length - 1;
  }

  line(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }
}

/**
 * Where `text` ends when the bytes at `at` are it, as ASCII: -1 when they are not,
 * -2 when `text` is not ASCII or has a control character (its bytes are compared as a
 * string then: such a path is written as GS and JSON, and a name with US in it could
 * otherwise match the start of another file's line).
 */
function asciiAt(bytes: Uint8Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80 || c < 0x20) return -2;
    if (bytes[at + k] !== c) return -1;
  }
  return at + text.length;
}

/** The record index of a cache file: for each record its file's size, change time and inode number, its kind, date key and length; where each line starts (and one past the end). */
export interface RecordIndex {
  size: Float64Array;
  changedMs: Float64Array;
  ino: Float64Array;
  kind: Int32Array;
  dateKey: Int32Array;
  length: Int32Array;
  lineStart: Int32Array;
}

/** The byte length of the record index of `n` records. */
export const indexBytesOf = (n: number): number => 24 * n + 12 * n + 4 * (n + 1);

/** The record index as written: its numbers in this order, in the machine's byte order. */
export function indexPart(index: RecordIndex): Uint8Array {
  const n = index.kind.length;
  const out = new Uint8Array(indexBytesOf(n));
  let at = 0;
  for (const column of [index.size, index.changedMs, index.ino, index.kind, index.dateKey, index.length, index.lineStart]) {
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += column.byteLength;
  }
  return out;
}

/**
 * The record index of `n` records, as indexPart wrote it, at the start of `bytes` (an
 * ArrayBuffer of its own, where its numbers are read in place); undefined when its line
 * starts are not those of `records`, or a kind or length is none nexus writes.
 */
function readIndex(bytes: ArrayBuffer, length: number, n: number, records: Uint8Array): RecordIndex | undefined {
  if (length !== indexBytesOf(n)) return undefined;
  let at = 0;
  const f64 = () => new Float64Array(bytes, (at += 8 * n) - 8 * n, n);
  const i32 = (count: number) => new Int32Array(bytes, (at += 4 * count) - 4 * count, count);
  const index: RecordIndex = { size: f64(), changedMs: f64(), ino: f64(), kind: i32(n), dateKey: i32(n), length: i32(n), lineStart: i32(n + 1) };
  // Each line starts after the newline that ends the one before; the last ends where the part does.
  const starts = index.lineStart;
  if (starts[0] !== 0 || starts[n] !== (n === 0 ? 0 : records.length + 1)) return undefined;
  for (let i = 1; i <= n; i++) {
    const start = starts[i]!;
    if (start <= starts[i - 1]! || (i < n && records[start - 1] !== 10)) return undefined;
    const kind = index.kind[i - 1]!;
    if (kind < 0 || kind > RecordKind.unusable || index.length[i - 1]! < 0) return undefined;
  }
  return index;
}

/** A cache file as read: the records at once, the search terms on demand. */
export interface CacheFile {
  /** One line per file (cache-record.ts), decoded when asked for. */
  records: StoredRecords;
  /** The vocabulary and the postings; undefined when that part is damaged (or the file was replaced meanwhile). */
  terms: () => StoredTerms | undefined;
}

// What a file parses to depends on the code that parses it: a record made by
// another build of nexus (an upgrade, or a rebuild while developing) is not used.
const PARSING_MODULES = [
  "../domain/entry", "../domain/frontmatter", "../domain/sections", "../domain/dates", "./entry-file", "./cache", "./cache-file", "./cache-record",
  "./cache-writing", "../search/tokens", "../search/fields", "../search/index-terms", "../search/codec", "../search/postings", "../search/posting-runs",
];
let fingerprint: string | undefined;

/** Set by scripts/build.js in the bundle: a hash of the sources and the lock file. */
declare const NEXUS_CODE_FINGERPRINT: string | undefined;

/** The build's fingerprint; unbundled (tests of src), the size and mtime of each module that decides what a record holds. */
export function codeFingerprint(): string {
  if (fingerprint === undefined && typeof NEXUS_CODE_FINGERPRINT === "string") fingerprint = NEXUS_CODE_FINGERPRINT;
  if (fingerprint === undefined) {
    const self = fileURLToPath(import.meta.url);
    const extension = path.extname(self);
    fingerprint = PARSING_MODULES.map((m) => {
      try {
        const stat = fs.statSync(path.resolve(path.dirname(self), `${m}${extension}`));
        return `${stat.size}:${Math.round(stat.mtimeMs)}`;
      } catch {
        return "?";
      }
    }).join(",");
  }
  return fingerprint;
}

export function cachePath(journal: Journal): string {
  return path.join(journal.root, CACHE_DIR, CACHE_FILE);
}

export const crc32 = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

/** Reads `length` bytes at `position` of an open file; fewer when the file is shorter. */
export function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Where the parts of a cache file start, from its trailer. */
interface Layout {
  header: Header;
  /** The trailer as written: two readers saw the same file when they saw the same trailer. */
  trailer: Buffer;
  postings: number;
  vocabulary: number;
  index: number;
}

/** A small file is read whole; of a larger one, the end first. */
const WHOLE_FILE = 64 * 1024;
const TAIL = 4096;

/** Reads and checks the trailer of an open cache file; the bytes read come along (all of a small file, from `at`). */
export function readLayout(fd: number): { layout: Layout; bytes: Buffer; at: number } | undefined {
  const size = fs.fstatSync(fd).size;
  const at = size <= WHOLE_FILE ? 0 : size - TAIL;
  const bytes = readAt(fd, at, size - at);
  if (bytes.length !== size - at) return undefined;
  const start = bytes.lastIndexOf(10) + 1;
  if (start === 0) return undefined;
  const header = JSON.parse(bytes.toString("utf8", start)) as Partial<Header>;
  if (header.format !== FORMAT || header.version !== VERSION || header.code !== codeFingerprint()) return undefined;
  const counts = [header.records, header.terms, header.recordBytes, header.recordCrc, header.vocabularyBytes, header.vocabularyCrc, header.postingBytes, header.indexBytes, header.indexCrc];
  if (!counts.every((n) => Number.isInteger(n) && (n as number) >= 0) || header.littleEndian !== LITTLE_ENDIAN) return undefined;
  const h = header as Header;
  const postings = h.recordBytes + 1;
  const vocabulary = postings + h.postingBytes;
  const index = vocabulary + h.vocabularyBytes + 1;
  if (index + h.indexBytes + 1 !== at + start) return undefined;
  return { layout: { header: h, trailer: Buffer.from(bytes.subarray(start)), postings, vocabulary, index }, bytes, at };
}

/** Reads the search part of a cache file: vocabulary and directory now, postings blocks when asked. */
function readTerms(fd: number, layout: Layout): StoredTerms | undefined {
  const { header } = layout;
  const part = readAt(fd, layout.vocabulary, header.vocabularyBytes + 1);
  if (part.length !== header.vocabularyBytes + 1 || part[header.vocabularyBytes] !== 10) return undefined;
  const bytes = part.subarray(0, header.vocabularyBytes);
  if (crc32(bytes) !== header.vocabularyCrc) return undefined;
  // The vocabulary, one term a line, then the directory as the last line.
  const lines = bytes.toString("utf8").split("\n");
  const directory = JSON.parse(lines.pop()!) as unknown;
  if (lines.length !== header.terms || !PostingsReader.valid(directory, header.terms, header.postingBytes)) return undefined;
  const postings = new PostingsReader(header.terms, directory, (offset, length) => {
    try {
      return readAt(fd, layout.postings + offset, length);
    } catch {
      return undefined;
    }
  });
  return { vocabulary: lines, postings };
}

// Open files of cache terms, closed when their reader is collected (or at exit).
export const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Closed already.
  }
});

/** Reads the cache file; undefined when it is missing, of another version or damaged. */
export function loadCache(file: string): CacheFile | undefined {
  let fd: number | undefined;
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    fd = fs.openSync(file, "r");
    const read = readLayout(fd);
    if (!read) return undefined;
    const { layout, bytes, at } = read;
    const { header } = layout;
    const recordPart = at === 0 ? bytes.subarray(0, header.recordBytes + 1) : readAt(fd, 0, header.recordBytes + 1);
    if (recordPart.length !== header.recordBytes + 1 || recordPart[header.recordBytes] !== 10) return undefined;
    const recordBytes = recordPart.subarray(0, header.recordBytes);
    if (crc32(recordBytes) !== header.recordCrc) return undefined;
    // The index is read into memory of its own: its numbers are read in place.
    const indexPart = new Uint8Array(header.indexBytes + 1);
    if (at === 0) indexPart.set(bytes.subarray(layout.index, layout.index + indexPart.length));
    else if (fs.readSync(fd, indexPart, 0, indexPart.length, layout.index) !== indexPart.length) return undefined;
    const indexBytes = indexPart.subarray(0, header.indexBytes);
    if (indexPart[header.indexBytes] !== 10 || crc32(indexBytes) !== header.indexCrc) return undefined;
    const index = readIndex(indexPart.buffer, header.indexBytes, header.records, recordBytes);
    if (!index) return undefined;
    const records = new StoredRecords(recordBytes, index);
    fs.closeSync(fd);
    fd = undefined;
    let terms: StoredTerms | undefined | null = null;
    return {
      records,
      terms: () => {
        if (terms !== null) return terms;
        terms = undefined;
        // The file may have been replaced since: its terms are used only when its trailer is the same
        // (which holds the CRC-32 of the records and of the vocabulary).
        let termsFd: number | undefined;
        try {
          termsFd = fs.openSync(file, "r");
          const again = readLayout(termsFd);
          if (again && again.layout.trailer.equals(layout.trailer)) terms = readTerms(termsFd, again.layout);
        } catch {
          terms = undefined;
        }
        if (terms && termsFd !== undefined) openFiles.register(terms, termsFd);
        else if (termsFd !== undefined) fs.closeSync(termsFd);
        return terms;
      },
    };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Younger than this, a temporary file may belong to a write still going on. */
const SETTLED_MS = 60_000;

/** What follows `.NAME.` in the name of a temporary file of NAME (safe-write.ts tempPath): `PID.HEX.tmp`. */
const TEMP_TAIL = /^\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files that interrupted writes of the cache files `caches`
 * (the entry cache by default) left in `.nexus/`: only names nexus gives them, only
 * regular files, only ones settled for a minute (a younger one may be a write going on).
 */
export function removeStaleTemps(dir: string, caches: readonly string[] = [CACHE_FILE], now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_FILE.test(name) || !caches.some((cache) => name.startsWith(`.${cache}.`) && TEMP_TAIL.test(name.slice(cache.length + 2)))) continue;
    const file = path.join(dir, name);
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile() && now - stat.mtimeMs > SETTLED_MS) fs.rmSync(file);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
}

/** The `.nexus/` folder when the cache may be written there, created if needed; undefined otherwise. */
export function writableCacheDir(journal: Journal): string | undefined {
  try {
    fs.accessSync(journal.root, fs.constants.W_OK);
    const dir = path.join(journal.root, CACHE_DIR);
    try {
      const stat = fs.lstatSync(dir);
      // A link could point out of the journal: never write through one.
      return stat.isDirectory() ? dir : undefined;
    } catch {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, ".gitignore"), "# nexus keeps its caches here; they are rebuilt when missing.\n*\n");
      return dir;
    }
  } catch {
    return undefined;
  }
}
