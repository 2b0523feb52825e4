// Writes the site into its folder: only the files whose content changed (a manifest
// in the folder keeps each file's hash and size), each atomically; removes the files
// it wrote before and no longer makes. It never writes over a file it did not write,
// never through a link, and never into a folder that holds other things.
//
// A file may come with a key instead of its content: a digest of everything it is
// made from. When the manifest has the same key for it (made by the same code with the
// same settings: `keys`) and the file is there with its size, it is not made at all:
// that is what keeps a rebuild of 10,000 entry pages after one `add` short.
//
// The files are not synced one by one (20,000 syncs took most of a cold build): a
// crash of the system may leave a file short or empty, and its size, checked on every
// build, then differs from the manifest's, so the next build writes it again.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { isFile, lstatInto, SIZE, statArray } from "../journal/lstat.js";
import { readRegular } from "../journal/regular-file.js";
import { removeLeftoverTemps } from "../journal/leftovers.js";
import { removeEmptyFolders, replaceFile, replaceFiles } from "../journal/safe-write.js";

export const SITE_MANIFEST = ".nexus-site.json";
const MANIFEST_VERSION = 2;

/** A file of the site: its path and content, or its path, how to make it and its key. */
export type SiteFile = [path: string, content: string] | [path: string, make: () => string, key: string];

/** What a file is made from (any JSON), as the key of a SiteFile. */
export const keyOf = (inputs: unknown): string => sha256(JSON.stringify(inputs)).slice(0, 22);

/** SHA-256 as base64url: crypto.hash where Node has it (20.12 and later), a Hash object otherwise. */
const sha256: (text: string) => string =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha256", text, "base64url") : (text) => crypto.createHash("sha256").update(text).digest("base64url");

export interface WriteReport {
  written: number;
  unchanged: number;
  removed: number;
  /** Every file of the site, and its bytes. */
  files: number;
  bytes: number;
}

/**
 * What the manifest says of a file, as it keeps it (a rebuild looks at 21,000 of them
 * and keeps nearly all, so they are not taken apart): "hash size" or "hash size key";
 * "" when nothing of it can be trusted.
 */
type Written = string;

interface Manifest {
  /** What the keys were made with; keys of other code or settings are not used. */
  keys: string;
  files: Map<string, Written>;
}

const hashOf = (content: string) => sha256(content).slice(0, 22);

/** What a file is made from, as text that says it all, as the key of a SiteFile (keyOf of text already made). */
export const keyOfText: (text: string) => string = hashOf;

const writtenOf = (hash: string, size: number, key: string | undefined): Written => (key ? `${hash} ${size} ${key}` : `${hash} ${size}`);

/** The size a manifest line gives; -1 when it gives none. */
function sizeOf(w: Written): number {
  const a = w.indexOf(" ");
  if (a <= 0) return -1;
  const b = w.indexOf(" ", a + 1);
  const end = b < 0 ? w.length : b;
  if (end === a + 1 || end - a > 16) return -1;
  let n = 0;
  for (let i = a + 1; i < end; i += 1) {
    const digit = w.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const hashIs = (w: Written, hash: string) => w.startsWith(hash) && w.charCodeAt(hash.length) === 32;
/** Whether the line's key (its third part) is `key`. */
const keyIs = (w: Written, key: string) => w.endsWith(key) && w.indexOf(" ", w.indexOf(" ") + 1) === w.length - key.length - 1;

function readManifest(out: string): Manifest | undefined {
  let text: string;
  try {
    text = readRegular(path.join(out, SITE_MANIFEST), { encoding: "utf8" });
  } catch {
    return undefined;
  }
  const files = new Map<string, Written>();
  try {
    const data = JSON.parse(text) as { version?: unknown; keys?: unknown; files?: unknown };
    if (typeof data.files !== "object" || data.files === null) return { keys: "", files };
    // A manifest of another version still names the files nexus wrote, with nothing to reuse.
    const current = data.version === MANIFEST_VERSION;
    for (const [rel, value] of Object.entries(data.files as Record<string, unknown>)) files.set(rel, current && typeof value === "string" ? value : "");
    return { keys: current && typeof data.keys === "string" ? data.keys : "", files };
  } catch {
    return { keys: "", files };
  }
}

function manifestText(keys: string, files: Map<string, Written>): string {
  // In the order the files were made, which the journal alone fixes.
  return `${JSON.stringify({ version: MANIFEST_VERSION, keys, files: Object.fromEntries(files) })}\n`;
}

/** Checks the output folder: not a link, and either missing, empty, or a site nexus wrote. */
export function checkOutFolder(out: string): Manifest {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(out);
  } catch {
    return { keys: "", files: new Map() };
  }
  if (!stat.isDirectory()) throw new UserError(`${out} is not a folder (a file or a link); nexus writes the site only into a folder of its own`);
  const manifest = readManifest(out);
  // What a build killed midway left: its temporary files (a first build's, before any manifest, too).
  removeLeftoverTemps(out);
  if (manifest) return manifest;
  // Without a manifest: empty folders (what such a build made) are nothing in the way.
  for (const name of fs.readdirSync(out)) removeEmptyFolders(path.join(out, name));
  if (fs.readdirSync(out).length > 0) {
    throw new UserError(`${out} holds files that nexus did not write (it has no ${SITE_MANIFEST}); nothing was written`, { hint: "choose an empty or new folder with --out" });
  }
  return { keys: "", files: new Map() };
}

/** Makes the folders of a file under `out`, refusing a link among them (nothing is written outside the folder). */
function makeFolders(out: string, rel: string, made: Set<string>): void {
  const parts = rel.split("/").slice(0, -1);
  let at = "";
  for (const part of parts) {
    at = at ? `${at}/${part}` : part;
    if (made.has(at)) continue;
    const full = path.join(out, at);
    try {
      if (!fs.lstatSync(full).isDirectory()) throw new UserError(`${full} is not a folder (a file or a link); nothing is written through it`);
    } catch (error) {
      if (error instanceof UserError) throw error;
      fs.mkdirSync(full);
    }
    made.add(at);
  }
}

/** Removes the files nexus wrote before and no longer makes; one it could not remove stays in `now`. */
function removeGone(out: string, old: Map<string, Written>, now: Map<string, Written>): number {
  let removed = 0;
  for (const [rel, written] of old) {
    if (now.has(rel)) continue;
    const target = path.join(out, rel);
    try {
      if (!fs.lstatSync(target).isFile()) continue;
    } catch {
      continue;
    }
    try {
      fs.rmSync(target);
      removed += 1;
    } catch {
      now.set(rel, written);
    }
  }
  return removed;
}

/**
 * Whether a file the manifest does not name is the one nexus would write there: a
 * build stopped before it wrote its manifest left it (its content proves it).
 */
function ownedAlready(target: string, stat: Float64Array, file: SiteFile): boolean {
  if (!isFile(stat)) return false;
  const content = file.length === 3 ? file[1]() : file[1];
  if (stat[SIZE] !== Buffer.byteLength(content)) return false;
  try {
    return readRegular(target, { encoding: "utf8" }) === content;
  } catch {
    return false;
  }
}

/** Writes the files into `out` (made if missing); `keys` names the code and settings the files' keys were made with. */
export async function writeSite(out: string, files: Iterable<SiteFile>, keys = ""): Promise<WriteReport> {
  const manifest = checkOutFolder(out);
  const old = manifest.files;
  const keysHold = manifest.keys === keys && keys !== "";
  fs.mkdirSync(out, { recursive: true });
  const now = new Map<string, Written>();
  const made = new Set<string>();
  const report: WriteReport = { written: 0, unchanged: 0, removed: 0, files: 0, bytes: 0 };
  const stat = statArray();
  /** The files handed to be written: on an error, any of them may be the old one still. */
  const yielded: string[] = [];
  function* changed(): Generator<[string, () => string]> {
    for (const file of files) {
      const rel = file[0];
      const target = path.join(out, rel);
      const there = lstatInto(target, stat);
      if (there && (!isFile(stat) || !old.has(rel)) && !ownedAlready(target, stat, file)) {
        throw new UserError(`${target} is already there and nexus did not write it; nothing was written over it`, { hint: "remove it, or choose an empty or new folder with --out" });
      }
      const before = old.get(rel);
      const intact = there && before !== undefined && stat[SIZE] === sizeOf(before);
      report.files += 1;
      if (file.length === 3 && keysHold && intact && keyIs(before, file[2])) {
        now.set(rel, before);
        report.unchanged += 1;
        report.bytes += stat[SIZE]!;
        continue;
      }
      const content = file.length === 3 ? file[1]() : file[1];
      const hash = hashOf(content);
      const size = Buffer.byteLength(content);
      now.set(rel, writtenOf(hash, size, file.length === 3 ? file[2] : undefined));
      report.bytes += size;
      if (intact && hashIs(before, hash)) {
        report.unchanged += 1;
        continue;
      }
      makeFolders(out, rel, made);
      report.written += 1;
      yielded.push(rel);
      yield [target, () => content];
    }
  }
  try {
    // All or none: an error while the files are written (a full disk) puts none in place.
    await replaceFiles(changed(), { durable: false });
  } catch (error) {
    // What was written is the site's, even when a later file stopped the build; what may not have been is written again next time.
    for (const rel of yielded) now.set(rel, "");
    replaceFile(path.join(out, SITE_MANIFEST), manifestText(keys, new Map([...old, ...now])));
    throw error;
  }
  // A build stopped before this line left files the manifest does not name: the next one knows them by their content (ownedAlready).
  report.removed = removeGone(out, old, now);
  replaceFile(path.join(out, SITE_MANIFEST), manifestText(keys, now));
  return report;
}
