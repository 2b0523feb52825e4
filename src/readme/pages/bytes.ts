// The items of a generated page set, kept as UTF-8 bytes in one growing buffer
// rather than as thousands of strings: a page is copied together from byte
// ranges when it is compared or written, with no large string to build, flatten
// and collect (at 100,000 entries the pages are over 100 MB of text).

/** Between two items of a page: a blank line. */
const SEPARATOR = "\n\n";

export class ItemBytes {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /** starts[i]: where item i starts in `buffer`; each item is followed by SEPARATOR. */
  private readonly starts: number[] = [];

  /** Adds an item's text; returns its index. */
  add(text: string): number {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const room = this.used + 3 * text.length + SEPARATOR.length;
    if (room > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(room, 2 * this.buffer.length));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.starts.push(this.used);
    this.used += this.buffer.write(text, this.used, "utf8");
    this.used += this.buffer.write(SEPARATOR, this.used, "latin1");
    return this.starts.length - 1;
  }

  /** Item `index`'s length in bytes, without the separator. */
  size(index: number): number {
    return this.end(index) - SEPARATOR.length - this.starts[index]!;
  }

  private end(index: number): number {
    return index + 1 < this.starts.length ? this.starts[index + 1]! : this.used;
  }

  /**
   * A page as bytes: `head`, then the items `indexes` (in order) separated by blank
   * lines, a heading line before an item where `headingBefore` gives one; `empty`
   * when that makes nothing; then `tail`. Items that follow each other in the
   * buffer are copied as one run.
   */
  page(head: string, indexes: number[], headingBefore: (position: number) => string | undefined, empty: string, tail: string): Buffer {
    const pieces: (string | [start: number, end: number])[] = [];
    for (let i = 0; i < indexes.length; i += 1) {
      const index = indexes[i]!;
      const heading = headingBefore(i);
      if (heading !== undefined) pieces.push(heading + SEPARATOR);
      const last = pieces.at(-1);
      if (Array.isArray(last) && last[1] === this.starts[index]) last[1] = this.end(index);
      else pieces.push([this.starts[index]!, this.end(index)]);
    }
    // The blank line after the last item is not part of the page.
    const last = pieces.at(-1);
    if (Array.isArray(last)) last[1] -= SEPARATOR.length;
    let length = 0;
    for (const piece of pieces) length += typeof piece === "string" ? Buffer.byteLength(piece) : piece[1] - piece[0];
    const middle = length === 0 ? empty : "";
    const out = Buffer.allocUnsafe(Buffer.byteLength(head) + length + Buffer.byteLength(middle) + Buffer.byteLength(tail));
    let at = out.write(head, 0, "utf8");
    for (const piece of pieces) at += typeof piece === "string" ? out.write(piece, at, "utf8") : this.buffer.copy(out, at, piece[0], piece[1]);
    at += out.write(middle, at, "utf8");
    out.write(tail, at, "utf8");
    return out;
  }
}
