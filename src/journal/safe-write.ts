import fs from "node:fs";
import path from "node:path";
import { isErrnoException } from "../errors.js";
import { openRegular, readOpened, readRegular } from "./regular-file.js";

// Every write is atomic: a reader (or a crash) sees the old file or the new one,
// never half of one. New files are created without replacing anything.

/** The name of a temporary file: `.NAME.PID.HEX.tmp`, hidden from the entry scan. */
export const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

// The name need not be secret, only unlikely to be taken (it is created exclusively):
// Math.random spares every command that writes from loading node:crypto.
const randomHex = () => Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, "0");

/** A new name for a temporary file beside `target` (matched by TEMP_FILE). */
export function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomHex()}.tmp`);
}

/**
 * File contents: one string, or pieces written one after another (no giant string in
 * memory). A piece is written before the next is asked for, so a maker may reuse its buffer.
 */
export type Contents = string | Uint8Array | Iterable<string | Uint8Array>;

/** Writes contents to an open file, each piece whole. */
function writeContents(fd: number, data: Contents): void {
  if (typeof data === "string" || data instanceof Uint8Array) fs.writeFileSync(fd, data);
  else for (const piece of data) fs.writeFileSync(fd, piece);
}

/** Writes and syncs a new file; on failure (a full disk) nothing is left behind. */
function writeSynced(file: string, data: Contents): void {
  // eslint-disable-next-line no-restricted-properties -- creates a new file (wx): never a pipe or a device
  const fd = fs.openSync(file, "wx", 0o644);
  try {
    writeContents(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
  fs.closeSync(fd);
}

function syncFolder(folder: string): void {
  try {
    // eslint-disable-next-line no-restricted-properties -- a folder, opened only to sync it
    const fd = fs.openSync(folder, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename is still atomic.
  }
}

/**
 * Creates `target` with `data` only if nothing is there: the data is written and
 * synced to a temporary file first, then linked into place (link fails when the
 * name is taken). Returns false when the name is taken.
 */
export function createFileExclusive(target: string, data: Contents): boolean {
  const temp = tempPath(target);
  writeSynced(temp, data);
  try {
    fs.linkSync(temp, target);
    syncFolder(path.dirname(target));
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Replaces `target` atomically (temporary file + rename). A link at `target` is
 * replaced by the file, never followed: nothing outside the journal is written.
 */
export function replaceFile(target: string, data: Contents): void {
  const temp = tempPath(target);
  let mode = 0o644;
  try {
    const stat = fs.lstatSync(target);
    if (stat.isFile()) mode = stat.mode & 0o777;
  } catch {
    // A new file gets the default mode.
  }
  writeSynced(temp, data);
  try {
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, target);
    syncFolder(path.dirname(target));
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Syncs open files at once: a file system commits syncs that wait together in one go. */
function syncAll(fds: number[]): Promise<void> {
  return Promise.all(fds.map((fd) => new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve()))))).then(() => undefined);
}

/**
 * Replaces many files, each atomically as replaceFile does (temporary file, synced,
 * renamed into place; a link at a target is replaced, never followed), but the data
 * of `batch` files at a time is synced together, and each folder once a batch: at
 * 1,000 files that is most of the time of writing them. A batch is synced while the
 * next one is made and written, and renamed into place once both are done. `files`
 * is read lazily and each file's data is written as soon as it is made, so a maker
 * may reuse its buffer. On an error, the batches written whole before it are put in
 * place, the temporary files of the rest removed. `durable: false` leaves out the syncs
 * (each file is still replaced atomically, but a crash of the system may lose the
 * last files written): for output that is made again from the journal, such as the
 * site, where syncing 20,000 files takes most of a build.
 */
export async function replaceFiles(files: Iterable<[target: string, make: () => Contents]>, batch = 64, durable = true): Promise<void> {
  type Pending = { target: string; temp: string; fd: number | undefined; mode: number };
  let pending: Pending[] = [];
  /** The batch being synced, and when its syncs are done. */
  let syncing: { list: Pending[]; done: Promise<void> } | undefined;
  const discard = (list: Pending[]) => {
    for (const p of list) {
      if (p.fd !== undefined) fs.closeSync(p.fd);
      fs.rmSync(p.temp, { force: true });
    }
    list.length = 0;
  };
  const sync = (list: Pending[]) => {
    const done = durable ? syncAll(list.map((p) => p.fd!)) : Promise.resolve();
    // Awaited in finish(); meanwhile a failed sync is not an unhandled rejection.
    done.catch(() => undefined);
    return { list, done };
  };
  /** Waits for a batch's syncs, then renames its files into place and syncs their folders. */
  const finish = async (synced: { list: Pending[]; done: Promise<void> }) => {
    await synced.done;
    const folders = new Set<string>();
    for (const p of synced.list) {
      fs.closeSync(p.fd!);
      p.fd = undefined;
    }
    while (synced.list.length) {
      const p = synced.list[0]!;
      fs.chmodSync(p.temp, p.mode);
      fs.renameSync(p.temp, p.target);
      synced.list.shift();
      folders.add(path.dirname(p.target));
    }
    if (durable) for (const folder of folders) syncFolder(folder);
  };
  try {
    for (const [target, make] of files) {
      let mode = 0o644;
      try {
        const stat = fs.lstatSync(target);
        if (stat.isFile()) mode = stat.mode & 0o777;
      } catch {
        // A new file gets the default mode.
      }
      const temp = tempPath(target);
      // eslint-disable-next-line no-restricted-properties -- creates a new file (wx): never a pipe or a device
      const entry: Pending = { target, temp, fd: fs.openSync(temp, "wx", 0o644), mode };
      pending.push(entry);
      writeContents(entry.fd!, make());
      if (pending.length >= batch) {
        if (syncing) await finish(syncing);
        syncing = sync(pending);
        pending = [];
      }
    }
    if (syncing) await finish(syncing);
    syncing = undefined;
    if (pending.length) await finish(sync(pending));
  } catch (error) {
    discard(pending);
    // A batch made whole before the error still goes into place, as it would have.
    if (syncing) {
      try {
        await finish(syncing);
      } catch {
        discard(syncing.list);
      }
    }
    throw error;
  }
}

/**
 * Creates `<base><suffix>` in `folder`, trying `-2`, `-3`, ... until a free name
 * is found. Safe when many processes create the same name at once.
 */
/** The name createWithFreeName would use now: `base`, else `base-2`, `base-3`... (what a dry run shows). */
export function freeName(folder: string, base: string, extension: string): string {
  for (let n = 1; n < 10_000; n += 1) {
    const target = path.join(folder, `${base}${n === 1 ? "" : `-${n}`}${extension}`);
    try {
      fs.lstatSync(target);
    } catch {
      return target;
    }
  }
  throw new Error(`no free file name for ${base}${extension} in ${folder}`);
}

export function createWithFreeName(folder: string, base: string, extension: string, data: string): string {
  for (let n = 1; n < 10_000; n += 1) {
    const name = `${base}${n === 1 ? "" : `-${n}`}${extension}`;
    const target = path.join(folder, name);
    if (createFileExclusive(target, data)) return target;
  }
  throw new Error(`no free file name for ${base}${extension} in ${folder}`);
}

/** What says a file was not touched: its identity, size and times (nanoseconds). */
export interface FileStamp {
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function stampOf(stat: fs.BigIntStats): FileStamp {
  return { ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs };
}

const sameStamp = (a: FileStamp, b: FileStamp) => a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/** Reads a file and its stamp together; throws ChangedMeanwhileError when it changes while read. */
export function readStamped(file: string): { bytes: Buffer; stamp: FileStamp } {
  const { fd } = openRegular(file);
  try {
    const before = stampOf(fs.fstatSync(fd, { bigint: true }));
    const bytes = readOpened(fd, file);
    if (!sameStamp(before, stampOf(fs.fstatSync(fd, { bigint: true })))) throw new ChangedMeanwhileError("changed on disk while being read; not rewritten");
    return { bytes, stamp: before };
  } finally {
    fs.closeSync(fd);
  }
}

/** A file changed on disk after nexus read it: nexus did not overwrite that change. */
export class ChangedMeanwhileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChangedMeanwhileError";
  }
}

/** Points where tests step in to change the file, as another process could. */
export interface ReplaceHooks {
  /** After the new text is written to its temporary file, before the last check. */
  beforeCheck?: () => void;
  /** After the last check, right before the rename. */
  beforeRename?: () => void;
}

/**
 * Replaces `target` (as replaceFile does) only if it still is the file read with
 * `stamp` (inode, size, modification and change times). The stamp is checked right
 * before the rename, once the new text is written and synced, and again after it
 * through a descriptor held on the replaced file: a write that slipped into that
 * window (microseconds) is put back, so it is reported, not lost. Throws
 * ChangedMeanwhileError in both cases. What it cannot see: a writer that keeps the
 * old file open and writes to it after the rename (the file is no longer in the journal).
 */
export function replaceFileIfUnchanged(target: string, data: string, stamp: FileStamp, hooks: ReplaceHooks = {}): void {
  const { fd } = openRegular(target);
  const temp = tempPath(target);
  let renamed = false;
  try {
    const unchanged = () => sameStamp(stampOf(fs.fstatSync(fd, { bigint: true })), stamp) && sameStamp(stampOf(fs.lstatSync(target, { bigint: true })), stamp);
    if (!unchanged()) throw new ChangedMeanwhileError("changed on disk meanwhile; not rewritten");
    writeSynced(temp, data);
    fs.chmodSync(temp, Number(fs.fstatSync(fd).mode & 0o777));
    hooks.beforeCheck?.();
    if (!unchanged()) throw new ChangedMeanwhileError("changed on disk meanwhile; not rewritten");
    hooks.beforeRename?.();
    fs.renameSync(temp, target);
    renamed = true;
    syncFolder(path.dirname(target));
    const after = fs.fstatSync(fd, { bigint: true });
    // The rename unlinks the old file, which sets its change time: size and modification time tell a write.
    if (after.size !== stamp.size || after.mtimeNs !== stamp.mtimeNs) {
      // Written to between the check and the rename: put that text back.
      const theirs = readOpened(fd, target);
      const ours = readRegular(target);
      if (ours.equals(Buffer.from(data))) {
        replaceFile(target, theirs);
        throw new ChangedMeanwhileError("changed on disk while being rewritten; the other change was put back and this file was not rewritten");
      }
      const kept = `${target}.conflict`;
      fs.writeFileSync(kept, theirs);
      throw new ChangedMeanwhileError(`changed on disk twice while being rewritten; the text of the other change is in ${path.basename(kept)}`);
    }
  } finally {
    if (!renamed) fs.rmSync(temp, { force: true });
    fs.closeSync(fd);
  }
}
