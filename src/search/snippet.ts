// Which fields of a result matched, and the one line of text shown under it: a
// window of the field that matched best, with the matched stretches marked.
import { inertLine } from "../domain/sanitize.js";
import type { LoadedEntry } from "../journal/read.js";
import { findRanges, type WordMatcher } from "./engine.js";
import { BODY_FIELDS, FIELDS, type Field } from "./fields.js";

export interface Snippet {
  field: Field;
  /** One line, control characters inert. */
  text: string;
  /** Matched stretches of `text`, sorted, not overlapping. */
  ranges: [number, number][];
}

/** Markdown as one line of plain-ish text: no fences, heading or list marks, one space between words. */
export function flatten(markdown: string): string {
  return inertLine(
    markdown
      .replace(/^\s*(```|~~~).*$/gm, " ")
      .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)]|>)\s+/gm, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

function fieldText(entry: LoadedEntry, field: Field): string {
  if (field === "tags") return inertLine(entry.tags.join(" "));
  if (field === "title" || field === "topic") return inertLine(entry[field]);
  return flatten(entry[field]);
}

/** The fields that match any word, in field order, and the snippet from the best body field. */
export function describeMatches(entry: LoadedEntry, matchers: WordMatcher[]): { matches: Field[]; snippet: Snippet | undefined } {
  const matches: Field[] = [];
  let best: (Snippet & { words: number; quality: number }) | undefined;
  for (const field of FIELDS) {
    const text = fieldText(entry, field);
    if (!text) continue;
    const found = findRanges(text, matchers);
    if (found.words.size === 0) continue;
    matches.push(field);
    if (!(BODY_FIELDS as readonly string[]).includes(field)) continue;
    if (!best || found.words.size > best.words || (found.words.size === best.words && found.quality > best.quality)) {
      best = { field, text, ranges: found.ranges, words: found.words.size, quality: found.quality };
    }
  }
  if (best) return { matches, snippet: { field: best.field, text: best.text, ranges: best.ranges } };
  // Matched in the title, topic or tags only: show the start of the entry's body for context.
  for (const field of ["takeaway", "solution", "challenge", "notes"] as const) {
    const text = fieldText(entry, field);
    if (text) return { matches, snippet: { field, text, ranges: findRanges(text, matchers).ranges } };
  }
  return { matches, snippet: undefined };
}

/** Cuts a snippet to `width` characters around its first match, with ellipses where text was cut. */
export function clip(snippet: Snippet, width: number): Snippet {
  const { text, ranges } = snippet;
  if (text.length <= width) return snippet;
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  if (text.length - start < width - 1) start = Math.max(0, text.length - (width - 1));
  if (start > 0) {
    const space = text.indexOf(" ", start - 1);
    if (space !== -1 && space < first) start = space + 1;
  }
  const prefix = start > 0 ? "…" : "";
  let end = start + width - prefix.length;
  let suffix = "";
  if (end < text.length) {
    end -= 1;
    suffix = "…";
    const space = text.lastIndexOf(" ", end);
    const firstEnd = ranges[0]?.[1] ?? 0;
    if (space > start + width / 2 && space >= firstEnd) end = space;
  } else {
    end = text.length;
  }
  const shift = prefix.length - start;
  const clipped = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) + shift, Math.min(e, end) + shift]);
  return { field: snippet.field, text: `${prefix}${text.slice(start, end).trimEnd()}${suffix}`, ranges: clipped };
}

/** The text with each range passed through `mark` (such as bold yellow). */
export function highlight(snippet: Pick<Snippet, "text" | "ranges">, mark: (text: string) => string): string {
  let out = "";
  let at = 0;
  for (const [s, e] of snippet.ranges) {
    if (s < at || e > snippet.text.length) continue;
    out += snippet.text.slice(at, s) + mark(snippet.text.slice(s, e));
    at = e;
  }
  return out + snippet.text.slice(at);
}
