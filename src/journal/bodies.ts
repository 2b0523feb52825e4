// The body sections of many entries at once, for build-readme: each file read
// once into one reusable buffer, and the sections handed to a callback instead of
// kept on the entry, so a build's memory does not grow with the journal's text.
// An entry read lazily (lazy-entry.ts) stays unloaded; the fields are the ones
// its body would load (readBodyFields), and a test compares the two.
import fs from "node:fs";
import { types } from "node:util";
import { splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import { decodeEntryBytes, MAX_ENTRY_BYTES, type LoadedEntry } from "./entry-file.js";
import type { BodyFields } from "./lazy-entry.js";

export type { BodyFields };

const NO_BODY: BodyFields = { challenge: "", solution: "", takeaway: "", notes: "", body: "" };

/** Reads a whole file into `buffer` (one byte past MAX_ENTRY_BYTES at most); its length, or -1 when it cannot be read. */
function readInto(file: string, buffer: Buffer): number {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
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

/** The body fields of file bytes, the way an entry's lazy body reads them (lazy-entry.ts). */
function fieldsOf(bytes: Uint8Array): BodyFields {
  try {
    const decoded = decodeEntryBytes(bytes);
    if ("problem" in decoded) return NO_BODY;
    const text = stripBom(decoded.text);
    const body = text.slice(splitFile(text).bodyOffset).replace(/\r\n/g, "\n");
    const { challenge, solution, takeaway, notes } = splitSections(body);
    return { challenge, solution, takeaway, notes, body };
  } catch {
    return NO_BODY;
  }
}

/** True when the entry's body is read from its file on first use (the entry cache's entries). */
const isLazy = (entry: LoadedEntry) => types.isProxy(entry);

/**
 * Calls `each` with every entry's body fields, in order. A lazily read entry's
 * file is read here and its body is not kept on the entry; an entry already in
 * memory gives its own fields.
 */
export function forEachBody(entries: readonly LoadedEntry[], each: (entry: LoadedEntry, fields: BodyFields) => void): void {
  let buffer: Buffer | undefined;
  for (const entry of entries) {
    if (!isLazy(entry)) {
      each(entry, entry);
      continue;
    }
    buffer ??= Buffer.allocUnsafe(MAX_ENTRY_BYTES + 1);
    const length = readInto(entry.file, buffer);
    each(entry, length < 0 ? NO_BODY : fieldsOf(buffer.subarray(0, length)));
  }
}
