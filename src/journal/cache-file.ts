// The file format of the entry cache (`.nexus/entry-cache`) and how it is checked.
//
// Four parts: the records (one line per entry file, its values separated by US,
// see encodeRecord); the postings (search/postings.ts); the search vocabulary (one
// term a line) and the directory of the postings blocks; last, a JSON header with
// the length and place of each part (last, so that the file is written in one pass
// with the index made a block at a time). `list` reads only the header and the
// records; a search also reads the vocabulary and the blocks of the terms it needs.
//
// Nothing read from it is trusted more than an entry file: the header holds the
// length and CRC-32 of the records and of the vocabulary, the directory those of
// each postings block, so a cut or a flipped byte makes the part unused (and the
// cache rebuilt), and every value of a record is checked as parseEntry checks it
// (a calendar date, one-line title, topic and tags within the limits, problems
// with a line number).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { checkLine, LIMITS, type Problem } from "../domain/entry.js";
import { isCalendarDate } from "../domain/dates.js";
import type { FileProblem } from "./entry-file.js";
import type { Journal } from "./root.js";
import { TEMP_FILE } from "./safe-write.js";
import { PostingsReader, postingBlocks, type Directory, type PostingSources } from "../search/postings.js";

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache";
const FORMAT = "nexus-entry-cache";
/** 4: stemmed terms by field with counts, checksums. 5: records as lines, postings by term in checked blocks. */
const VERSION = 5;

type StoredProblem = [line: number, severity: 0 | 1, message: string];
export type OkRecord = [path: string, size: number, mtimeMs: number, ok: 1, title: string, topic: string, date: string, tags: string[], warnings: StoredProblem[], length: number, featured?: 1];
export type BadRecord = [path: string, size: number, mtimeMs: number, ok: 0, problems: StoredProblem[]];
export type CacheRecord = OkRecord | BadRecord;

interface Header {
  format: string;
  version: number;
  /** Which build of the parsing code made the records (see codeFingerprint). */
  code: string;
  records: number;
  terms: number;
  /** Byte length and CRC-32 of the records part and of the vocabulary part; the byte length of the postings. */
  recordBytes: number;
  recordCrc: number;
  vocabularyBytes: number;
  vocabularyCrc: number;
  postingBytes: number;
}

/** The search part of a cache file, read when a search asks for it. */
export interface StoredTerms {
  vocabulary: string[];
  postings: PostingsReader;
}

/** A cache file as read: the records at once, the search terms on demand. */
export interface CacheFile {
  records: unknown[];
  /** The vocabulary and the postings; undefined when that part is damaged (or the file was replaced meanwhile). */
  terms: () => StoredTerms | undefined;
}

export const storeProblem = (p: Problem): StoredProblem => [p.line, p.severity === "warning" ? 1 : 0, p.message];
const isStoredProblem = (p: unknown): p is StoredProblem =>
  Array.isArray(p) && p.length === 3 && Number.isInteger(p[0]) && (p[0] as number) >= 1 && (p[1] === 0 || p[1] === 1) && typeof p[2] === "string" && p[2] !== "";
export const problemOf = (p: StoredProblem, filePath: string): FileProblem => ({
  line: p[0],
  message: p[2],
  severity: p[1] === 1 ? "warning" : "error",
  path: filePath,
});

const isLine = (value: unknown, max: number): value is string => typeof value === "string" && checkLine("", value, max) === undefined && value === value.trim();

/** A record whose every value is what parsing an entry could have produced. */
export function isValidRecord(r: unknown): r is CacheRecord {
  if (!Array.isArray(r) || typeof r[0] !== "string" || !Number.isInteger(r[1]) || typeof r[2] !== "number" || !Number.isFinite(r[2])) return false;
  if (r[3] === 0) return r.length === 5 && Array.isArray(r[4]) && r[4].length > 0 && r[4].every(isStoredProblem);
  return (
    r[3] === 1 && (r.length === 10 || (r.length === 11 && r[10] === 1)) && isLine(r[4], LIMITS.title) && isLine(r[5], LIMITS.topic) && typeof r[6] === "string" && isCalendarDate(r[6]) &&
    Array.isArray(r[7]) && r[7].length <= LIMITS.tags && r[7].every((t) => isLine(t, LIMITS.tag)) && Array.isArray(r[8]) && r[8].every(isStoredProblem) &&
    Number.isInteger(r[9]) && (r[9] as number) >= 0
  );
}

// A record is one line of values separated by US (0x1f); tags are separated by RS
// (0x1e). A value with a control character in it (a newline, a tab, US itself) is
// written as GS (0x1d) and its JSON. Splitting lines is several times faster than
// JSON.parse of the same records, and list reads nothing else.
const US = "\x1f";
const RS = "\x1e";
const GS = "\x1d";
const PLAIN = /^[^\x00-\x1f]*$/;
const text = (value: string): string => (PLAIN.test(value) ? value : GS + JSON.stringify(value));
const untext = (value: string): unknown => (value.charCodeAt(0) === 0x1d ? JSON.parse(value.slice(1)) : value);

export function encodeRecord(r: CacheRecord): string {
  const head = `${text(r[0])}${US}${r[1]}${US}${r[2]}${US}`;
  if (r[3] === 0) return `${head}0${US}${JSON.stringify(r[4])}`;
  const tags = r[7].every((tag) => PLAIN.test(tag)) ? r[7].join(RS) : GS + JSON.stringify(r[7]);
  return head + ["1", text(r[4]), text(r[5]), text(r[6]), tags, r[8].length ? JSON.stringify(r[8]) : "", r[9], r[10] === 1 ? "1" : ""].join(US);
}

/** A record line as values, to be checked with isValidRecord; undefined when it is not one. */
export function decodeRecord(line: string): unknown {
  const v = line.split(US);
  const path = v[0]!.charCodeAt(0) === 0x1d ? untext(v[0]!) : v[0];
  if (v.length === 5 && v[3] === "0") return [path, Number(v[1]), Number(v[2]), 0, JSON.parse(v[4]!)];
  if (v.length !== 11 || v[3] !== "1" || (v[10] !== "" && v[10] !== "1")) return undefined;
  const tags = v[7] === "" ? [] : v[7]!.charCodeAt(0) === 0x1d ? JSON.parse(v[7]!.slice(1)) : v[7]!.split(RS);
  const record = [path, Number(v[1]), Number(v[2]), 1, untext(v[4]!), untext(v[5]!), untext(v[6]!), tags, v[8] === "" ? [] : JSON.parse(v[8]!), v[9] === "" ? NaN : Number(v[9])];
  if (v[10] === "1") record.push(1);
  return record;
}

// What a file parses to depends on the code that parses it: a record made by
// another build of nexus (an upgrade, or a rebuild while developing) is not used.
const PARSING_MODULES = [
  "../domain/entry", "../domain/frontmatter", "../domain/sections", "../domain/dates", "./entry-file", "./cache", "./cache-file",
  "../search/tokens", "../search/fields", "../search/index-terms", "../search/codec", "../search/postings",
];
let fingerprint: string | undefined;

/** Set by scripts/build.js in the bundle: a hash of the sources and the lock file. */
declare const NEXUS_CODE_FINGERPRINT: string | undefined;

/** The build's fingerprint; unbundled (tests of src), the size and mtime of each module that decides what a record holds. */
export function codeFingerprint(): string {
  if (fingerprint === undefined && typeof NEXUS_CODE_FINGERPRINT === "string") fingerprint = NEXUS_CODE_FINGERPRINT;
  if (fingerprint === undefined) {
    const self = fileURLToPath(import.meta.url);
    const extension = path.extname(self);
    fingerprint = PARSING_MODULES.map((m) => {
      try {
        const stat = fs.statSync(path.resolve(path.dirname(self), `${m}${extension}`));
        return `${stat.size}:${Math.round(stat.mtimeMs)}`;
      } catch {
        return "?";
      }
    }).join(",");
  }
  return fingerprint;
}

export function cachePath(journal: Journal): string {
  return path.join(journal.root, CACHE_DIR, CACHE_FILE);
}

const crc32 = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

/** Reads `length` bytes at `position` of an open file; fewer when the file is shorter. */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Where the parts of a cache file start, from its trailer. */
interface Layout {
  header: Header;
  /** The trailer as written: two readers saw the same file when they saw the same trailer. */
  trailer: Buffer;
  postings: number;
  vocabulary: number;
}

/** A small file is read whole; of a larger one, the end first. */
const WHOLE_FILE = 64 * 1024;
const TAIL = 4096;

/** Reads and checks the trailer of an open cache file; the bytes read come along (all of a small file, from `at`). */
function readLayout(fd: number): { layout: Layout; bytes: Buffer; at: number } | undefined {
  const size = fs.fstatSync(fd).size;
  const at = size <= WHOLE_FILE ? 0 : size - TAIL;
  const bytes = readAt(fd, at, size - at);
  if (bytes.length !== size - at) return undefined;
  const start = bytes.lastIndexOf(10) + 1;
  if (start === 0) return undefined;
  const header = JSON.parse(bytes.toString("utf8", start)) as Partial<Header>;
  if (header.format !== FORMAT || header.version !== VERSION || header.code !== codeFingerprint()) return undefined;
  const counts = [header.records, header.terms, header.recordBytes, header.recordCrc, header.vocabularyBytes, header.vocabularyCrc, header.postingBytes];
  if (!counts.every((n) => Number.isInteger(n) && (n as number) >= 0)) return undefined;
  const h = header as Header;
  const postings = h.recordBytes + 1;
  const vocabulary = postings + h.postingBytes;
  if (vocabulary + h.vocabularyBytes + 1 !== at + start) return undefined;
  return { layout: { header: h, trailer: Buffer.from(bytes.subarray(start)), postings, vocabulary }, bytes, at };
}

/** Reads the search part of a cache file: vocabulary and directory now, postings blocks when asked. */
function readTerms(fd: number, layout: Layout): StoredTerms | undefined {
  const { header } = layout;
  const part = readAt(fd, layout.vocabulary, header.vocabularyBytes + 1);
  if (part.length !== header.vocabularyBytes + 1 || part[header.vocabularyBytes] !== 10) return undefined;
  const bytes = part.subarray(0, header.vocabularyBytes);
  if (crc32(bytes) !== header.vocabularyCrc) return undefined;
  // The vocabulary, one term a line, then the directory as the last line.
  const lines = bytes.toString("utf8").split("\n");
  const directory = JSON.parse(lines.pop()!) as unknown;
  if (lines.length !== header.terms || !PostingsReader.valid(directory, header.terms, header.postingBytes)) return undefined;
  const postings = new PostingsReader(header.terms, directory, (offset, length) => {
    try {
      return readAt(fd, layout.postings + offset, length);
    } catch {
      return undefined;
    }
  });
  return { vocabulary: lines, postings };
}

// Open files of cache terms, closed when their reader is collected (or at exit).
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Closed already.
  }
});

/** Reads the cache file; undefined when it is missing, of another version or damaged. */
export function loadCache(file: string): CacheFile | undefined {
  let fd: number | undefined;
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    fd = fs.openSync(file, "r");
    const read = readLayout(fd);
    if (!read) return undefined;
    const { layout, bytes, at } = read;
    const { header } = layout;
    const recordPart = at === 0 ? bytes.subarray(0, header.recordBytes + 1) : readAt(fd, 0, header.recordBytes + 1);
    if (recordPart.length !== header.recordBytes + 1 || recordPart[header.recordBytes] !== 10) return undefined;
    const recordBytes = recordPart.subarray(0, header.recordBytes);
    if (crc32(recordBytes) !== header.recordCrc) return undefined;
    const records = header.records === 0 ? [] : recordBytes.toString("utf8").split("\n").map(decodeRecord);
    if (records.length !== header.records) return undefined;
    fs.closeSync(fd);
    fd = undefined;
    let terms: StoredTerms | undefined | null = null;
    return {
      records,
      terms: () => {
        if (terms !== null) return terms;
        terms = undefined;
        // The file may have been replaced since: its terms are used only when its trailer is the same
        // (which holds the CRC-32 of the records and of the vocabulary).
        let termsFd: number | undefined;
        try {
          termsFd = fs.openSync(file, "r");
          const again = readLayout(termsFd);
          if (again && again.layout.trailer.equals(layout.trailer)) terms = readTerms(termsFd, again.layout);
        } catch {
          terms = undefined;
        }
        if (terms && termsFd !== undefined) openFiles.register(terms, termsFd);
        else if (termsFd !== undefined) fs.closeSync(termsFd);
        return terms;
      },
    };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** What a cache file holds: records, vocabulary and the postings to write. */
export interface CacheContents {
  code: string;
  records: CacheRecord[];
  vocabulary: string[];
  postings: PostingSources;
}

/**
 * The cache file's pieces, written one after another: records, postings (made a
 * block at a time, so that the whole index is never in memory), vocabulary and
 * directory, and last the header with the lengths and checksums.
 */
export function* cachePieces(contents: CacheContents): Generator<string> {
  const recordText = Buffer.from(contents.records.map(encodeRecord).join("\n"));
  yield recordText.toString();
  yield "\n";
  const directory: Directory = [];
  let postingBytes = 0;
  for (const block of postingBlocks(contents.postings, directory)) {
    postingBytes += block.length;
    yield block;
  }
  const vocabularyText = Buffer.from(`${contents.vocabulary.map((t) => `${t}\n`).join("")}${JSON.stringify(directory)}`);
  yield vocabularyText.toString();
  yield "\n";
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    code: contents.code,
    records: contents.records.length,
    terms: contents.vocabulary.length,
    recordBytes: recordText.length,
    recordCrc: crc32(recordText),
    vocabularyBytes: vocabularyText.length,
    vocabularyCrc: crc32(vocabularyText),
    postingBytes,
  };
  yield JSON.stringify(header);
}

/** Younger than this, a temporary file may belong to a write still going on. */
const SETTLED_MS = 60_000;

/** Removes the temporary files that interrupted cache writes left in `.nexus/`. */
export function removeStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_FILE.test(name) || !name.startsWith(`.${CACHE_FILE}.`)) continue;
    const file = path.join(dir, name);
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile() && now - stat.mtimeMs > SETTLED_MS) fs.rmSync(file);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
}

/** The `.nexus/` folder when the cache may be written there, created if needed; undefined otherwise. */
export function writableCacheDir(journal: Journal): string | undefined {
  try {
    fs.accessSync(journal.root, fs.constants.W_OK);
    const dir = path.join(journal.root, CACHE_DIR);
    try {
      const stat = fs.lstatSync(dir);
      // A link could point out of the journal: never write through one.
      return stat.isDirectory() ? dir : undefined;
    } catch {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, ".gitignore"), "# nexus keeps its caches here; they are rebuilt when missing.\n*\n");
      return dir;
    }
  } catch {
    return undefined;
  }
}
