// Rewrites an entry cache as someone could by hand: its record lines changed, the
// record index worked out from them as nexus would (or changed after), and every
// length and checksum made right, so that only nexus's checks of the values stand
// between the forgery and what a command shows.
import fs from "node:fs";
import zlib from "node:zlib";
import type { Header } from "../../src/journal/cache-file.js";
import { indexPart, type RecordIndex } from "../../src/journal/stored-records.js";
import { recordIndexOf } from "../../src/journal/cache-writing.js";

export function forgeCache(file: string, change: (lines: string[]) => string[], changeIndex?: (index: RecordIndex) => void): void {
  const bytes = fs.readFileSync(file);
  const start = bytes.lastIndexOf(10) + 1;
  const trailer = JSON.parse(bytes.subarray(start).toString()) as Header;
  const lines = change(trailer.records === 0 ? [] : bytes.subarray(0, trailer.recordBytes).toString().split("\n"));
  const recordText = Buffer.from(lines.join("\n"));
  // The newline after the records, the postings, the vocabulary and its newline: as they were.
  const between = bytes.subarray(trailer.recordBytes, start - trailer.indexBytes - 1);
  // The files' inode numbers, as they were, line by line (they are not in the lines).
  const indexAt = start - 1 - trailer.indexBytes;
  const inos = new Float64Array(bytes.buffer.slice(bytes.byteOffset + indexAt + 16 * trailer.records, bytes.byteOffset + indexAt + 24 * trailer.records));
  const index = recordIndexOf(lines, inos);
  changeIndex?.(index);
  const indexBytes = indexPart(index);
  const fixed: Header = {
    ...trailer,
    records: lines.length,
    recordBytes: recordText.length,
    recordCrc: zlib.crc32(recordText) >>> 0,
    indexBytes: indexBytes.length,
    indexCrc: zlib.crc32(indexBytes) >>> 0,
  };
  fs.writeFileSync(file, Buffer.concat([recordText, between, indexBytes, Buffer.from(`\n${JSON.stringify(fixed)}`)]));
}
