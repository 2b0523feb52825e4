// build-readme's own files in the journal's `.nexus/` folder, beside the entry cache
// (cache.ts): the summary cache (readme/summary-cache.ts). Like the entry cache, each
// is only a speed-up: read when it is a regular file, replaced atomically, written only
// when the journal folder is writable (otherwise skipped in silence), and deleting it
// changes nothing but speed. What is in them is checked by their own modules.
import fs from "node:fs";
import path from "node:path";
import { CACHE_DIR, removeStaleTemps, writableCacheDir } from "./cache-file.js";
import type { Journal } from "./root.js";
import { replaceFile, type Contents } from "./safe-write.js";
import { readRegular } from "./regular-file.js";

export const SUMMARY_CACHE = "readme-summaries";

/** The bytes of one of build-readme's cache files; undefined when there is none (or it is a link, a folder, unreadable). */
export function readReadmeCache(journal: Journal, name: string): Buffer | undefined {
  const file = path.join(journal.root, CACHE_DIR, name);
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    return readRegular(file);
  } catch {
    return undefined;
  }
}

/** Replaces one of build-readme's cache files; a cache that cannot be written is only slower. */
export function writeReadmeCache(journal: Journal, name: string, data: Contents): void {
  const dir = writableCacheDir(journal);
  if (!dir) return;
  try {
    replaceFile(path.join(dir, name), data);
  } catch {
    // Only slower next time.
  }
}

export const CHECK_STAMP = "readme-stamp";

/** What the last build generated, and where (journal/former-pages.ts). */
export const GENERATED_RECORD = "readme-generated";

/** Removes what interrupted writes of build-readme's cache files left in `.nexus/` (their settled temporary files, nothing else). */
export function removeStaleReadmeTemps(journal: Journal): void {
  removeStaleTemps(path.join(journal.root, CACHE_DIR), [SUMMARY_CACHE, CHECK_STAMP, GENERATED_RECORD]);
}

/** What says a file is unchanged (readme/check-stamp.ts FileLook). */
export interface Look {
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  isFile: boolean;
  isDirectory: boolean;
}

/** lstat of a path relative to the journal root: its look, or undefined when nothing is there. */
export function lookAt(root: string, rel: string): Look | undefined {
  const stat = fs.lstatSync(path.join(root, rel), { bigint: true, throwIfNoEntry: false });
  if (!stat) return undefined;
  return { ino: String(stat.ino), size: String(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), isFile: stat.isFile(), isDirectory: stat.isDirectory() };
}

/** Whether two looks are of the same file, unchanged: inode, size, times and kind. */
export const sameLook = (a: Look, b: Look): boolean =>
  a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.isFile === b.isFile;

/** A regular file's bytes with its look, the same before and after reading; undefined when it is not one or changed meanwhile. */
export function readSteady(root: string, rel: string): { bytes: Buffer; look: Look } | undefined {
  const before = lookAt(root, rel);
  if (!before?.isFile) return undefined;
  let bytes: Buffer;
  try {
    bytes = readRegular(path.join(root, rel));
  } catch {
    return undefined;
  }
  const after = lookAt(root, rel);
  return after && sameLook(before, after) ? { bytes, look: before } : undefined;
}
