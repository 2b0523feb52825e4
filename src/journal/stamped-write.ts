// A rewrite of a person's file that never loses a change made meanwhile: the file is read
// with its stamp (inode, size, times) and replaced only while it still has that stamp.
import fs from "node:fs";
import path from "node:path";
import { openRegular, readOpened, readRegular } from "./regular-file.js";
import { replaceFile, syncFolder, tempPath, writeSynced } from "./safe-write.js";

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
