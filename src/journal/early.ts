// What a run reads as it starts (src/cli.ts), on libuv's pool, while the CLI and the command
// load (~40 ms at 10,000 entries, mostly compiling): the listing of the entries folder and the
// parts of the entry cache that every read needs (its records and record index). Listing a
// folder of 10,000 files takes ~15 ms, reading 2 MB of cache ~8 ms, most of it in the system
// and in touching new memory; the scan (scan.ts) and loadCache (cache-file.ts) take them from here.
//
// The listing is then that of the folder as the run started, tens of milliseconds before the
// scan would have made it: a file added meanwhile is seen by the next run, as a file added
// just after a scan is; a file removed meanwhile is not found by its lstat, as one removed
// during a scan is. The cache's parts are taken only while the file is the one they were
// read from (same device, inode, size and times), and are checked as any read is. Nothing
// not done when it is needed is waited for.
import fs from "node:fs";
import { TAIL, trailerIn, WHOLE_FILE, type PartLengths } from "./cache-parts.js";
import { READ_FLAGS } from "./regular-file.js";

/** Listings asked for and not taken yet, by folder (its absolute path, as the scan walks it). */
const listings = new Map<string, { names: string[] | undefined }>();

/** Asks the system for the names in `dir` (an absolute path), without waiting. */
export function listEarly(dir: string): void {
  if (listings.has(dir)) return;
  const listing: { names: string[] | undefined } = { names: undefined };
  listings.set(dir, listing);
  fs.readdir(dir, (error, names) => {
    if (!error) listing.names = names;
  });
}

/** The names in `dir` when its early listing is done (once: it is then forgotten); undefined otherwise. */
export function takeEarlyListing(dir: string): string[] | undefined {
  const listing = listings.get(dir);
  if (!listing?.names) return undefined;
  listings.delete(dir);
  return listing.names;
}

/** The identity of a file as fstat gives it: another file, or the same one changed, has another. */
type Identity = Pick<fs.Stats, "dev" | "ino" | "size" | "mtimeMs" | "ctimeMs">;
const sameFile = (a: Identity, b: Identity) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/** Byte ranges of files read early, by file: each in memory of its own (typed arrays can be laid on it). */
const reads = new Map<string, { identity: Identity; ranges: Map<string, Buffer> }>();

/**
 * Reads the records and the record index of the entry cache `file`, without waiting: its end
 * first (where the header says where they are), then the two parts. A cache small enough to
 * be read whole in one go (cache-file.ts) is not.
 */
export function readCacheEarly(file: string): void {
  if (reads.has(file)) return;
  // Without waiting: a named pipe there would keep the process from ever ending.
  // eslint-disable-next-line no-restricted-properties -- opened as regular-file.ts opens, and looked at before it is read
  fs.open(file, READ_FLAGS, (error, fd) => {
    if (error) return;
    const close = () => fs.close(fd, () => undefined);
    fs.fstat(fd, (error, identity) => {
      if (error || !identity.isFile() || identity.size <= WHOLE_FILE) return close();
      const tail = Buffer.allocUnsafe(TAIL);
      fs.read(fd, tail, 0, TAIL, identity.size - TAIL, (error, n) => {
        const trailer = error || n !== TAIL ? undefined : trailerIn(tail, identity.size - TAIL);
        if (!trailer) return close();
        const header = trailer.header as unknown as PartLengths;
        const ranges = new Map<string, Buffer>();
        reads.set(file, { identity, ranges });
        const wanted: [number, number][] = [
          [0, header.recordBytes + 1],
          [trailer.parts.index, header.indexBytes + 1],
        ];
        let pending = wanted.length;
        for (const [position, length] of wanted) {
          const bytes = Buffer.allocUnsafeSlow(length);
          fs.read(fd, bytes, 0, length, position, (error, n) => {
            if (!error && n === length) ranges.set(`${position}:${length}`, bytes);
            if (--pending === 0) close();
          });
        }
      });
    });
  });
}

/**
 * The `length` bytes at `position` of `file`, read early, when `identity` (the file's fstat
 * now) is that of the file they were read from; undefined otherwise. Taken once.
 */
export function takeEarlyRead(file: string, identity: Identity, position: number, length: number): Buffer | undefined {
  const read = reads.get(file);
  if (!read || !sameFile(read.identity, identity)) return undefined;
  const key = `${position}:${length}`;
  const bytes = read.ranges.get(key);
  read.ranges.delete(key);
  return bytes;
}
