// The check stamp: what build-readme last found up to date, kept in the journal's
// `.nexus/` (never committed), so that `build-readme --check` (and a build with
// nothing to write) on an unchanged journal answers without generating anything.
// Pure: the stamp's text in and out; the file system is looked at through callbacks
// (journal/readme-caches.ts).
//
// A stamp says: with these inputs (a digest of the code, the template, the config,
// the options and every entry file's path, size and change time), the README and
// every generated file were exactly these (path, inode, size, times, and a digest of
// the content), and the build printed these warnings. A check answers from it only
// when the inputs digest the same and every output is still the file recorded; a
// file whose identity differs, or that changed around the time the stamp was made
// (an edit in the same clock tick keeps size and times), is read and its content
// digested instead. Anything else (no stamp, a damaged one, another build of nexus,
// any difference) and the check generates everything, as it always did, and reports
// the differences exactly. A stamp is made only when everything was up to date and
// no entry was modified in the last RACY_MS.
import { createHash } from "node:crypto";
import { sameLook, type Look as FileLook } from "../journal/readme-caches.js";

export type { FileLook };

const FORMAT = "nexus-readme-stamp";
const VERSION = 2;

export interface StampFile {
  /** Relative to the journal root, `/` separators. */
  path: string;
  look: FileLook;
  /** Digest of the content (contentDigest). */
  digest: string;
}

export interface Stamp {
  code: string;
  inputs: string;
  /** When the files were looked at (ms): a file changed after `at - racyMs` is read before it is trusted. */
  at: number;
  files: StampFile[];
  /** The folders on the way to the files (a folder swapped for a link is a difference). */
  folders: { path: string; ino: string }[];
  /** The folder of the generated files, relative to the journal root. */
  pages: string;
  /** What the build printed besides "up to date": its warnings, and the README parts without markers. */
  warnings: string[];
  missing: string[];
}

const sha256 = () => createHash("sha256");

/** The digest of a file's content, as a stamp records it. */
export function contentDigest(content: string | Uint8Array): string {
  return sha256().update(content).digest("base64");
}

export interface StampInputs {
  code: string;
  template: { file: string; text: string };
  config: unknown;
  options: Record<string, unknown>;
  /** Every entry file as read (path, size, change time, inode number), in the journal's order. */
  entries: readonly ({ path: string; size: number; changedMs: number; ino: number } | undefined)[];
}

/** The digest of everything the output is made from; undefined when an entry's identity is not known. */
export function inputDigest(inputs: StampInputs): string | undefined {
  const numbers = new Float64Array(3 * inputs.entries.length);
  let paths = "";
  let at = 0;
  for (const entry of inputs.entries) {
    if (!entry) return undefined;
    // A path has no NUL character: each one ends with one.
    paths += `${entry.path}\0`;
    numbers[at++] = entry.size;
    numbers[at++] = entry.changedMs;
    numbers[at++] = entry.ino;
  }
  // The paths as one text and the numbers as their bytes: a line of text an entry (or an
  // array of them) costs more than the rest of a check (the stamp stays on this machine, in `.nexus/`).
  return sha256()
    .update(JSON.stringify([FORMAT, VERSION, inputs.code, inputs.template.file, inputs.template.text, inputs.config, inputs.options, inputs.entries.length]))
    .update(paths)
    .update(new Uint8Array(numbers.buffer))
    .digest("base64");
}

/** A stamp as the file's text: a digest of the body, then the body (JSON). */
export function encodeStamp(stamp: Stamp): string {
  const body = JSON.stringify({ format: FORMAT, version: VERSION, ...stamp });
  return `${sha256().update(body).digest("base64")}\n${body}\n`;
}

const isString = (x: unknown): x is string => typeof x === "string";
const isLook = (x: unknown): x is FileLook => {
  const l = x as FileLook;
  return typeof l === "object" && l !== null && [l.ino, l.size, l.mtimeNs, l.ctimeNs].every(isString) && typeof l.isFile === "boolean" && typeof l.isDirectory === "boolean";
};

/** The stamp in a file's text; undefined when it is damaged, foreign or made by another build of nexus. */
export function decodeStamp(text: string, code: string): Stamp | undefined {
  const newline = text.indexOf("\n");
  if (newline < 0 || !text.endsWith("\n")) return undefined;
  const body = text.slice(newline + 1, -1);
  if (sha256().update(body).digest("base64") !== text.slice(0, newline)) return undefined;
  let data: Stamp & { format?: unknown; version?: unknown };
  try {
    data = JSON.parse(body) as typeof data;
  } catch {
    return undefined;
  }
  if (data?.format !== FORMAT || data.version !== VERSION || data.code !== code || !isString(data.inputs) || typeof data.at !== "number") return undefined;
  if (!Array.isArray(data.files) || !data.files.every((f) => isString(f?.path) && isString(f.digest) && isLook(f.look))) return undefined;
  if (!Array.isArray(data.folders) || !data.folders.every((f) => isString(f?.path) && isString(f.ino))) return undefined;
  if (!Array.isArray(data.warnings) || !data.warnings.every(isString) || !Array.isArray(data.missing) || !data.missing.every(isString)) return undefined;
  if (!isString(data.pages)) return undefined;
  return { code: data.code, inputs: data.inputs, at: data.at, files: data.files, folders: data.folders, pages: data.pages, warnings: data.warnings, missing: data.missing };
}

export interface StampWorld {
  /** lstat of a path relative to the journal root; undefined when there is nothing there. */
  look(path: string): FileLook | undefined;
  /** The content digest of a file, read with its look unchanged before and after; undefined when it cannot be read so. */
  digest(path: string): { digest: string; look: FileLook } | undefined;
}

/**
 * Whether the stamp answers for these inputs: `current` when every file is the one
 * recorded; `refreshed` is then a stamp with the looks of the files that had to be read
 * (worth writing, so that the next check need not read them).
 */
export function verifyStamp(stamp: Stamp, inputs: string, world: StampWorld, now: number, racyMs: number): { current: boolean; refreshed?: Stamp } {
  if (stamp.inputs !== inputs) return { current: false };
  for (const folder of stamp.folders) {
    const look = world.look(folder.path);
    if (!look?.isDirectory || look.ino !== folder.ino) return { current: false };
  }
  const settled = BigInt(Math.floor(stamp.at - racyMs)) * 1_000_000n;
  let read = false;
  const files: StampFile[] = [];
  for (const file of stamp.files) {
    const look = world.look(file.path);
    if (!look?.isFile) return { current: false };
    if (sameLook(look, file.look) && BigInt(look.ctimeNs) < settled && BigInt(look.mtimeNs) < settled) {
      files.push(file);
      continue;
    }
    const now = world.digest(file.path);
    if (!now || now.digest !== file.digest) return { current: false };
    read = true;
    files.push({ ...file, look: now.look });
  }
  return { current: true, refreshed: read ? { ...stamp, at: now, files } : undefined };
}
