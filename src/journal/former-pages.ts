// The pages of a former pages folder. When `readme.pages` in nexus.config.json
// names another folder, the pages build-readme wrote in the old one would stay
// for good: nothing names that folder any more. So each build records in `.nexus/`
// (readme-caches.ts) the folder it wrote, the folder it had to create for it, and
// the digest of every file it generated there; a build with another folder removes
// the files it recorded there that are still exactly what it wrote (never one
// changed since, never anything else), then the folders that this left empty up to
// the one it created. The record is local: a fresh clone does not know it (its
// first build records the folder it writes).

import fs from "node:fs";
import path from "node:path";
import { MANIFEST, readManifest } from "./generated.js";
import { readRegular } from "./regular-file.js";

export interface GeneratedRecord {
  /** The pages folder, relative to the journal root. */
  folder: string;
  /** The outermost folder build-readme created for it (the folder itself or one around it), if it did. */
  made: string | null;
  /** Path relative to the journal root -> digest of the content written. */
  files: Record<string, string>;
}

/** A relative `/` path of plain names: nothing that climbs out or hides. */
const PLAIN_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[^/\\\u0000-\u001f:]+(\/[^/\\\u0000-\u001f:]+)*$/;
const inside = (rel: string, folder: string) => rel.startsWith(`${folder}/`);

/** The record as written in `.nexus/`. */
export function encodeRecord(record: GeneratedRecord): string {
  return `${JSON.stringify({ generator: "nexus build-readme", ...record })}\n`;
}

/** A record's bytes; undefined when there are none or they are not a record nexus could have written. */
export function decodeRecord(bytes: Buffer | undefined): GeneratedRecord | undefined {
  if (!bytes) return undefined;
  let data: { generator?: unknown; folder?: unknown; made?: unknown; files?: unknown };
  try {
    data = JSON.parse(bytes.toString("utf8")) as typeof data;
  } catch {
    return undefined;
  }
  const { folder, made, files } = data ?? {};
  if (data?.generator !== "nexus build-readme" || typeof folder !== "string" || !PLAIN_PATH.test(folder)) return undefined;
  if (made !== null && (typeof made !== "string" || !PLAIN_PATH.test(made) || !(made === folder || inside(folder, made)))) return undefined;
  if (typeof files !== "object" || files === null || Array.isArray(files)) return undefined;
  const own: Record<string, string> = {};
  for (const [rel, digest] of Object.entries(files)) {
    if (typeof digest !== "string" || !PLAIN_PATH.test(rel) || !inside(rel, folder)) return undefined;
    own[rel] = digest;
  }
  return { folder, made, files: own };
}

/** Whether every folder on the way to `rel` (inside the journal) is a real folder, not a link. */
function plainWay(root: string, rel: string): boolean {
  const parts = rel.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i += 1) {
    if (!fs.lstatSync(path.join(root, ...parts.slice(0, i)), { throwIfNoEntry: false })?.isDirectory()) return false;
  }
  return true;
}

/**
 * The files of the record's folder, when it is not `folder` any more, that are still
 * exactly what nexus wrote there (`digestOf` their bytes is the one recorded), are
 * regular files on a way without links, and are not generated now (`now`).
 */
export function formerPages(root: string, record: GeneratedRecord | undefined, folder: string, now: ReadonlySet<string> | Map<string, unknown>, digestOf: (bytes: Uint8Array) => string): string[] {
  if (!record || record.folder === folder) return [];
  // And named by that folder's manifest (or the manifest itself): what nexus wrote, twice over.
  let named: Set<string>;
  try {
    named = readManifest(root, record.folder);
  } catch {
    return [];
  }
  named.add(`${record.folder}/${MANIFEST}`);
  const found: string[] = [];
  for (const [rel, digest] of Object.entries(record.files)) {
    if (!named.has(rel) || now.has(rel) || inside(rel, folder) || !plainWay(root, rel)) continue;
    const file = path.join(root, rel);
    if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    let bytes: Buffer;
    try {
      bytes = readRegular(file);
    } catch {
      continue;
    }
    if (digestOf(bytes) === digest) found.push(rel);
  }
  return found.sort();
}

/** Removes former pages (formerPages), then each folder this left empty, up to the one nexus created for them. */
export function removeFormerPages(root: string, record: GeneratedRecord, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const rel of files) {
    fs.rmSync(path.join(root, rel), { force: true });
    for (let dir = path.posix.dirname(rel); dir !== "." && inside(dir, record.folder); dir = path.posix.dirname(dir)) folders.add(dir);
  }
  // Deepest first; a folder with anything else in it stays (rmdir fails), and so do the ones around it.
  const order = [...folders].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1));
  if (record.made) for (let dir = record.folder; dir === record.made || inside(dir, record.made); dir = path.posix.dirname(dir)) order.push(dir);
  for (const dir of order) {
    try {
      fs.rmdirSync(path.join(root, dir));
    } catch {
      // Not empty, or not there: kept.
    }
  }
}
