// The summary cache: each entry's sections in short (summary.ts), kept by
// build-readme in the journal's `.nexus/` beside the entry cache and keyed as that
// one is (path, size, change time, inode number), so that a build whose entries have not changed
// opens no entry file. Pure: bytes in, bytes out (the file: journal/readme-caches.ts).
//
// Never stale: a record is used only when the entry's path, size, change time and inode
// number all match (a folder renamed moves files to other paths with their size and change time), and an entry modified just before the build (within `settledBefore`) is not
// recorded. Never trusted when damaged or foreign: the format, version and code
// fingerprint must be this build's, the byte lengths and CRC-32 of both parts must
// match, and every record must be one this code could have written; otherwise the
// whole file is ignored (and rewritten by the build).
//
// Layout: a JSON header line; then the index, one JSON line
// `[[path, ...], [size, changedMs, ino, bits, challengeBytes, solutionBytes, takeawayBytes, ...]]`
// (every record's path, then seven numbers a record: one JSON.parse reads it, where
// a line and a regular expression a record cost more than the rest of the build's
// reading); then the short texts as UTF-8, each record's three one after another,
// in record order.
import { isUtf8 } from "node:buffer";
import zlib from "node:zlib";
import type { LoadedEntry } from "../journal/read.js";
import type { FoundFile } from "../journal/scan.js";
import { Summaries, type BodyReader, type SummaryBytes } from "./summary.js";

const FORMAT = "nexus-readme-summaries";
const VERSION = 3;
/** Numbers a record has in the index. */
const NUMBERS = 7;

/** What says an entry file is unchanged, as the entry cache keys it. */
export type EntryIdentity = Pick<FoundFile, "path" | "size" | "changedMs" | "mtimeMs" | "ino">;

interface Header {
  format: string;
  version: number;
  code: string;
  records: number;
  indexBytes: number;
  indexCrc: number;
  textBytes: number;
  textCrc: number;
}

/** A cache file as read. */
export interface SummaryCache {
  records: number;
  /** The record of an entry file, if one matches it exactly (path, size, change time, inode number): its index, else -1. */
  indexOf(identity: EntryIdentity): number;
  /** Record `index`'s sections in short: added to `summaries` for `entry`. */
  addTo(summaries: Summaries, entry: LoadedEntry, index: number): void;
  /** The sections in short of the record matching an entry file, if any. */
  find(identity: EntryIdentity): SummaryBytes | undefined;
}

const crc32 = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

/** Whether the UTF-8 character at `i` is one shortText never makes (escape.ts stripControls): a C0 or C1 control, DEL, a bidirectional override. */
function isControlAt(text: Uint8Array, i: number): boolean {
  const c = text[i]!;
  if (c >= 0x20 && c < 0x7f) return false;
  if (c < 0x20 || c === 0x7f) return true;
  const next = text[i + 1]!;
  if (c === 0xc2 && next >= 0x80 && next <= 0x9f) return true;
  return c === 0xe2 && ((next === 0x80 && text[i + 2]! >= 0xaa && text[i + 2]! <= 0xae) || (next === 0x81 && text[i + 2]! >= 0xa6 && text[i + 2]! <= 0xa9));
}

/**
 * Whether UTF-8 text has a character shortText never makes (isControlAt). Four bytes at a
 * time: a word whose bytes are all printable ASCII (0x20 to 0x7e, most of a text) is passed
 * by two bit tests (a byte below 0x20, a byte above 0x7e); the others are looked at byte by byte.
 */
function hasControls(text: Uint8Array): boolean {
  const head = Math.min(text.length, (4 - (text.byteOffset % 4)) % 4);
  const words = (text.length - head) >>> 2;
  for (let i = 0; i < head; i += 1) if (isControlAt(text, i)) return true;
  const view = words ? new Int32Array(text.buffer, text.byteOffset + head, words) : [];
  for (let w = 0; w < words; w += 1) {
    const x = view[w]!;
    if ((((x - 0x20202020) & ~x) | ((x + 0x01010101) | x)) & 0x80808080) {
      for (let i = head + 4 * w, end = i + 4; i < end; i += 1) if (isControlAt(text, i)) return true;
    }
  }
  for (let i = head + 4 * words; i < text.length; i += 1) if (isControlAt(text, i)) return true;
  return false;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** Reads a cache file's bytes; undefined when it is damaged, foreign or made by another build of nexus (`code`). */
export function decodeSummaryCache(bytes: Buffer, code: string): SummaryCache | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString("utf8", 0, newline)) as Header;
  } catch {
    return undefined;
  }
  if (header?.format !== FORMAT || header.version !== VERSION || header.code !== code) return undefined;
  if (![header.records, header.indexBytes, header.indexCrc, header.textBytes, header.textCrc].every(isCount)) return undefined;
  const indexStart = newline + 1;
  const textStart = indexStart + header.indexBytes;
  if (textStart + header.textBytes !== bytes.length) return undefined;
  const index = bytes.subarray(indexStart, textStart);
  const text = bytes.subarray(textStart);
  if (crc32(index) !== header.indexCrc || crc32(text) !== header.textCrc) return undefined;
  if (!isUtf8(text) || hasControls(text)) return undefined;

  let parsed: unknown;
  try {
    parsed = JSON.parse(index.toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [paths, numbers] = parsed as unknown[];
  const records = header.records;
  if (!Array.isArray(paths) || !Array.isArray(numbers) || paths.length !== records || numbers.length !== NUMBERS * records) return undefined;
  const byPath = new Map<string, number>();
  // Per record: where its texts start, and where each of the three ends.
  const offsets = new Float64Array(4 * records);
  let at = 0;
  for (let i = 0; i < records; i += 1) {
    const path: unknown = paths[i];
    const n = NUMBERS * i;
    const changedMs: unknown = numbers[n + 1];
    const bits: unknown = numbers[n + 3];
    if (typeof path !== "string" || byPath.has(path) || !isCount(numbers[n]) || typeof changedMs !== "number" || !(changedMs >= 0) || !Number.isFinite(changedMs)) return undefined;
    if (!isCount(numbers[n + 2])) return undefined;
    if (!Number.isInteger(bits) || (bits as number) < 0 || (bits as number) > 7) return undefined;
    offsets[4 * i] = at;
    for (let k = 0; k < 3; k += 1) {
      const length: unknown = numbers[n + 4 + k];
      // A blank section has no short text.
      if (!isCount(length) || (length > 0 && !((bits as number) & (1 << k)))) return undefined;
      at += length;
      // Each text ends inside the text part and on a character's boundary.
      if (at > text.length || (at < text.length && (text[at]! & 0xc0) === 0x80)) return undefined;
      offsets[4 * i + 1 + k] = at;
    }
    byPath.set(path, i);
  }
  if (at !== text.length) return undefined;
  const indexOf = (identity: EntryIdentity) => {
    const i = byPath.get(identity.path);
    return i !== undefined && numbers[NUMBERS * i] === identity.size && numbers[NUMBERS * i + 1] === identity.changedMs && numbers[NUMBERS * i + 2] === identity.ino ? i : -1;
  };
  const bitsOf = (i: number) => numbers[NUMBERS * i + 3] as number;
  return {
    records,
    indexOf,
    addTo: (summaries, entry, i) => summaries.addBytes(entry, text, bitsOf(i), offsets[4 * i]!, offsets[4 * i + 1]!, offsets[4 * i + 2]!, offsets[4 * i + 3]!),
    find: (identity) => {
      const i = indexOf(identity);
      return i < 0 ? undefined : { bits: bitsOf(i), bytes: text, start: offsets[4 * i]!, ends: [offsets[4 * i + 1]!, offsets[4 * i + 2]!, offsets[4 * i + 3]!] };
    },
  };
}

/** Pieces copied together into buffers of about `size` bytes; each is valid until the next is asked for (the buffer is reused). */
function* batched(pieces: Iterable<Uint8Array>, size = 1024 * 1024): Generator<Uint8Array> {
  const buffer = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces) {
    if (used + piece.length > size && used > 0) {
      yield buffer.subarray(0, used);
      used = 0;
    }
    if (piece.length > size) yield piece;
    else {
      buffer.set(piece, used);
      used += piece.length;
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}

/**
 * A cache file of these records, as pieces to write one after another (the short texts are
 * not copied into one buffer: at 100,000 entries that would be another 80 MB at once).
 */
export function encodeSummaryCache(code: string, records: readonly { identity: EntryIdentity; summary: SummaryBytes }[]): Iterable<Uint8Array> {
  const paths = records.map(({ identity }) => identity.path);
  const numbers = records.flatMap(({ identity, summary: s }) => [identity.size, identity.changedMs, identity.ino, s.bits, s.ends[0] - s.start, s.ends[1] - s.ends[0], s.ends[2] - s.ends[1]]);
  const index = `${JSON.stringify([paths, numbers])}\n`;
  const indexBytes = Buffer.from(index, "utf8");
  const texts = records.map(({ summary: s }) => new Uint8Array(s.bytes.buffer, s.bytes.byteOffset + s.start, s.ends[2] - s.start));
  let textBytes = 0;
  let textCrc = 0;
  for (const text of texts) {
    textBytes += text.length;
    textCrc = zlib.crc32(text, textCrc);
  }
  const header: Header = { format: FORMAT, version: VERSION, code, records: records.length, indexBytes: indexBytes.length, indexCrc: crc32(indexBytes), textBytes, textCrc: textCrc >>> 0 };
  return batched([Buffer.from(`${JSON.stringify(header)}\n`), indexBytes, ...texts]);
}

export interface CachedSummaries {
  summaries: Summaries;
  /** Entries found in the cache, and entries whose file was read. */
  reused: number;
  read: number;
  /** The new cache file's pieces, when it differs from the one read (undefined: keep it). */
  write: (() => Iterable<Uint8Array>) | undefined;
}

export interface SummarizeOptions {
  /** The cache file read, if any (decodeSummaryCache). */
  cache: SummaryCache | undefined;
  /** Each entry's file identity; an entry without one is read and not recorded. */
  identityOf: (entry: LoadedEntry) => EntryIdentity | undefined;
  /** Reads the sections of the entries not in the cache (journal/bodies.ts forEachBody). */
  read: BodyReader;
  /** Files modified after this time (ms) are not recorded: an edit within the same clock tick could keep size and change time. */
  settledBefore: number;
  /** The build's code fingerprint, recorded in a new cache file. */
  code: string;
}

/** The entries' sections in short: from the cache where an entry's file is unchanged, else read from its file. */
export function summarizeCached(entries: readonly LoadedEntry[], options: SummarizeOptions): CachedSummaries {
  const summaries = new Summaries();
  const toRead: LoadedEntry[] = [];
  const cache = options.cache;
  // The entries a new cache file would record, with their identities; whether one of them is read anew.
  const keep: { entry: LoadedEntry; identity: EntryIdentity }[] = [];
  let recordRead = false;
  for (const entry of entries) {
    const identity = options.identityOf(entry);
    const hit = identity && cache ? cache.indexOf(identity) : -1;
    if (hit >= 0) cache!.addTo(summaries, entry, hit);
    else toRead.push(entry);
    if (identity !== undefined && identity.mtimeMs <= options.settledBefore) {
      keep.push({ entry, identity });
      if (hit < 0) recordRead = true;
    }
  }
  if (toRead.length) options.read(toRead, (entry, fields) => summaries.add(entry, fields));
  const changed = recordRead || keep.length !== (cache?.records ?? 0);
  return {
    summaries,
    reused: entries.length - toRead.length,
    read: toRead.length,
    write: changed ? () => encodeSummaryCache(options.code, keep.map(({ entry, identity }) => ({ identity, summary: summaries.bytes(entry)! }))) : undefined,
  };
}
