// The search index's postings written as blocks (postings.ts reads them): the postings of
// every term gathered from the sources (the stored index, entries parsed now, runs set
// aside), a chunk of terms at a time, and written line by line into blocks of about
// BLOCK_BYTES, each entered in the directory with its CRC-32.
import zlib from "node:zlib";
import { DIGIT, BASE, MAX_DIGITS, forEachPair, writeNumber } from "./codec.js";
import type { PostingRuns } from "./posting-runs.js";
import { BLOCK_BYTES, forEachPosting, type Directory, type StoredPostings } from "./postings.js";

/** At most about this many postings are held in memory at once while the index is written. */
const CHUNK_POSTINGS = 1 << 19;

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

/** How many postings each term has in all the sources, and which terms the stored index has a line for. */
function countPostings(sources: PostingSources): { counts: Uint32Array; inStored: Uint8Array } {
  const { terms, stored, fresh, runs } = sources;
  const counts = new Uint32Array(terms);
  /** 1 for the terms whose line the stored index has. */
  const inStored = new Uint8Array(stored ? terms : 0);
  if (runs) for (let id = 0; id < terms; id += 1) counts[id] = runs.count(id);
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
  return { counts, inStored };
}

/**
 * The postings of a chunk of terms [first, end), in two typed arrays (record, packed
 * counts), each term's at its own offset (`start`, and `fill` up to where it is filled):
 * 8 bytes a posting, whatever the journal. The arrays are used again for the next chunk.
 */
class PostingChunk {
  records = new Int32Array(0);
  packs = new Int32Array(0);
  first = 0;
  start = new Int32Array(1);
  fill = new Int32Array(0);

  /** Makes room for the chunk's postings, as counted, and places each term's. */
  reset(first: number, end: number, counts: Uint32Array, total: number): void {
    if (this.records.length < total) {
      this.records = new Int32Array(Math.max(total, Math.min(CHUNK_POSTINGS, 2 * this.records.length)));
      this.packs = new Int32Array(this.records.length);
    }
    this.first = first;
    this.start = new Int32Array(end - first + 1);
    for (let id = first; id < end; id += 1) this.start[id - first + 1] = this.start[id - first]! + counts[id]!;
    this.fill = this.start.slice(0, end - first);
  }

  add(id: number, record: number, packed: number): void {
    const at = this.fill[id - this.first]!;
    this.records[at] = record;
    this.packs[at] = packed;
    this.fill[id - this.first] = at + 1;
  }

  /** Reads the chunk's terms from every source into it. */
  gather(sources: PostingSources, end: number, inStored: Uint8Array, fromRuns: ReturnType<PostingRuns["reader"]> | undefined): void {
    const { stored, fresh } = sources;
    const first = this.first;
    if (stored) {
      const { postings, renumber } = stored;
      for (let id = first; id < end; id += 1) {
        const line = postings.line(id);
        // Damaged since it was counted: the index written would miss postings.
        if (!line) {
          if (inStored[id] === 1) throw new Error("the stored postings could not be read again");
          continue;
        }
        forEachPosting(line, (record, packed) => {
          const now = record < renumber.length ? renumber[record]! : -1;
          if (now >= 0) this.add(id, now, packed);
        });
      }
      postings.forget?.();
    }
    if (fromRuns) for (let id = first; id < end; id += 1) fromRuns(id, (record, packed) => this.add(id, record, packed));
    for (const f of fresh) {
      forEachPair(f.pairs, (id, packed) => {
        if (id >= first && id < end) this.add(id, f.record, packed);
      });
    }
  }
}

/**
 * The block being made, as bytes: lines are written into it, and it is given out when full
 * (the same memory is used again for the next block: each block is to be used before the next is asked for).
 */
class BlockMaker {
  private block = new Uint8Array(2 * BLOCK_BYTES);
  private bytes = 0;
  private first = 0;
  private lines = 0;

  constructor(private readonly directory: Directory) {}

  /** Writes a term's line; the block when it is full, then a new one starts at the next term. */
  line(id: number, chunk: PostingChunk): Uint8Array | undefined {
    const from = chunk.start[id - chunk.first]!;
    const to = chunk.fill[id - chunk.first]!;
    const room = this.bytes + 2 * MAX_DIGITS * (to - from) + 1;
    if (room > this.block.length) {
      const bigger = new Uint8Array(Math.max(room, 2 * this.block.length));
      bigger.set(this.block.subarray(0, this.bytes));
      this.block = bigger;
    }
    this.bytes = writeLine(chunk.records, chunk.packs, from, to, this.block, this.bytes);
    this.lines += 1;
    return this.bytes >= BLOCK_BYTES ? this.flush(id + 1) : undefined;
  }

  /** The block made so far, entered in the directory (undefined when it has no line); the next starts at term `next`. */
  flush(next: number): Uint8Array | undefined {
    let out: Uint8Array | undefined;
    if (this.lines > 0) {
      out = this.block.subarray(0, this.bytes);
      this.directory.push(this.first, out.length, zlib.crc32(out) >>> 0);
    }
    // A block grown for a long line is let go (the one given out keeps its memory until it is used).
    if (this.block.length > 2 * BLOCK_BYTES) this.block = new Uint8Array(2 * BLOCK_BYTES);
    this.bytes = 0;
    this.lines = 0;
    this.first = next;
    return out;
  }
}

/**
 * The postings blocks for the sources, in term order, and their directory. Memory
 * holds about CHUNK_POSTINGS postings at a time, not the whole index. Each block is
 * valid until the next one is asked for (its memory is reused).
 */
export function* postingBlocks(sources: PostingSources, directory: Directory): Generator<Uint8Array> {
  const { terms, runs } = sources;
  const { counts, inStored } = countPostings(sources);
  const fromRuns = runs?.reader();
  const chunk = new PostingChunk();
  const maker = new BlockMaker(directory);
  for (let a = 0; a < terms; ) {
    let b = a;
    let sum = 0;
    while (b < terms && (b === a || sum + counts[b]! <= CHUNK_POSTINGS)) sum += counts[b++]!;
    chunk.reset(a, b, counts, sum);
    chunk.gather(sources, b, inStored, fromRuns);
    for (let id = a; id < b; id += 1) {
      const full = maker.line(id, chunk);
      if (full) yield full;
    }
    a = b;
  }
  const last = maker.flush(terms);
  if (last) yield last;
}

