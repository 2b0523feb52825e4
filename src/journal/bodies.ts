// The body sections of many entries at once, for build-readme: each file read
// once into one reusable buffer, and the sections handed to a callback instead of
// kept on the entry, so a build's memory does not grow with the journal's text.
// An entry whose body is unread (lazy-entry.ts) stays so; the fields are the ones
// its body would load (bodyFieldsOf, shared with readBodyFields).
import fs from "node:fs";
import { MAX_ENTRY_BYTES, type LoadedEntry } from "./entry-file.js";
import { bodyFieldsOf, bodyUnread, NO_BODY, readBodyFields, type BodyFields } from "./lazy-entry.js";
import { openRegular } from "./regular-file.js";

export type { BodyFields };


/** Reads a whole file into `buffer` (one byte past MAX_ENTRY_BYTES at most); its length, or -1 when it cannot be read. */
function readInto(file: string, buffer: Buffer): number {
  let fd: number;
  try {
    fd = openRegular(file).fd;
  } catch {
    return -1;
  }
  try {
    let length = 0;
    for (;;) {
      const got = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (got === 0) return length;
      length += got;
      if (length === buffer.length) return length;
    }
  } catch {
    return -1;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Calls `each` with every entry's body fields, in order. A lazily read entry's
 * file is read here and its body is not kept on the entry; an entry already in
 * memory gives its own fields.
 */
export function forEachBody(entries: readonly LoadedEntry[], each: (entry: LoadedEntry, fields: BodyFields) => void): void {
  let buffer: Buffer | undefined;
  for (const entry of entries) {
    if (!bodyUnread(entry)) {
      each(entry, entry);
      continue;
    }
    buffer ??= Buffer.allocUnsafe(MAX_ENTRY_BYTES + 1);
    const length = readInto(entry.file, buffer);
    each(entry, length < 0 ? NO_BODY : bodyFieldsOf(buffer.subarray(0, length)));
  }
}

/** One entry's body fields: read from its file when it was not read yet (and then not kept on the entry). */
export function bodyOf(entry: LoadedEntry): BodyFields {
  return bodyUnread(entry) ? readBodyFields(entry.file) : entry;
}
