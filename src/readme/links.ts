// Links in generated markdown: relative to the file they are in, `/` separators,
// each segment URL-encoded, so they work on GitHub for any file name.

import path from "node:path";
import type { LoadedEntry } from "../journal/read.js";
import { escapeInline } from "./escape.js";

/** A relative `/` path as a link target: each segment URL-encoded, parentheses and quotes too. */
export function encodeHref(rel: string): string {
  return rel
    .split("/")
    .map((segment) => (segment === ".." ? segment : encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join("/");
}

/** A link target from the file `from` to `to`, both relative to the journal root with `/`. */
export function hrefBetween(from: string, to: string): string {
  return encodeHref(path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to));
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
