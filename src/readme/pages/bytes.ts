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

export class ItemBytes {
  /** Filled chunks, then the one being filled; an item never spans two. */
  private readonly chunks: Buffer[] = [];
  private used = 0;
  /** Per item: its chunk, where it starts and where it ends (followed by SEPARATOR). */
  private readonly chunkOf: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Adds an item: its text, or its pieces one after another (bytes are copied, not decoded); returns its index. */
  add(text: string | readonly Piece[]): number {
    const pieces = typeof text === "string" ? [text] : text;
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    let room = SEPARATOR.length;
    for (const piece of pieces) room += typeof piece === "string" ? 3 * piece.length : piece.end - piece.start;
    let chunk = this.chunks.at(-1);
    if (!chunk || this.used + room > chunk.length) {
      // A new chunk (the last one keeps its unused end): larger as the set grows, no copying.
      const size = Math.max(room, Math.min(MAX_CHUNK, chunk ? 2 * chunk.length : FIRST_CHUNK));
      chunk = Buffer.allocUnsafe(size);
      this.chunks.push(chunk);
      this.used = 0;
    }
    this.chunkOf.push(this.chunks.length - 1);
    this.starts.push(this.used);
    for (const piece of pieces) {
      if (typeof piece === "string") this.used += chunk.write(piece, this.used, "utf8");
      else {
        // Through a plain Uint8Array view: Buffer's copy and subarray cost more in checks
        // and allocation than copying a piece of a few hundred bytes.
        const length = piece.end - piece.start;
        chunk.set(new Uint8Array(piece.bytes.buffer, piece.bytes.byteOffset + piece.start, length), this.used);
        this.used += length;
      }
    }
    this.used += chunk.write(SEPARATOR, this.used, "latin1");
    this.ends.push(this.used);
    return this.starts.length - 1;
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
