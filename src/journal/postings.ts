// The search index as the cache stores it: by term. Each term has one line of
// postings, the entries (by record number) that have the term, each with a packed
// number (how often in each field, as search/index-terms.ts packs it: not known
// here), in record order, the record numbers as gaps. Lines are grouped into blocks
// of about BLOCK_BYTES, each with its own CRC-32 in a directory, so a search reads
// and checks only the blocks of the terms it needs. posting-blocks.ts writes them.
import zlib from "node:zlib";
import { forEachNumber } from "./codec.js";

/** About how many bytes of postings a block holds (a longer line is a block of its own). */
export const BLOCK_BYTES = 16 * 1024;

/** Where each block starts (first term id) and its byte length and CRC-32: three numbers a block. */
export type Directory = number[];

/** The postings of the terms of a stored index, as written. */
export interface StoredPostings {
  /** The bytes of a term's line (without its newline); undefined when its block is damaged. */
  line: (id: number) => Uint8Array | undefined;
  /** Lets go of the blocks read so far (they are read and checked again when asked for). */
  forget?: () => void;
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
