import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isErrnoException } from "../errors.js";

// Every write is atomic: a reader (or a crash) sees the old file or the new one,
// never half of one. New files are created without replacing anything.

/** The name of a temporary file: `.NAME.PID.HEX.tmp`, hidden from the entry scan. */
export const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

function tempPath(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** File contents: one string, or pieces written one after another (no giant string in memory). */
export type Contents = string | Iterable<string>;

/** Writes and syncs a new file; on failure (a full disk) nothing is left behind. */
function writeSynced(file: string, data: Contents): void {
  const fd = fs.openSync(file, "wx", 0o644);
  try {
    if (typeof data === "string") fs.writeFileSync(fd, data);
    else for (const piece of data) fs.writeSync(fd, piece);
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
export function createFileExclusive(target: string, data: string): boolean {
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

/**
 * Creates `<base><suffix>` in `folder`, trying `-2`, `-3`, ... until a free name
 * is found. Safe when many processes create the same name at once.
 */
export function createWithFreeName(folder: string, base: string, extension: string, data: string): string {
  for (let n = 1; n < 10_000; n += 1) {
    const name = `${base}${n === 1 ? "" : `-${n}`}${extension}`;
    const target = path.join(folder, name);
    if (createFileExclusive(target, data)) return target;
  }
  throw new Error(`no free file name for ${base}${extension} in ${folder}`);
}
