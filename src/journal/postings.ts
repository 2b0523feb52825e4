// The search index as the cache stores it: by term. Each term has one line of
// postings, the entries (by record number) that have the term, each with a packed
// number (how often in each field, as search/index-terms.ts packs it: not known
// here), in record order, the record numbers as gaps. Lines are grouped into blocks
// of about BLOCK_BYTES, each with its own CRC-32 in a directory, so a search reads
// and checks only the blocks of the terms it needs.
import zlib from "node:zlib";
import { DIGIT, BASE, MAX_DIGITS, forEachNumber, forEachPair, writeNumber } from "./codec.js";
import type { PostingRuns } from "./posting-runs.js";

/** About how many bytes of postings a block holds (a longer line is a block of its own). */
export const BLOCK_BYTES = 16 * 1024;
/** At most about this many postings are held in memory at once while the index is written. */
const CHUNK_POSTINGS = 1 << 19;

/** Where each block starts (first term id) and its byte length and CRC-32: three numbers a block. */
export type Directory = number[];

/** The postings of the terms of a stored index, as written. */
export interface StoredPostings {
  /** The bytes of a term's line (without its newline); undefined when its block is damaged. */
  line: (id: number) => Uint8Array | undefined;
  /** Lets go of the blocks read so far (they are read and checked again when asked for). */
  forget?: () => void;
}


/**
 * Writes a term's postings line (with its newline) from its postings at [from, to) of
 * the two arrays, put in record order, into `out` at `at` (which must have room for
 * 2 * MAX_DIGITS bytes a posting, and one); returns where it ends.
 */
function writeLine(records: Int32Array, packs: Int32Array, from: number, to: number, out: Uint8Array, at: number): number {
  let order: Int32Array | undefined;
  for (let k = from + 1; k < to && !order; k += 1) {
    if (records[k - 1]! > records[k]!) order = Int32Array.from({ length: to - from }, (_, i) => from + i).sort((x, y) => records[x]! - records[y]!);
  }
  let last = 0;
  for (let i = 0; i < to - from; i += 1) {
    const k = order ? order[i]! : from + i;
    at = writeNumber(out, at, records[k]! - last);
    at = writeNumber(out, at, packs[k]!);
    last = records[k]!;
  }
  out[at] = 10;
  return at + 1;
}

/** Calls `visit` with each posting of a line; false when the line is not one. */
export function forEachPosting(bytes: Uint8Array, visit: (record: number, packed: number) => void): boolean {
  let record = 0;
  let half = false;
  const ok = forEachNumber(bytes, 0, bytes.length, (n) => {
    if (!half) record += n;
    else visit(record, n);
    half = !half;
  });
  return ok && !half;
}

/** How many postings a line holds (each posting is two numbers). */
function postingCount(bytes: Uint8Array): number {
  let numbers = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const d = DIGIT[bytes[i]!]!;
    if (d >= 0 && d < BASE) numbers += 1;
  }
  return numbers >> 1;
}

/** What the postings to write are made of. */
export interface PostingSources {
  /** Terms in the vocabulary: ids 0 to terms - 1. */
  terms: number;
  /** Postings of an earlier index, and the new record number of each of its records (-1: dropped). */
  stored?: { postings: StoredPostings; renumber: Int32Array } | undefined;
  /** Entries whose terms are given as (id, packed) pairs, by their new record number. */
  fresh: { record: number; pairs: string }[];
  /** Entries whose postings were set aside in runs (posting-runs.ts), by their new record number. */
  runs?: PostingRuns | undefined;
}

/**
 * The postings blocks for the sources, in term order, and their directory. Memory
 * holds about CHUNK_POSTINGS postings at a time, not the whole index. Each block is
 * valid until the next one is asked for (its memory is reused).
 */
export function* postingBlocks(sources: PostingSources, directory: Directory): Generator<Uint8Array> {
  const { terms, stored, fresh, runs } = sources;
  const counts = new Uint32Array(terms);
  /** 1 for the terms whose line the stored index has. */
  const inStored = new Uint8Array(stored ? terms : 0);
  if (runs) for (let id = 0; id < terms; id += 1) counts[id] = runs.count(id);
  const fromRuns = runs?.reader();
  if (stored) {
    for (let id = 0; id < terms; id += 1) {
      const line = stored.postings.line(id);
      if (line) {
        counts[id] = counts[id]! + postingCount(line);
        inStored[id] = 1;
      }
    }
    // The old index is read again a chunk at a time: it is not held whole beside the new one.
    stored.postings.forget?.();
  }
  for (const f of fresh) forEachPair(f.pairs, (id) => (counts[id] = counts[id]! + 1));

  // The block being made, as bytes: lines are written into it, and it is given out when full
  // (the same memory is used again for the next block: each block is to be used before the next is asked for).
  let block = new Uint8Array(2 * BLOCK_BYTES);
  let blockBytes = 0;
  let blockFirst = 0;
  let blockLines = 0;
  const flush = function* (next: number): Generator<Uint8Array> {
    if (blockLines > 0) {
      const bytes = block.subarray(0, blockBytes);
      directory.push(blockFirst, bytes.length, zlib.crc32(bytes) >>> 0);
      yield bytes;
    }
    if (block.length > 2 * BLOCK_BYTES) block = new Uint8Array(2 * BLOCK_BYTES);
    blockBytes = 0;
    blockLines = 0;
    blockFirst = next;
  };

  // The postings of a chunk of terms, in two typed arrays (record, packed counts),
  // each term's at its own offset: 8 bytes a posting, whatever the journal.
  let records = new Int32Array(0);
  let packs = new Int32Array(0);
  for (let a = 0; a < terms; ) {
    let b = a;
    let sum = 0;
    while (b < terms && (b === a || sum + counts[b]! <= CHUNK_POSTINGS)) sum += counts[b++]!;
    if (records.length < sum) {
      records = new Int32Array(Math.max(sum, Math.min(CHUNK_POSTINGS, 2 * records.length)));
      packs = new Int32Array(records.length);
    }
    const start = new Int32Array(b - a + 1);
    for (let id = a; id < b; id += 1) start[id - a + 1] = start[id - a]! + counts[id]!;
    const fill = start.slice(0, b - a);
    const add = (id: number, record: number, packed: number) => {
      const at = fill[id - a]!;
      records[at] = record;
      packs[at] = packed;
      fill[id - a] = at + 1;
    };
    if (stored) {
      const { postings, renumber } = stored;
      for (let id = a; id < b; id += 1) {
        const line = postings.line(id);
        // Damaged since it was counted: the index written would miss postings.
        if (!line) {
          if (inStored[id] === 1) throw new Error("the stored postings could not be read again");
          continue;
        }
        forEachPosting(line, (record, packed) => {
          const now = record < renumber.length ? renumber[record]! : -1;
          if (now >= 0) add(id, now, packed);
        });
      }
      postings.forget?.();
    }
    if (fromRuns) for (let id = a; id < b; id += 1) fromRuns(id, (record, packed) => add(id, record, packed));
    for (const f of fresh) {
      forEachPair(f.pairs, (id, packed) => {
        if (id >= a && id < b) add(id, f.record, packed);
      });
    }
    for (let id = a; id < b; id += 1) {
      const room = blockBytes + 2 * MAX_DIGITS * (fill[id - a]! - start[id - a]!) + 1;
      if (room > block.length) {
        const bigger = new Uint8Array(Math.max(room, 2 * block.length));
        bigger.set(block.subarray(0, blockBytes));
        block = bigger;
      }
      blockBytes = writeLine(records, packs, start[id - a]!, fill[id - a]!, block, blockBytes);
      blockLines += 1;
      if (blockBytes >= BLOCK_BYTES) yield* flush(id + 1);
    }
    a = b;
  }
  yield* flush(terms);
}

/**
 * Reads postings from a stored index: `read(offset, length)` gives bytes of the
 * postings part. Each block is read once, and checked against its CRC-32.
 */
export class PostingsReader implements StoredPostings {
  private readonly blocks = new Map<number, { bytes: Uint8Array; starts: Int32Array } | undefined>();
  private readonly offsets: number[] = [];

  constructor(
    private readonly terms: number,
    private readonly directory: Directory,
    private readonly read: (offset: number, length: number) => Uint8Array | undefined,
  ) {
    let at = 0;
    for (let k = 0; k < directory.length; k += 3) {
      this.offsets.push(at);
      at += directory[k + 1]!;
    }
  }

  /** Checks that the directory could describe `terms` terms in `bytes` bytes. */
  static valid(directory: unknown, terms: number, bytes: number): directory is Directory {
    if (!Array.isArray(directory) || directory.length % 3 !== 0) return false;
    let total = 0;
    let first = -1;
    for (let k = 0; k < directory.length; k += 3) {
      const [start, length, crc] = [directory[k], directory[k + 1], directory[k + 2]] as number[];
      if (![start, length, crc].every((n) => Number.isInteger(n) && n! >= 0) || start! <= first || start! >= terms || length! <= 0) return false;
      if (k === 0 && start !== 0) return false;
      first = start!;
      total += length!;
    }
    return total === bytes && (terms === 0 || directory.length > 0);
  }

  /** The block that holds a term's line. */
  private blockOf(id: number): number {
    let lo = 0;
    let hi = this.directory.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.directory[mid * 3]! <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private load(block: number): { bytes: Uint8Array; starts: Int32Array } | undefined {
    if (this.blocks.has(block)) return this.blocks.get(block);
    const first = this.directory[block * 3]!;
    const length = this.directory[block * 3 + 1]!;
    const end = block * 3 + 3 < this.directory.length ? this.directory[block * 3 + 3]! : this.terms;
    let loaded: { bytes: Uint8Array; starts: Int32Array } | undefined;
    const bytes = this.read(this.offsets[block]!, length);
    if (bytes && bytes.length === length && zlib.crc32(bytes) >>> 0 === this.directory[block * 3 + 2]) {
      // Where each of its lines starts; every line ends with a newline.
      const starts = new Int32Array(end - first + 1);
      let at = 0;
      let line = 0;
      for (; line < end - first && at < length; line += 1) {
        starts[line] = at;
        const nl = bytes.indexOf(10, at);
        if (nl < 0) break;
        at = nl + 1;
      }
      starts[line] = at;
      if (line === end - first && at === length) loaded = { bytes, starts };
    }
    this.blocks.set(block, loaded);
    return loaded;
  }

  forget(): void {
    this.blocks.clear();
  }

  line(id: number): Uint8Array | undefined {
    if (id < 0 || id >= this.terms) return undefined;
    const block = this.blockOf(id);
    const loaded = this.load(block);
    if (!loaded) return undefined;
    const k = id - this.directory[block * 3]!;
    return loaded.bytes.subarray(loaded.starts[k]!, loaded.starts[k + 1]! - 1);
  }

  /** True when the blocks of all these terms are whole (reading them now). */
  readable(ids: Iterable<number>): boolean {
    for (const id of ids) if (id >= 0 && id < this.terms && !this.load(this.blockOf(id))) return false;
    return true;
  }
}
