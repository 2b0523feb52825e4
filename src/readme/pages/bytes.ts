// The items of a generated page set, kept as UTF-8 bytes in a few large buffers
// rather than as thousands of strings: a page is copied together from byte
// ranges when it is compared or written, with no large string to build, flatten
// and collect (at 100,000 entries the pages are over 100 MB of text).

/** Between two items of a page: a blank line. */
const SEPARATOR = "\n\n";
const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 1024 * 1024;
let scratch = Buffer.allocUnsafe(0);

/** A piece of an item: text (encoded as UTF-8), or UTF-8 bytes copied as they are. */
export type Piece = string | { bytes: Buffer; start: number; end: number };

/** Where UTF-8 bytes can be copied to (ItemBytes, while an item is being made). */
export interface ByteSink {
  putBytes(source: Buffer, start: number, end: number): void;
}

// Node's own UTF-8 writer of a Buffer, without Buffer#write's checks of its arguments,
// which cost more than the writing of a short piece of text (and most of all before
// the JIT has compiled them: a build runs them a hundred thousand times, once).
interface RawWrite {
  utf8Write?(text: string, offset: number, length: number): number;
}
const RAW_WRITE = typeof (Buffer.prototype as RawWrite).utf8Write === "function";

/** Writes `text` as UTF-8 into `buffer` at `at` (room is known to be there); the number of bytes. */
function writeUtf8(buffer: Buffer, text: string, at: number): number {
  return RAW_WRITE ? (buffer as RawWrite).utf8Write!(text, at, buffer.length - at) : buffer.write(text, at, "utf8");
}

export class ItemBytes implements ByteSink {
  /** Filled chunks, then the one being filled; an item never spans two. */
  private readonly chunks: Buffer[] = [];
  private chunk: Buffer = Buffer.alloc(0);
  private used = 0;
  /** Where the item being made starts in `chunk`. */
  private itemStart = 0;
  /** Per item: its chunk, where it starts and where it ends (followed by SEPARATOR). */
  private readonly chunkOf: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Makes room for `size` more bytes of the item being made: a new chunk when the current one is full, with the item moved to it. */
  private room(size: number): void {
    if (this.used + size <= this.chunk.length) return;
    const made = this.used - this.itemStart;
    // A new chunk (the last one keeps its unused end): larger as the set grows, no copying but of the item begun.
    const chunk = Buffer.allocUnsafe(Math.max(made + size, Math.min(MAX_CHUNK, this.chunks.length ? 2 * this.chunk.length : FIRST_CHUNK)));
    this.chunk.copy(chunk, 0, this.itemStart, this.used);
    this.chunks.push(chunk);
    this.chunk = chunk;
    this.itemStart = 0;
    this.used = made;
  }

  /** Starts an item: then its pieces (`putText`, `putBytes`) in order, then `end`. */
  begin(): void {
    this.itemStart = this.used;
  }

  /** A piece of text of the item begun. */
  putText(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(3 * text.length);
    this.used += writeUtf8(this.chunk, text, this.used);
  }

  /** A piece of UTF-8 bytes of the item begun, copied as they are (not decoded). */
  putBytes(source: Buffer, start: number, end: number): void {
    this.room(end - start);
    this.used += source.copy(this.chunk, this.used, start, end);
  }

  /** Ends the item begun; returns its index. */
  end(): number {
    this.room(SEPARATOR.length);
    this.chunk[this.used] = 0x0a;
    this.chunk[this.used + 1] = 0x0a;
    this.used += SEPARATOR.length;
    this.chunkOf.push(this.chunks.length - 1);
    this.starts.push(this.itemStart);
    this.ends.push(this.used);
    return this.starts.length - 1;
  }

  /** Adds an item: its text, or its pieces one after another (bytes are copied, not decoded); returns its index. */
  add(text: string | readonly Piece[]): number {
    this.begin();
    for (const piece of typeof text === "string" ? [text] : text) {
      if (typeof piece === "string") this.putText(piece);
      else this.putBytes(piece.bytes, piece.start, piece.end);
    }
    return this.end();
  }

  /** Item `index`'s length in bytes, without the separator. */
  size(index: number): number {
    return this.ends[index]! - SEPARATOR.length - this.starts[index]!;
  }

  /** Item `index`'s text. */
  text(index: number): string {
    return this.chunks[this.chunkOf[index]!]!.toString("utf8", this.starts[index]!, this.ends[index]! - SEPARATOR.length);
  }

  /**
   * A page as bytes: `head`, then the items `indexes` (in order) separated by blank
   * lines, a heading line before an item where `headingBefore` gives one; `empty`
   * when that makes nothing; then `tail`. Items that follow each other in a chunk
   * are copied as one run. The bytes are valid until the next page is made (the
   * buffer is reused): compare or write them first.
   */
  page(head: string, indexes: number[], headingBefore: (position: number) => string | undefined, empty: string, tail: string): Buffer {
    const pieces: (string | [chunk: number, start: number, end: number])[] = [];
    for (let i = 0; i < indexes.length; i += 1) {
      const index = indexes[i]!;
      const heading = headingBefore(i);
      if (heading !== undefined) pieces.push(heading + SEPARATOR);
      const last = pieces.at(-1);
      if (Array.isArray(last) && last[0] === this.chunkOf[index] && last[2] === this.starts[index]) last[2] = this.ends[index]!;
      else pieces.push([this.chunkOf[index]!, this.starts[index]!, this.ends[index]!]);
    }
    // The blank line after the last item is not part of the page.
    const last = pieces.at(-1);
    if (Array.isArray(last)) last[2] -= SEPARATOR.length;
    let length = 0;
    for (const piece of pieces) length += typeof piece === "string" ? Buffer.byteLength(piece) : piece[2] - piece[1];
    const middle = length === 0 ? empty : "";
    const total = Buffer.byteLength(head) + length + Buffer.byteLength(middle) + Buffer.byteLength(tail);
    // One buffer for every page, reused: memory touched for the first time is slow to get.
    if (scratch.length < total) scratch = Buffer.allocUnsafe(Math.max(total, 2 * scratch.length));
    const out = scratch.subarray(0, total);
    let at = out.write(head, 0, "utf8");
    for (const piece of pieces) at += typeof piece === "string" ? out.write(piece, at, "utf8") : this.chunks[piece[0]]!.copy(out, at, piece[1], piece[2]);
    at += out.write(middle, at, "utf8");
    out.write(tail, at, "utf8");
    return out;
  }
}
