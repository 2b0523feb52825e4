// The trash: `rm` moves an entry file into `.nexus/trash/<when>/<its path>`, byte for byte
// (a rename: atomic, a link stays a link), and `restore` moves it back to its path, never
// over a file that is there. The folder's name is the time of the removal, so the trash
// needs no list of its own.
import fs from "node:fs";
import path from "node:path";
import { isErrnoException, UserError } from "../errors.js";
import { CACHE_DIR } from "./cache-parts.js";
import { writableCacheDir } from "./cache-file.js";
import { entriesShown, folderForWriting, realRootOf, whereabouts } from "./inside.js";
import type { Journal } from "./root.js";
import { readRegular } from "./regular-file.js";
import { createFileExclusive } from "./safe-write.js";

export const TRASH_SHOWN = `${CACHE_DIR}/trash`;

export interface Trashed {
  /** The entry's path in the journal (entries/...), where restore puts it back. */
  path: string;
  /** When it was removed, ISO 8601 (UTC). */
  removed: string;
  /** Its file in the trash. */
  file: string;
}

const trashDir = (journal: Journal) => path.join(journal.root, CACHE_DIR, "trash");
const partsOf = (relative: string) => relative.split("/");

/** `2026-12-06T20:31:05.123Z` as a folder name (no colons, for every file system), and back. */
const folderName = (iso: string) => `${iso.replace(/:/g, "-")}-${Math.floor(Math.random() * 0xffff).toString(16).padStart(4, "0")}`;
const FOLDER = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2}(?:\.\d+)?Z)-[0-9a-f]{4}$/;

/** Moves the entry at `relative` (a path in the journal) into the trash; returns where it is. */
export function moveToTrash(journal: Journal, relative: string, now = new Date()): Trashed {
  writableCacheDir(journal);
  const removed = now.toISOString();
  const folder = path.join(trashDir(journal), folderName(removed));
  const file = path.join(folder, ...partsOf(relative));
  folderForWriting(journal.root, path.dirname(file), TRASH_SHOWN);
  moveFile(path.join(journal.root, ...partsOf(relative)), file);
  return { path: relative, removed, file };
}

/**
 * Puts a trashed entry back at its path, refusing (exit 1) when a file is there; the trash
 * keeps it then. Folders left empty in the trash are removed.
 */
export function restoreFromTrash(journal: Journal, item: Trashed): void {
  const target = path.join(journal.root, ...partsOf(item.path));
  folderForWriting(journal.root, path.dirname(target), path.posix.dirname(item.path));
  try {
    placeExclusive(item.file, target);
  } catch (error) {
    if (isErrnoException(error) && error.code === "EEXIST") {
      throw new UserError(`${item.path} exists: the entry in the trash was not put back over it`, {
        hint: `move or rename ${item.path}, then run nexus restore again`,
      });
    }
    throw error;
  }
  fs.rmSync(item.file, { force: true });
  for (let dir = path.dirname(item.file); dir.startsWith(trashDir(journal) + path.sep); dir = path.dirname(dir)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      break;
    }
  }
}

/** Everything in the trash that goes back into the entries folder, most recently removed first. */
export function listTrash(journal: Journal): Trashed[] {
  const entries = entriesShown(journal);
  const belongs = (relative: string) => entries === "." || relative.startsWith(`${entries}/`);
  const items: Trashed[] = [];
  // A trash that leads out of the journal (.nexus a link) is none: nothing comes in from there.
  if (!whereabouts(realRootOf(journal.root), trashDir(journal)).inside) return items;
  for (const name of safeList(trashDir(journal)).sort().reverse()) {
    const when = FOLDER.exec(name);
    if (!when) continue;
    const removed = `${when[1]}T${when[2]}:${when[3]}:${when[4]}`;
    const folder = path.join(trashDir(journal), name);
    for (const relative of filesUnder(folder, "").filter(belongs)) items.push({ path: relative, removed, file: path.join(folder, ...partsOf(relative)) });
  }
  return items;
}

function safeList(dir: string): string[] {
  try {
    return fs.lstatSync(dir).isDirectory() ? fs.readdirSync(dir) : [];
  } catch {
    return [];
  }
}

/** Files and links under a folder of the trash (links not followed), as paths with "/". */
function filesUnder(folder: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of safeList(folder).sort()) {
    const stat = fs.lstatSync(path.join(folder, name));
    const relative = prefix ? `${prefix}/${name}` : name;
    if (stat.isDirectory()) out.push(...filesUnder(path.join(folder, name), relative));
    else if (stat.isFile() || stat.isSymbolicLink()) out.push(relative);
  }
  return out;
}

/** A rename; across file systems, an exclusive copy then the removal of the original. */
function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if (!isErrnoException(error) || error.code !== "EXDEV") throw error;
    placeExclusive(from, to);
    fs.rmSync(from);
  }
}

/**
 * Makes `to` the same file as `from` only if nothing is at `to` (EEXIST otherwise): a hard
 * link, a new link for a link, or across file systems a synced copy linked into place.
 */
function placeExclusive(from: string, to: string): void {
  if (fs.lstatSync(from).isSymbolicLink()) return fs.symlinkSync(fs.readlinkSync(from), to);
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (!isErrnoException(error) || error.code !== "EXDEV") throw error;
    if (!createFileExclusive(to, readRegular(from))) throw Object.assign(new Error(`${to} exists`), { code: "EEXIST" });
  }
}
