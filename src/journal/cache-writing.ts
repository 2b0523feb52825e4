// Writing the entry cache (format: cache-file.ts) a piece at a time, so that no part
// of it is ever one string in memory, and the scratch file in which the postings of a
// first build are set aside by batches (posting-runs.ts) until it is written.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { tempPath } from "./safe-write.js";
import { PostingsReader, type Directory } from "./postings.js";
import { postingBlocks, type PostingSources } from "./posting-blocks.js";
import { PostingRuns, type RunStore } from "./posting-runs.js";
import { CACHE_FILE, crc32, FORMAT, openFiles, readAt, readLayout, VERSION, type Header } from "./cache-file.js";
import { indexPart, LITTLE_ENDIAN, type RecordIndex } from "./stored-records.js";
import { indexValues } from "./cache-record.js";
import { openRegular } from "./regular-file.js";

/** What a cache file holds: records, vocabulary and the postings to write. */
export interface CacheContents {
  code: string;
  /** One line per file (cache-record.ts). */
  records: string[];
  /** The inode number of each record's file (0 when not known). */
  inos?: ArrayLike<number>;
  vocabulary: string[];
  postings: PostingSources;
}

/** What cachePieces wrote, filled in as it goes: the trailer (last line) and the postings directory. */
export interface WrittenCache {
  trailer?: string;
  directory?: Directory;
}

/** Records are joined and checked this many at a time: the whole part is never one string. */
const RECORDS_AT_ONCE = 256;

/**
 * The cache file's pieces, written one after another: records, postings (made a
 * block at a time, so that the whole index is never in memory), vocabulary and
 * directory, the record index, and last the header with the lengths and checksums.
 */
export function* cachePieces(contents: CacheContents, written: WrittenCache = {}): Generator<string | Uint8Array> {
  const { records } = contents;
  const index = recordIndexOf(records, contents.inos);
  let recordBytes = 0;
  let recordCrc = 0;
  for (let k = 0; k < records.length; k += RECORDS_AT_ONCE) {
    const piece = (k > 0 ? "\n" : "") + records.slice(k, k + RECORDS_AT_ONCE).join("\n");
    recordBytes += Buffer.byteLength(piece);
    recordCrc = zlib.crc32(piece, recordCrc);
    yield piece;
  }
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
  const indexBytes = indexPart(index);
  yield indexBytes;
  yield "\n";
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    code: contents.code,
    records: records.length,
    terms: contents.vocabulary.length,
    recordBytes,
    recordCrc: recordCrc >>> 0,
    vocabularyBytes: vocabularyText.length,
    vocabularyCrc: crc32(vocabularyText),
    postingBytes,
    indexBytes: indexBytes.length,
    indexCrc: crc32(indexBytes),
    littleEndian: LITTLE_ENDIAN,
  };
  written.trailer = JSON.stringify(header);
  written.directory = directory;
  yield written.trailer;
}

/** The record index of record lines, worked out from the lines themselves (it says what they say), and their files' inode numbers. */
export function recordIndexOf(records: readonly string[], inos?: ArrayLike<number>): RecordIndex {
  const n = records.length;
  const index: RecordIndex = {
    size: new Float64Array(n),
    changedMs: new Float64Array(n),
    ino: new Float64Array(n),
    kind: new Int32Array(n),
    dateKey: new Int32Array(n),
    length: new Int32Array(n),
    lineStart: new Int32Array(n + 1),
  };
  records.forEach((line, i) => {
    const values = indexValues(line);
    index.size[i] = values.size;
    index.changedMs[i] = values.changedMs;
    index.ino[i] = inos?.[i] ?? 0;
    index.kind[i] = values.kind;
    index.dateKey[i] = values.dateKey;
    index.length[i] = values.length;
    index.lineStart[i + 1] = index.lineStart[i]! + Buffer.byteLength(line) + 1;
  });
  return index;
}

/**
 * The postings of a cache file this process has just written (`written`), read from
 * it as a search reads them; undefined when the file there is no longer that one.
 */
export function writtenPostings(file: string, written: WrittenCache): PostingsReader | undefined {
  if (written.trailer === undefined || !written.directory) return undefined;
  let fd: number | undefined;
  try {
    fd = openRegular(file).fd;
    const read = readLayout(fd);
    if (!read || read.layout.trailer.toString() !== written.trailer) return undefined;
    const { header, postings: at } = read.layout;
    const openFd = fd;
    const reader = new PostingsReader(header.terms, written.directory, (offset, length) => {
      try {
        return readAt(openFd, at + offset, length);
      } catch {
        return undefined;
      }
    });
    openFiles.register(reader, fd);
    fd = undefined;
    return reader;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A scratch file for postings runs (posting-runs.ts): read and written by position, removed when closed. */
export interface ScratchFile extends RunStore {
  close(): void;
}

/**
 * Opens a new scratch file beside `target`, named as a temporary file of it (so that one
 * left by a crash is removed by removeStaleTemps) and unlinked at once where the system
 * allows it; undefined when it cannot be created.
 */
export function openScratch(target: string): ScratchFile | undefined {
  const file = tempPath(target);
  let fd: number;
  try {
    // eslint-disable-next-line no-restricted-properties -- creates a new file (wx): never a pipe or a device
    fd = fs.openSync(file, "wx+", 0o600);
  } catch {
    return undefined;
  }
  let named = true;
  try {
    fs.unlinkSync(file);
    named = false;
  } catch {
    // Open files cannot be removed on some systems: removed when closed.
  }
  let size = 0;
  let open = true;
  return {
    append: (bytes) => {
      let done = 0;
      while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, size + done);
      size += bytes.length;
    },
    read: (buffer, position) => fs.readSync(fd, buffer, 0, buffer.length, position),
    close: () => {
      if (!open) return;
      open = false;
      fs.closeSync(fd);
      if (named) fs.rmSync(file, { force: true });
    },
  };
}

/**
 * The postings of the entries a read parses, set aside by batches in a scratch file
 * beside the cache (posting-runs.ts) while it is built, so that a first read over a
 * large journal does not hold them all; opened with the first entry to set aside.
 */
export class PostingsAside {
  /** null: not opened yet; undefined: none (no cache is to be written, or closed). */
  private held: PostingRuns | undefined | null = null;
  private scratch: ScratchFile | undefined;

  constructor(
    /** The folder of the cache, when it is to be written. */
    private readonly cacheDir: () => string | undefined,
    private readonly batchPostings?: number,
  ) {}

  /** The runs, opened if need be; undefined when no cache is to be written. */
  runs(): PostingRuns | undefined {
    if (this.held !== null) return this.held;
    this.held = undefined;
    const dir = this.cacheDir();
    this.scratch = dir ? openScratch(path.join(dir, CACHE_FILE)) : undefined;
    if (this.scratch) this.held = new PostingRuns(this.scratch, this.batchPostings);
    return this.held;
  }

  /** The runs opened so far (none opened here). */
  opened(): PostingRuns | undefined {
    return this.held ?? undefined;
  }

  /** Removes the scratch file: what was set aside is gone. */
  close(): void {
    this.scratch?.close();
    this.scratch = undefined;
    this.held = undefined;
  }
}
