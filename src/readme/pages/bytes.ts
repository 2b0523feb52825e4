// The bytes of the generated pages. A page set's items are measured first (a
// ByteCounter: their sizes split the set into pages), and each page is written
// only when it is compared or written to disk (a PageWriter, into one buffer
// reused for every page): at no time are the pages of a large journal in memory,
// as text or as bytes (at 100,000 entries they are over 100 MB). The same code
// puts an item's pieces into both, so what is measured is what is written.

/** Where the pieces of an item go: text (written as UTF-8), or UTF-8 bytes copied as they are. */
export interface Sink {
  putText(text: string): void;
  putBytes(source: Buffer, start: number, end: number): void;
}

/** Counts the UTF-8 bytes of what is put, writing nothing. */
export class ByteCounter implements Sink {
  count = 0;

  putText(text: string): void {
    this.count += Buffer.byteLength(text, "utf8");
  }

  putBytes(_source: Buffer, start: number, end: number): void {
    this.count += end - start;
  }
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

// One buffer for every page, grown when a page needs more: memory touched for the
// first time is slow to get (about 3 ms a megabyte on a small virtual machine).
let shared = Buffer.allocUnsafe(64 * 1024);

/** Writes one page at a time into the shared buffer. */
export class PageWriter implements Sink {
  /** Bytes written so far. */
  used = 0;

  private room(size: number): void {
    if (this.used + size <= shared.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.used + size, 2 * shared.length));
    shared.copy(bigger, 0, 0, this.used);
    shared = bigger;
  }

  putText(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    this.room(3 * text.length);
    this.used += writeUtf8(shared, text, this.used);
  }

  putBytes(source: Buffer, start: number, end: number): void {
    this.room(end - start);
    this.used += source.copy(shared, this.used, start, end);
  }

  /** The page written: valid until the next page is begun (the buffer is reused), so compare or write it first. */
  bytes(): Buffer {
    return shared.subarray(0, this.used);
  }
}
