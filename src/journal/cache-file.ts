// The file format of the entry cache (`.nexus/entry-cache`) and how it is checked.
//
// Lines: a JSON header, a JSON array of records (one per entry file), the
// vocabulary (one term a line), then each record's term ids (one record a line,
// see search/index-terms.ts). `list` parses only the first two lines; a search
// decodes the vocabulary and reads the term ids straight from the file's bytes.
//
// Nothing read from it is trusted more than an entry file: the header holds the
// length and CRC-32 of the records and of the terms, so a cut or a flipped byte
// makes the cache unused (and rebuilt), and every value of a record is checked as
// parseEntry checks it (a calendar date, one-line title, topic and tags within the
// limits, problems with a line number).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { checkLine, LIMITS, type Problem } from "../domain/entry.js";
import { isCalendarDate } from "../domain/dates.js";
import type { FileProblem } from "./entry-file.js";
import type { Journal } from "./root.js";
import { TEMP_FILE } from "./safe-write.js";

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache";
const FORMAT = "nexus-entry-cache";
/** 4: stemmed terms by field with counts, checksums. */
const VERSION = 4;

type StoredProblem = [line: number, severity: 0 | 1, message: string];
export type OkRecord = [path: string, size: number, mtimeMs: number, ok: 1, title: string, topic: string, date: string, tags: string[], warnings: StoredProblem[], featured?: 1];
export type BadRecord = [path: string, size: number, mtimeMs: number, ok: 0, problems: StoredProblem[]];
export type CacheRecord = OkRecord | BadRecord;

interface Header {
  format: string;
  version: number;
  /** Which build of the parsing code made the records (see codeFingerprint). */
  code: string;
  records: number;
  terms: number;
  /** Byte length and CRC-32 of the records line, and of everything after it. */
  recordBytes: number;
  recordCrc: number;
  termBytes: number;
  termCrc: number;
}

/** A cache file as read: the records at once, the search terms on demand. */
export interface CacheFile {
  records: unknown[];
  /** The vocabulary and, for each record, its encoded term ids; undefined when that part is damaged. */
  terms: () => { vocabulary: string[]; line: (record: number) => Uint8Array } | undefined;
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
    r[3] === 1 && (r.length === 9 || (r.length === 10 && r[9] === 1)) && isLine(r[4], LIMITS.title) && isLine(r[5], LIMITS.topic) && typeof r[6] === "string" && isCalendarDate(r[6]) &&
    Array.isArray(r[7]) && r[7].length <= LIMITS.tags && r[7].every((t) => isLine(t, LIMITS.tag)) && Array.isArray(r[8]) && r[8].every(isStoredProblem)
  );
}

// What a file parses to depends on the code that parses it: a record made by
// another build of nexus (an upgrade, or a rebuild while developing) is not used.
const PARSING_MODULES = [
  "../domain/entry", "../domain/frontmatter", "../domain/sections", "../domain/dates", "./entry-file", "./cache", "./cache-file",
  "../search/tokens", "../search/fields", "../search/index-terms",
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

/** Reads the cache file; undefined when it is missing, of another version or damaged. */
export function loadCache(file: string): CacheFile | undefined {
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    const bytes = fs.readFileSync(file);
    const end0 = bytes.indexOf(10);
    if (end0 < 0) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 0, end0)) as Partial<Header>;
    if (header.format !== FORMAT || header.version !== VERSION || header.code !== codeFingerprint()) return undefined;
    const { records: recordCount, terms: termCount, recordBytes, recordCrc, termBytes, termCrc } = header;
    if (![recordCount, termCount, recordBytes, recordCrc, termBytes, termCrc].every((n) => Number.isInteger(n) && (n as number) >= 0)) return undefined;
    const end1 = end0 + 1 + recordBytes!;
    if (end1 + 1 + termBytes! !== bytes.length || bytes[end1] !== 10) return undefined;
    const recordPart = bytes.subarray(end0 + 1, end1);
    if (crc32(recordPart) !== recordCrc) return undefined;
    const records = JSON.parse(bytes.toString("utf8", end0 + 1, end1)) as unknown;
    if (!Array.isArray(records) || records.length !== recordCount) return undefined;
    let terms: ReturnType<CacheFile["terms"]> | null = null;
    return {
      records,
      terms: () => {
        if (terms !== null) return terms;
        terms = undefined;
        if (crc32(bytes.subarray(end1 + 1)) !== termCrc) return terms;
        // Where each line starts; the last line has no newline after it.
        const lines = termCount! + recordCount!;
        const starts = new Int32Array(lines + 1);
        let at = end1 + 1;
        for (let line = 0; line < lines; line += 1) {
          starts[line] = at;
          const next = bytes.indexOf(10, at);
          at = next < 0 ? bytes.length + 1 : next + 1;
          if (next < 0 && line !== lines - 1) return terms;
        }
        if (lines > 0 && at !== bytes.length + 1) return terms;
        starts[lines] = bytes.length + 1;
        const vocabulary = termCount === 0 ? [] : bytes.toString("utf8", end1 + 1, starts[termCount!]! - 1).split("\n");
        if (vocabulary.length !== termCount) return terms;
        const base = bytes.byteOffset;
        terms = {
          vocabulary,
          line: (record) => {
            const start = starts[termCount! + record]!;
            return new Uint8Array(bytes.buffer, base + start, starts[termCount! + record + 1]! - 1 - start);
          },
        };
        return terms;
      },
    };
  } catch {
    return undefined;
  }
}

/** The cache file's pieces, written one after another (one string of the whole cache would double the peak memory). */
export function* cachePieces(code: string, records: CacheRecord[], vocabulary: string[], termLines: string[]): Generator<string> {
  const recordText = Buffer.from(JSON.stringify(records));
  const termBuffers: Buffer[] = [];
  const lines = [...vocabulary, ...termLines];
  for (let i = 0; i < lines.length; i += 4096) termBuffers.push(Buffer.from((i ? "\n" : "") + lines.slice(i, i + 4096).join("\n")));
  let termCrc = 0;
  let termBytes = 0;
  for (const b of termBuffers) {
    termCrc = zlib.crc32(b, termCrc);
    termBytes += b.length;
  }
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    code,
    records: records.length,
    terms: vocabulary.length,
    recordBytes: recordText.length,
    recordCrc: crc32(recordText),
    termBytes,
    termCrc: termCrc >>> 0,
  };
  yield `${JSON.stringify(header)}\n`;
  yield recordText.toString();
  yield "\n";
  for (const b of termBuffers) yield b.toString();
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
