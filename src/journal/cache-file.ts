// The file format of the entry cache (`.nexus/entry-cache`) and how it is checked
// (how it is written: cache-writing.ts).
//
// Five parts: the records (one line per entry file, see cache-record.ts); the postings (postings.ts); the search vocabulary (one
// term a line) and the directory of the postings blocks; the record index (numbers:
// each record's size, change time, inode number, kind, date and length, and where its line starts),
// with which a read matches files and sorts entries without decoding a line; last, a
// JSON header with the length and place of each part (last, so that the file is
// written in one pass with the postings made a block at a time). `list` reads only
// the header, the records and the index, and decodes the lines of the entries it
// shows; a search also reads the vocabulary and the blocks of the terms it needs.
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
import type { Journal } from "./root.js";
import { TEMP_FILE } from "./safe-write.js";
import { PostingsReader } from "./postings.js";
import { LITTLE_ENDIAN, readIndex, StoredRecords } from "./stored-records.js";
import { CACHE_DIR, CACHE_FILE, TAIL, trailerIn, WHOLE_FILE } from "./cache-parts.js";
import { takeEarlyRead } from "./early.js";
import { openRegular } from "./regular-file.js";

export { CACHE_DIR, CACHE_FILE };
export const FORMAT = "nexus-entry-cache";
/** 4: stemmed terms by field with counts, checksums. 5: records as lines (cache-record.ts), postings by term in checked blocks. 6: the record index. 7: files' inode numbers in it. 8: pairs of CJK characters as terms (PAIR_MARK). */
export const VERSION = 8;

export interface Header {
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
  /** Byte length and CRC-32 of the record index, and the byte order of its numbers (true: little-endian). */
  indexBytes: number;
  indexCrc: number;
  littleEndian: boolean;
}


/** The search part of a cache file, read when a search asks for it. */
export interface StoredTerms {
  vocabulary: string[];
  postings: PostingsReader;
}

/** A cache file as read: the records and their index at once, the search terms on demand. */
export interface CacheFile {
  /** One line per file (cache-record.ts), decoded when asked for. */
  records: StoredRecords;
  /** The vocabulary and the postings; undefined when that part is damaged (or the file was replaced meanwhile). */
  terms: () => StoredTerms | undefined;
}

// What a file parses to depends on the code that parses it (and the terms kept, on
// the code that makes them): a record made by another build of nexus (an upgrade, or
// a rebuild while developing) is not used.
let fingerprint: string | undefined;

/** Set by scripts/build.js in the bundle: a hash of the sources and the lock file. */
declare const NEXUS_CODE_FINGERPRINT: string | undefined;

/** The build's fingerprint; unbundled (tests of src), the size and mtime of every source file. */
export function codeFingerprint(): string {
  if (fingerprint === undefined && typeof NEXUS_CODE_FINGERPRINT === "string") fingerprint = NEXUS_CODE_FINGERPRINT;
  return (fingerprint ??= sourceStamp(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")));
}

/** The size and mtime of each file under `dir` (the sources), as a short checksum (the header, which holds it, is read from the file's last TAIL bytes). */
function sourceStamp(dir: string): string {
  const stamps: string[] = [];
  const walk = (folder: string) => {
    for (const item of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, item.name);
      if (item.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        stamps.push(`${path.relative(dir, full)}:${stat.size}:${Math.round(stat.mtimeMs)}`);
      }
    }
  };
  try {
    walk(dir);
  } catch {
    stamps.push("?");
  }
  const all = stamps.join(",");
  return `${stamps.length}-${zlib.crc32(all).toString(16)}`;
}

export function cachePath(journal: Journal): string {
  return path.join(journal.root, CACHE_DIR, CACHE_FILE);
}

export const crc32 = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

/** Reads `length` bytes at `position` of an open file; fewer when the file is shorter. */
export function readAt(fd: number, position: number, length: number): Buffer {
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
  index: number;
}

/** Reads and checks the trailer of an open cache file; the bytes read come along (all of a small file, from `at`), and the file's fstat. */
export function readLayout(fd: number): { layout: Layout; bytes: Buffer; at: number; stat: fs.Stats } | undefined {
  const stat = fs.fstatSync(fd);
  const size = stat.size;
  const at = size <= WHOLE_FILE ? 0 : size - TAIL;
  const bytes = readAt(fd, at, size - at);
  if (bytes.length !== size - at) return undefined;
  const trailer = trailerIn(bytes, at);
  if (!trailer) return undefined;
  const header = trailer.header as Partial<Header>;
  if (header.format !== FORMAT || header.version !== VERSION || header.code !== codeFingerprint()) return undefined;
  const counts = [header.records, header.terms, header.recordCrc, header.vocabularyCrc, header.indexCrc];
  if (!counts.every((n) => Number.isInteger(n) && (n as number) >= 0) || header.littleEndian !== LITTLE_ENDIAN) return undefined;
  const { postings, vocabulary, index } = trailer.parts;
  return { layout: { header: header as Header, trailer: Buffer.from(bytes.subarray(trailer.start)), postings, vocabulary, index }, bytes, at, stat };
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
export const openFiles = new FinalizationRegistry<number>((fd) => {
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
    fd = openRegular(file).fd;
    const read = readLayout(fd);
    if (!read) return undefined;
    const { layout, bytes, at, stat } = read;
    const { header } = layout;
    // The parts read as the run started (early.ts), when the file is still the one they were read from.
    const early = (position: number, length: number) => (at === 0 ? undefined : takeEarlyRead(file, stat, position, length));
    const recordPart = at === 0 ? bytes.subarray(0, header.recordBytes + 1) : (early(0, header.recordBytes + 1) ?? readAt(fd, 0, header.recordBytes + 1));
    if (recordPart.length !== header.recordBytes + 1 || recordPart[header.recordBytes] !== 10) return undefined;
    const recordBytes = recordPart.subarray(0, header.recordBytes);
    if (crc32(recordBytes) !== header.recordCrc) return undefined;
    // The index is read into memory of its own: its numbers are read in place.
    let indexPart: Uint8Array | undefined = early(layout.index, header.indexBytes + 1);
    if (!indexPart) {
      const part = new Uint8Array(header.indexBytes + 1);
      if (at === 0) part.set(bytes.subarray(layout.index, layout.index + part.length));
      else if (fs.readSync(fd, part, 0, part.length, layout.index) !== part.length) return undefined;
      indexPart = part;
    }
    const indexBytes = indexPart.subarray(0, header.indexBytes);
    if (indexPart[header.indexBytes] !== 10 || crc32(indexBytes) !== header.indexCrc) return undefined;
    // Its numbers are laid on its memory from the start (an early read's is its own, as a new array's).
    const index = readIndex(indexPart.byteOffset === 0 ? indexPart.buffer : indexPart.slice().buffer, header.indexBytes, header.records, recordBytes);
    if (!index) return undefined;
    const records = new StoredRecords(recordBytes, index);
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
          termsFd = openRegular(file).fd;
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

/** Younger than this, a temporary file may belong to a write still going on. */
const SETTLED_MS = 60_000;

/** What follows `.NAME.` in the name of a temporary file of NAME (safe-write.ts tempPath): `PID.HEX.tmp`. */
const TEMP_TAIL = /^\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files that interrupted writes of the cache files `caches`
 * (the entry cache by default) left in `.nexus/`: only names nexus gives them, only
 * regular files, only ones settled for a minute (a younger one may be a write going on).
 */
export function removeStaleTemps(dir: string, caches: readonly string[] = [CACHE_FILE], now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_FILE.test(name) || !caches.some((cache) => name.startsWith(`.${cache}.`) && TEMP_TAIL.test(name.slice(cache.length + 2)))) continue;
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
  if (journal.readOnly) return undefined;
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
