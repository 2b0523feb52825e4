// The items of a generated page set, kept as UTF-8 bytes in a few large buffers
// rather than as thousands of strings: a page is copied together from byte
// ranges when it is compared or written, with no large string to build, flatten
// and collect (at 100,000 entries the pages are over 100 MB of text).

/** Between two items of a page: a blank line. */
const SEPARATOR = "\n\n";
const FIRST_CHUNK = 64 * 1024;
const MAX_CHUNK = 1024 * 1024;
let scratch = Buffer.allocUnsafe(0);

export class ItemBytes {
  /** Filled chunks, then the one being filled; an item never spans two. */
  private readonly chunks: Buffer[] = [];
  private used = 0;
  /** Per item: its chunk, where it starts and where it ends (followed by SEPARATOR). */
  private readonly chunkOf: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Adds an item's text; returns its index. */
  add(text: string): number {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const room = 3 * text.length + SEPARATOR.length;
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
    this.used += chunk.write(text, this.used, "utf8");
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
