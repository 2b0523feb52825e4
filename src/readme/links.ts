// Links in generated markdown: relative to the file they are in, `/` separators,
// each segment URL-encoded, so they work on GitHub for any file name.

import path from "node:path";
import type { LoadedEntry } from "../journal/read.js";
import { escapeInline } from "./escape.js";

/** What encodeSegment keeps as it is: most file names are all of it, and are not copied. */
const UNRESERVED = /^[A-Za-z0-9._~-]*$/;

const encodeSegment = (segment: string) =>
  segment === ".." || UNRESERVED.test(segment) ? segment : encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A relative `/` path as a link target: each segment URL-encoded, parentheses and quotes too. */
export function encodeHref(rel: string): string {
  return rel.split("/").map(encodeSegment).join("/");
}

/** Not a plain relative path (`a/b.md`): empty, absolute, a trailing or double `/`, a `.` or `..` segment. */
const UNPLAIN = /^$|^\/|\/$|\/\/|(^|\/)\.\.?(\/|$)/;
/** `fromDir \0 toDir` -> the encoded way from one folder to the other, with a final `/` ("" for the same folder). */
const between = new Map<string, string>();

/** A link's target, worked out once for links to it from many files (hrefTo). */
export interface LinkTarget {
  /** Relative to the journal root, `/` separators. */
  readonly path: string;
  /** Its folder ("" at the root) and its name URL-encoded. */
  readonly dir: string;
  readonly name: string;
  readonly plain: boolean;
}

export function linkTarget(to: string): LinkTarget {
  const cut = to.lastIndexOf("/");
  return { path: to, dir: to.slice(0, Math.max(0, cut)), name: encodeSegment(to.slice(cut + 1)), plain: !UNPLAIN.test(to) };
}

// The last file linked from, and the last way between two folders: pages link
// thousands of entries of one folder from one page, one link after another.
let lastFrom = "";
let lastFromDir = "";
let lastFromPlain = false;
let lastWayFrom = "";
let lastWayTo = "";
let lastWay = "";

/** Whether links from `from` to `target` take the way between their folders and the target's name (see hrefTo); that way is then `lastWay`. */
function viaFolders(from: string, target: LinkTarget): boolean {
  if (from !== lastFrom) {
    lastFrom = from;
    lastFromDir = from.slice(0, Math.max(0, from.lastIndexOf("/")));
    lastFromPlain = !UNPLAIN.test(from);
  }
  const fromDir = lastFromDir;
  const to = target.path;
  // (`to` must not be the folder of `from` or above it: that way is not a folder's way plus a name.)
  const above = fromDir.startsWith(to) && (fromDir.length === to.length || fromDir.charCodeAt(to.length) === 0x2f);
  if (!lastFromPlain || !target.plain || above) return false;
  if (fromDir !== lastWayFrom || target.dir !== lastWayTo) {
    const key = `${fromDir}\0${target.dir}`;
    let way = between.get(key);
    if (way === undefined) {
      const rel = path.posix.relative(fromDir || ".", target.dir || ".");
      way = rel ? `${encodeHref(rel)}/` : "";
      between.set(key, way);
    }
    lastWayFrom = fromDir;
    lastWayTo = target.dir;
    lastWay = way;
  }
  return true;
}

/** hrefBetween(from, target.path). */
export function hrefTo(from: string, target: LinkTarget): string {
  // Pages link thousands of entries from a few folders: the way between two folders is
  // worked out once, and only the file name is encoded for each link (the same href).
  if (viaFolders(from, target)) return lastWay + target.name;
  return encodeHref(path.posix.relative(path.posix.dirname(from), target.path) || path.posix.basename(target.path));
}

/** The way from `from`'s folder to the target's folder ("" for the same one, else ending in `/`) when hrefTo is that way and the target's name; undefined otherwise. */
export function hrefWay(from: string, target: LinkTarget): string | undefined {
  return viaFolders(from, target) ? lastWay : undefined;
}

/** The length of hrefTo(from, target), in characters and in UTF-8 bytes alike (an href is ASCII). */
export function hrefLength(from: string, target: LinkTarget): number {
  return viaFolders(from, target) ? lastWay.length + target.name.length : hrefTo(from, target).length;
}

/** A link target from the file `from` to `to`, both relative to the journal root with `/`. */
export function hrefBetween(from: string, to: string): string {
  return hrefTo(from, linkTarget(to));
}

/** An entry's title as markdown text; a title with nothing printable falls back to its file name. */
export function entryTitle(entry: Pick<LoadedEntry, "title" | "path">): string {
  return escapeInline(entry.title) || escapeInline(path.posix.basename(entry.path));
}

/** `[title](href)` from the file `from` (relative to the journal root) to an entry. */
export function entryLinkFrom(from: string, entry: Pick<LoadedEntry, "title" | "path">): string {
  return `[${entryTitle(entry)}](${hrefBetween(from, entry.path)})`;
}

export function tagList(entry: Pick<LoadedEntry, "tags">): string {
  return entry.tags.map((t) => `\\#${escapeInline(t)}`).join(" ");
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A whole number with a comma between groups of three digits, as `toLocaleString("en-US")` writes it, without loading ICU's number formats (about 20 ms). */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  return `${n < 0 ? "-" : ""}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",")}`;
}
