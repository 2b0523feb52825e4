// The records of the entry cache as a read uses them (format: cache-file.ts): their
// lines, decoded when asked for, and the record index, with which files are matched to
// records and entries sorted without decoding a line.
import { isAscii } from "node:buffer";
import { RecordKind, recordHead, recordPath, type RecordAt, type RecordHead } from "./cache-record.js";

/** The byte order of this machine, which the numbers of the record index are written in. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

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
export function readIndex(bytes: ArrayBufferLike, length: number, n: number, records: Uint8Array): RecordIndex | undefined {
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
