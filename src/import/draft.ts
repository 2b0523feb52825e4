// What every source kind turns its text into: entry drafts with where they came
// from and what had to be guessed. Pure: no files, no clock.

import { isCalendarDate } from "../domain/dates.js";
import { LIMITS, normalizeTags, type EntryDraft } from "../domain/entry.js";
import type { TopicGroup } from "../journal/config.js";

export const SOURCE_KINDS = ["readme", "jrnl", "til", "markdown"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where an entry's date came from, for the summary ("1,832 by first commit, 39 from frontmatter"). */
export type DateSource = "text" | "frontmatter" | "file name" | "export" | "first commit" | "modification time" | "today";

/** One entry to create. */
export interface ImportDraft extends EntryDraft {
  /** Where its date came from. */
  dated: DateSource;
  /** Markdown outside the three sections, as written. */
  notes: string;
  featured: boolean;
  /** A stable name of the entry's origin (`readme:FILE#topic/title`, `jrnl:UUID`, `til:PATH` ...), kept as `source:` in the entry. */
  source: string;
  /** Where in the source it starts, for messages: a path relative to the source, and a 1-based line. */
  origin: { path: string; line: number };
  /** What was guessed (a date, a topic, a label it does not know), said per entry. */
  guesses: string[];
}

/** A problem with one part of the source: that part is not imported, the rest is. */
export interface ImportProblem {
  path: string;
  line: number;
  message: string;
}

/** A date to use when the source gives none, and how it was found. */
export interface FallbackDate {
  date: string;
  /** For example "the file's first commit", "the file's modification time", "today". */
  why: string;
  source: DateSource;
}

/** What a source kind's parser returns. */
export interface ParsedSource {
  drafts: ImportDraft[];
  problems: ImportProblem[];
  /** Values for `readme` in nexus.config.json (overview, goals, contact, license, notes). */
  readme: Record<string, string>;
  /** Topic groups for nexus.config.json, in the source's order (a README's headings). */
  groups?: TopicGroup[];
  /** A README's layout as a README template, with the groups its placeholders name (import/readme-layout.ts). */
  layout?: { template: string; topicHeading: string | undefined; challengeHeading: string | undefined; groups: TopicGroup[] } | undefined;
}

/** Options every parser understands. */
export interface ParseOptions {
  /** `--topic`: the topic of every entry. */
  topic?: string | undefined;
  /** `--tag`: tags added to every entry. */
  tags?: string[] | undefined;
}

/** Told how far a long import is: the step, how many of how many (undefined: not counted). */
export type Progress = (step: "history" | "read" | "write", done: number, total: number | undefined) => void;

/** Line ends as LF (CRLF and lone CR sources read the same). */
export const toLf = (text: string) => text.replace(/\r\n?/g, "\n");

/** The first calendar date `YYYY-MM-DD` in a text, if any. */
export function findDate(text: string): string | undefined {
  for (const match of text.matchAll(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d])/g)) {
    if (isCalendarDate(match[1]!)) return match[1];
  }
  return undefined;
}

/** A date at the start of a frontmatter value such as `2024-01-05 10:00:00 +0000`. */
export function leadingDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(value);
  return match && isCalendarDate(match[1]!) ? match[1] : undefined;
}

/**
 * A title within the length limit: cut at a word boundary with "…". The cut
 * title is returned with the full one, which the caller keeps in the text.
 */
export function fitTitle(raw: string): { title: string; cut: boolean } {
  const title = raw.replace(/\s+/g, " ").trim();
  if (title.length <= LIMITS.title) return { title, cut: false };
  const room = title.slice(0, LIMITS.title - 1);
  const space = room.lastIndexOf(" ");
  return { title: `${(space > LIMITS.title / 2 ? room.slice(0, space) : room).trimEnd()}…`, cut: true };
}

/** A topic or tag on one line and within its limit. */
export function fitLabel(raw: string, max: number): string {
  const value = raw.replace(/\s+/g, " ").trim();
  return value.length <= max ? value : value.slice(0, max).trimEnd();
}

/** Tags from the source and from --tag, cleaned (`@` and `#` dropped); tags too long to keep are named. */
export function importTags(raw: string[], extra: string[] = []): { tags: string[]; dropped: string[] } {
  const cleaned = normalizeTags([...raw, ...extra].map((t) => t.replace(/^[@#]+/, "").replace(/\s+/g, " ")));
  const tags = cleaned.filter((t) => t.length <= LIMITS.tag).slice(0, LIMITS.tags);
  const dropped = cleaned.filter((t) => !tags.includes(t));
  return { tags, dropped };
}

/** Text with control characters other than tab and line ends: such text is refused, not printed. */
export const hasControlCharacters = (text: string) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** A draft with empty sections, for parsers to fill in. */
export function emptyDraft(fields: Pick<ImportDraft, "title" | "topic" | "date" | "dated" | "source" | "origin"> & Partial<ImportDraft>): ImportDraft {
  return { tags: [], challenge: "", solution: "", takeaway: "", notes: "", featured: false, guesses: [], ...fields };
}
