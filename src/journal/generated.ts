// The files build-readme generates beside the README (pages and charts), kept in
// one folder with a manifest of what nexus wrote there, committed with the journal
// so that a fresh clone (CI) knows it too. nexus rewrites and removes only files
// the manifest names, never overwrites a file it did not write, never writes
// through a link, and writes every file atomically.

import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { PartlyPlacedError, removeEmptyFolders, replaceFile, replaceFiles } from "./safe-write.js";
import { kindOf, openRegular, readRegular } from "./regular-file.js";

export const MANIFEST = ".nexus-manifest.json";

/**
 * The generated files: path relative to the journal root -> a function that makes
 * its content (text, or its UTF-8 bytes). A file's content is made when it is
 * compared or written and dropped after, so the pages of a large journal are never
 * all in memory as text at once. Bytes are valid until the next file is made (a
 * maker may reuse its buffer): use them before that.
 */
export type GeneratedFiles = Map<string, () => string | Uint8Array>;

export interface GeneratedState {
  /** Paths (relative to the journal root) to create or rewrite. */
  write: string[];
  /** The part of `write` that does not exist yet. */
  missing: string[];
  /** Paths nexus wrote before and no longer generates, still there. */
  remove: string[];
  /** Paths taken by something nexus did not write (a file, a folder, a link). */
  conflicts: string[];
  /** The manifest's new text, and whether the file differs from it. */
  manifest: { path: string; text: string; stale: boolean };
}

/** A manifest path: a relative `/` path of plain names, nothing that climbs out or hides. */
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[^/\\\u0000-\u001f:]+(\/[^/\\\u0000-\u001f:]+)*$/;

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The paths a folder's manifest names, relative to the journal root; invalid names are ignored. */
export function readManifest(root: string, folder: string): Set<string> {
  const file = path.join(root, folder, MANIFEST);
  const stat = lstat(file);
  if (!stat) return new Set();
  const where = `${folder}/${MANIFEST}`;
  if (!stat.isFile()) throw new UserError(`${where} is not a regular file (${kindOf(stat)}); nexus does not read through it`);
  let data: unknown;
  try {
    data = JSON.parse(readRegular(file, { encoding: "utf8" }));
  } catch {
    throw new UserError(`${where}:1: not the JSON nexus writes; restore it from git (or delete it, and nexus will refuse to overwrite the pages it no longer knows)`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new UserError(`${where}:1: has no "files" list; restore it from git`);
  return new Set(files.filter((f): f is string => typeof f === "string" && SAFE_PATH.test(f) && f !== MANIFEST).map((f) => `${folder}/${f}`));
}

function manifestText(folder: string, paths: Iterable<string>): string {
  const files = [...paths].map((p) => p.slice(folder.length + 1)).sort();
  return `${JSON.stringify({ generator: "nexus build-readme", note: "The files nexus generated in this folder: it rewrites and removes only these. Commit this file.", files }, null, 2)}\n`;
}

/** A folder on the way to a file (inside the journal) that is a link or not a folder. */
function badFolder(root: string, rel: string): string | undefined {
  const parts = rel.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i += 1) {
    const sub = parts.slice(0, i).join("/");
    const stat = lstat(path.join(root, sub));
    if (!stat) return undefined;
    if (!stat.isDirectory()) return sub;
  }
  return undefined;
}

// Buffers reused from one comparison to the next: the file's bytes and the text's.
let fileBytes: Buffer = Buffer.alloc(0);
let textBytes: Buffer = Buffer.alloc(0);
const atLeast = (buffer: Buffer, size: number) => (buffer.length >= size ? buffer : Buffer.allocUnsafe(Math.max(size, 2 * buffer.length)));

/** Whether a file holds exactly `content` (text as UTF-8); a file of another `size` (when known) is not read. */
function sameContent(file: string, content: string | Uint8Array, size?: number): boolean {
  const length = typeof content === "string" ? Buffer.byteLength(content, "utf8") : content.length;
  if (size !== undefined && size !== length) return false;
  let fd: number;
  try {
    fd = openRegular(file).fd;
  } catch {
    return false;
  }
  try {
    // One byte more than the content: a longer file is not the same.
    fileBytes = atLeast(fileBytes, length + 1);
    let got = 0;
    for (let n; got <= length && (n = fs.readSync(fd, fileBytes, got, length + 1 - got, null)) > 0; ) got += n;
    if (got !== length) return false;
    let bytes: Uint8Array = content as Uint8Array;
    if (typeof content === "string") {
      textBytes = atLeast(textBytes, length);
      textBytes.write(content, 0, "utf8");
      bytes = textBytes;
    }
    return fileBytes.compare(bytes, 0, length, 0, length) === 0;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** Compares the generated files with the journal's folder: what to write, remove, and what is in the way. */
export function planGenerated(root: string, folder: string, files: GeneratedFiles): GeneratedState {
  const known = readManifest(root, folder);
  const write: string[] = [];
  const missing: string[] = [];
  const conflicts: string[] = [];
  for (const [rel, make] of files) {
    const bad = badFolder(root, rel);
    if (bad) {
      conflicts.push(bad);
      continue;
    }
    const stat = lstat(path.join(root, rel));
    if (!stat) {
      write.push(rel);
      missing.push(rel);
    }
    else if (!stat.isFile() || !known.has(rel)) conflicts.push(rel);
    else if (!sameContent(path.join(root, rel), make(), stat.size)) write.push(rel);
  }
  const remove = [...known].filter((rel) => !files.has(rel) && !badFolder(root, rel) && lstat(path.join(root, rel))?.isFile()).sort();
  const manifestPath = `${folder}/${MANIFEST}`;
  const text = manifestText(folder, files.keys());
  const manifestStat = lstat(path.join(root, manifestPath));
  if (manifestStat && !manifestStat.isFile()) conflicts.push(manifestPath);
  return { write, missing, remove, conflicts: [...new Set(conflicts)].sort(), manifest: { path: manifestPath, text, stale: !sameContent(path.join(root, manifestPath), text) } };
}

/** The conflicts as one error: nothing is written. */
export function conflictError(state: GeneratedState): UserError {
  const shown = state.conflicts.slice(0, 5).join(", ");
  const more = state.conflicts.length > 5 ? ` and ${state.conflicts.length - 5} more` : "";
  return new UserError(
    `build-readme would overwrite ${shown}${more}, which nexus did not write (not in ${state.manifest.path}): move ${state.conflicts.length > 1 ? "them" : "it"} away, or set "readme.pages" in nexus.config.json to another folder. Nothing was written.`,
  );
}

/**
 * Writes the generated files, removes the ones no longer generated, and records them.
 * Returns the outermost folder it created for `folder` (relative to the root), if any.
 * The files are put in place all or none (replaceFiles): an error while they are
 * written (a full disk) leaves the folder as it was, and the folders made for them
 * are removed again; an error while they are put in place is a PartlyPlacedError.
 */
export async function applyGenerated(root: string, folder: string, files: GeneratedFiles, state: GeneratedState): Promise<string | undefined> {
  if (state.conflicts.length) throw conflictError(state);
  const manifestFile = path.join(root, state.manifest.path);
  const made = fs.mkdirSync(path.join(root, folder), { recursive: true });
  /** The folders made here, outermost first. */
  const madeFolders: string[] = made ? [made] : [];
  try {
    await replaceFiles(
      (function* () {
        // Each file made, written and dropped in turn (its folder made first); synced in batches.
        for (const rel of state.write) {
          const file = path.join(root, rel);
          const madeFolder = fs.mkdirSync(path.dirname(file), { recursive: true });
          if (madeFolder) madeFolders.push(madeFolder);
          yield [file, files.get(rel)!] as [string, () => string | Uint8Array];
        }
      })(),
      // Before any page is in place, a manifest naming the old files and the new: whatever a crash leaves, nexus knows it wrote it.
      {
        beforePlace: () => {
          if (state.write.length) replaceFile(manifestFile, manifestText(folder, new Set([...state.remove, ...files.keys()])));
        },
      },
    );
  } catch (error) {
    if (!(error instanceof PartlyPlacedError)) {
      // Nothing was put in place: the folders made for the files go again (each is empty), innermost first.
      for (const dir of madeFolders.reverse()) removeEmptyFolders(dir);
    }
    throw error;
  }
  for (const rel of state.remove) {
    fs.rmSync(path.join(root, rel), { force: true });
    // Folders nexus emptied go too; a folder with anything else in it stays.
    for (let dir = path.posix.dirname(rel); dir !== folder && dir.startsWith(`${folder}/`); dir = path.posix.dirname(dir)) {
      try {
        fs.rmdirSync(path.join(root, dir));
      } catch {
        break;
      }
    }
  }
  if (state.manifest.stale || state.write.length) replaceFile(manifestFile, state.manifest.text);
  return made === undefined ? undefined : path.relative(root, made).split(path.sep).join("/");
}
