import fs from "node:fs";
import path from "node:path";
import { isErrnoException } from "../errors.js";

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
export function writeSynced(file: string, data: Contents): void {
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

export function syncFolder(folder: string): void {
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
 * replaceFiles stopped while it put the files in place (renamed their temporary files):
 * the first `placed` of `total` files are the new ones, the rest are as they were. The
 * system's error is `cause`; its code, syscall and path are this error's too.
 */
export class PartlyPlacedError extends Error {
  readonly code: string | undefined;
  readonly syscall: string | undefined;
  readonly path: string | undefined;
  constructor(
    override readonly cause: unknown,
    readonly placed: number,
    readonly total: number,
  ) {
    super((cause as Error).message);
    this.name = "PartlyPlacedError";
    const os = cause as NodeJS.ErrnoException;
    this.code = os.code;
    this.syscall = os.syscall;
    this.path = os.path;
  }
}

export interface ReplaceFilesOptions {
  /** How many files' data is synced together (default 64). */
  batch?: number;
  /** Called once every file is written and synced, before the first is put in place (a manifest naming them). */
  beforePlace?: () => void;
  /**
   * false leaves out the syncs (each file is still replaced atomically, and all or none,
   * but a crash of the system may lose the last files written): for output that is made
   * again from the journal, such as the site, where syncing 20,000 files takes most of a build.
   */
  durable?: boolean;
}

/**
 * Replaces many files, all or none: each file's data is written to a temporary file
 * beside it, the data of `batch` files at a time synced together (a batch is synced
 * while the next one is made and written); only when every file is written and synced
 * are they renamed into place, one after another, and each folder synced once. A link
 * at a target is replaced, never followed. `files` is read lazily and each file's data
 * is written as soon as it is made, so a maker may reuse its buffer. An error while
 * the files are written (a full disk) removes every temporary file: nothing changed. A
 * rename that fails (rarely: it needs no room for data) throws PartlyPlacedError.
 */
export async function replaceFiles(files: Iterable<[target: string, make: () => Contents]>, options: ReplaceFilesOptions = {}): Promise<void> {
  const batch = options.batch ?? 64;
  const durable = options.durable ?? true;
  type Pending = { target: string; temp: string; fd: number | undefined; mode: number };
  /** Every file made so far, in order; the last ones may still be open (not yet synced). */
  const made: Pending[] = [];
  let unsynced = 0;
  /** The syncs of the batch being synced. */
  let syncing: Promise<void> | undefined;
  /** Waits for the syncs under way, then closes the files they synced. */
  const settle = async (upTo: number) => {
    if (syncing) await syncing;
    syncing = undefined;
    for (let i = 0; i < upTo; i += 1) {
      const p = made[i]!;
      if (p.fd !== undefined) fs.closeSync(p.fd);
      p.fd = undefined;
    }
  };
  const startSync = () => {
    const list = made.slice(made.length - unsynced);
    unsynced = 0;
    syncing = durable ? syncAll(list.map((p) => p.fd!)) : Promise.resolve();
    // Awaited in settle(); meanwhile a failed sync is not an unhandled rejection.
    syncing.catch(() => undefined);
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
      made.push(entry);
      unsynced += 1;
      writeContents(entry.fd!, make());
      if (unsynced >= batch) {
        // The batch before this one is synced by now, or waited for: at most two batches open.
        await settle(made.length - unsynced);
        startSync();
      }
    }
    await settle(made.length - unsynced);
    if (unsynced) startSync();
    await settle(made.length);
    options.beforePlace?.();
  } catch (error) {
    await settle(0).catch(() => undefined);
    for (const p of made) {
      if (p.fd !== undefined) fs.closeSync(p.fd);
      fs.rmSync(p.temp, { force: true });
    }
    throw error;
  }
  let placed = 0;
  try {
    const folders = new Set<string>();
    for (const p of made) {
      fs.chmodSync(p.temp, p.mode);
      fs.renameSync(p.temp, p.target);
      placed += 1;
      folders.add(path.dirname(p.target));
    }
    if (durable) for (const folder of folders) syncFolder(folder);
  } catch (error) {
    for (const p of made.slice(placed)) fs.rmSync(p.temp, { force: true });
    throw new PartlyPlacedError(error, placed, made.length);
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

/** Removes `dir` and the folders under it when they hold nothing else (never through a link). */
export function removeEmptyFolders(dir: string): void {
  let names: string[];
  try {
    if (!fs.lstatSync(dir).isDirectory()) return;
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) removeEmptyFolders(path.join(dir, name));
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty: something else is in it.
  }
}
