// One record of the entry cache: what one entry file parsed to, as one line.
//
//   an entry:        path US size US changed US 1 US date US length US warnings US title US topic US tags US featured
//   a broken file:   path US size US changed US 0 US problems
//
// The values every read needs come first: path, size and change time (to tell
// whether the file changed), the date (to sort by), the length (for ranking) and
// the problems (to report); title, topic, tags and featured are decoded when the
// entry is first looked at, so that `list --limit 10` of 10,000 entries decodes 10.
// Values are separated by US (0x1f), tags by RS (0x1e); a value with a control
// character in it (a newline, a tab, US itself) is written as GS (0x1d) and its
// JSON. Every value is checked as parseEntry checks it before it is used.
import fs from "node:fs";
import { checkLine, LIMITS, type Problem } from "../domain/entry.js";
import { calendarDateKey, digits } from "../domain/dates.js";
import { readEntryFile, type FileProblem, type LoadedEntry } from "./entry-file.js";
import type { HeadDecoder, HeadFields } from "./lazy-entry.js";

export type StoredProblem = [line: number, severity: 0 | 1, message: string];

export const storeProblem = (p: Problem): StoredProblem => [p.line, p.severity === "warning" ? 1 : 0, p.message];
const isStoredProblem = (p: unknown): p is StoredProblem =>
  Array.isArray(p) && p.length === 3 && Number.isInteger(p[0]) && (p[0] as number) >= 1 && (p[1] === 0 || p[1] === 1) && typeof p[2] === "string" && p[2] !== "";
export const problemOf = (p: StoredProblem, filePath: string): FileProblem => ({
  line: p[0],
  message: p[2],
  severity: p[1] === 1 ? "warning" : "error",
  path: filePath,
});

const US = "\x1f";
const RS = "\x1e";
const GS = "\x1d";
const PLAIN = /^[^\x00-\x1f]*$/;
const text = (value: string): string => (PLAIN.test(value) ? value : GS + JSON.stringify(value));
const untext = (value: string): unknown => (value.charCodeAt(0) === 0x1d ? JSON.parse(value.slice(1)) : value);
const isLine = (value: unknown, max: number): value is string => typeof value === "string" && checkLine("", value, max) === undefined && value === value.trim();

/** The fields of an entry that its record decodes when first looked at: those a lazy entry loads as its head. */
export type RecordRest = HeadFields;

export interface OkRecord extends RecordRest {
  date: string;
  length: number;
  warnings: StoredProblem[];
}

/** The line of a file's record. */
export function encodeRecord(path: string, size: number, changedMs: number, parsed: OkRecord | { problems: StoredProblem[] }): string {
  const head = `${text(path)}${US}${size}${US}${changedMs}${US}`;
  if ("problems" in parsed) return `${head}0${US}${JSON.stringify(parsed.problems)}`;
  const r = parsed;
  const tags = r.tags.every((tag) => PLAIN.test(tag)) ? r.tags.join(RS) : GS + JSON.stringify(r.tags);
  return head + ["1", text(r.date), r.length, r.warnings.length ? JSON.stringify(r.warnings) : "", text(r.title), text(r.topic), tags, r.featured ? "1" : ""].join(US);
}

/** The path a record is of. */
export function recordPath(line: string): string | undefined {
  const end = line.indexOf(US);
  if (end < 0) return undefined;
  try {
    const value = untext(line.slice(0, end));
    return typeof value === "string" ? value : undefined;
  } catch {
    // GS and no JSON: a hand-made record, of no file.
    return undefined;
  }
}

/**
 * Whether a record is of this file as it is now: the same path (`folder/name`, or `name`
 * when folder is ""), size and change time. The path is compared in its two parts: the
 * file's path is never made as a string when the record matches.
 */
export function recordMatches(line: string, folder: string, name: string, size: number, changedMs: number): boolean {
  let at: number;
  const f = folder.length;
  const end = f === 0 ? name.length : f + 1 + name.length;
  if (line.charCodeAt(end) === 0x1f && (f === 0 || (line.charCodeAt(f) === 0x2f && line.startsWith(folder))) && line.startsWith(name, end - name.length)) at = end + 1;
  else if (line.charCodeAt(0) === 0x1d && isEscapedPath(recordPath(line), f === 0 ? name : `${folder}/${name}`)) at = line.indexOf(US) + 1;
  else return false;
  // Size and change time written as encodeRecord writes them: the same number written otherwise (049, 4.9e1) is no record nexus made.
  const sizeEnd = line.indexOf(US, at);
  if (sizeEnd < 0 || writtenWhole(line, at, sizeEnd) !== size) return false;
  const changedEnd = line.indexOf(US, sizeEnd + 1);
  if (changedEnd < 0) return false;
  if (Number.isInteger(changedMs)) return writtenWhole(line, sizeEnd + 1, changedEnd) === changedMs;
  // A change time with a fraction, as String writes it, starts and ends with 1 to 9 (no sign, space, leading
  // or trailing zero): checked at its two ends, as a String(changedMs) for each record would cost more.
  const first = line.charCodeAt(sizeEnd + 1);
  const last = line.charCodeAt(changedEnd - 1);
  return first > 0x30 && first <= 0x39 && last > 0x30 && last <= 0x39 && Number(line.slice(sizeEnd + 1, changedEnd)) === changedMs;
}

/** Whether a record's path written as GS and JSON is `path`, which encodeRecord would write so (it has a control character). */
const isEscapedPath = (stored: string | undefined, path: string): boolean => stored === path && !PLAIN.test(path);

/** A record's line, with where its date and its head fields are in it. */
export interface RecordAt {
  line: string;
  dateAt: number;
  rest: number;
}

/** What every read needs of a record; undefined when a value is not one parsing could give. */
export type RecordHead =
  | {
      ok: true;
      /** The date as YYYYMMDD (calendarDateKey), and where its ten characters are in the line. */
      dateKey: number;
      dateAt: number;
      length: number;
      warnings: StoredProblem[];
      rest: number;
    }
  | { ok: false; problems: StoredProblem[] };

const NONE: StoredProblem[] = [];

function problemsOf(value: string): StoredProblem[] | undefined {
  if (value === "") return NONE;
  const problems = JSON.parse(value) as unknown;
  return Array.isArray(problems) && problems.every(isStoredProblem) ? problems : undefined;
}

/** The whole number written in `line` from `start` to `end` as encodeRecord writes one (digits only, at most 15, no leading zero), or -1. */
const writtenWhole = (line: string, start: number, end: number): number =>
  end > start && end - start <= 15 && (line.charCodeAt(start) !== 0x30 || end === start + 1) ? digits(line, start, end) : -1;

/**
 * The values of a record that every read needs (after recordMatches said it is the file's).
 * Read in place: a run that reuses 100,000 records makes no string for them.
 */
export function recordHead(line: string): RecordHead | undefined {
  try {
    let at = line.indexOf(US);
    at = line.indexOf(US, at + 1);
    at = line.indexOf(US, at + 1);
    if (at < 0 || line.charCodeAt(at + 2) !== 0x1f) return undefined;
    const kind = line.charCodeAt(at + 1);
    if (kind === 0x30) {
      const problems = problemsOf(line.slice(at + 3));
      return problems && problems.length > 0 ? { ok: false, problems } : undefined;
    }
    if (kind !== 0x31) return undefined;
    const dateEnd = line.indexOf(US, at + 3);
    const lengthEnd = line.indexOf(US, dateEnd + 1);
    const warningsEnd = line.indexOf(US, lengthEnd + 1);
    if (warningsEnd < 0) return undefined;
    // A date is never written as JSON (it has no control character): ten characters of a calendar date.
    const dateKey = dateEnd === at + 13 ? calendarDateKey(line, at + 3) : -1;
    const length = writtenWhole(line, dateEnd + 1, lengthEnd);
    const warnings = warningsEnd === lengthEnd + 1 ? NONE : problemsOf(line.slice(lengthEnd + 1, warningsEnd));
    if (dateKey < 0 || length < 0 || !warnings) return undefined;
    return { ok: true, dateKey, dateAt: at + 3, length, warnings, rest: warningsEnd + 1 };
  } catch {
    return undefined;
  }
}

/** What the index of a cache file (cache-file.ts) says of a record: an entry, an entry with warnings, a file with problems, or a line no read may use. */
export const RecordKind = { problems: 0, entry: 1, warned: 2, unusable: 3 } as const;

/** The values of a record that the index of a cache file holds, so that a read matches files and sorts entries without decoding the line. */
export interface IndexValues {
  size: number;
  changedMs: number;
  kind: number;
  /** calendarDateKey of an entry's date; -1 for a file with problems. */
  dateKey: number;
  /** The entry's length in terms; 0 for a file with problems. */
  length: number;
}

/** A number as encodeRecord writes it (String of it), or undefined. */
function writtenNumber(line: string, start: number, end: number): number | undefined {
  const text = line.slice(start, end);
  const n = Number(text);
  return text !== "" && Number.isFinite(n) && String(n) === text ? n : undefined;
}

/** The index values of a record line: of a line nexus wrote, those it was written with; kind unusable for a line that is not one. */
export function indexValues(line: string): IndexValues {
  const unusable = { size: -1, changedMs: -1, kind: RecordKind.unusable, dateKey: -1, length: 0 };
  const path = recordPath(line);
  if (path === undefined) return unusable;
  const sizeAt = line.indexOf(US) + 1;
  const sizeEnd = line.indexOf(US, sizeAt);
  const changedEnd = sizeEnd < 0 ? -1 : line.indexOf(US, sizeEnd + 1);
  if (changedEnd < 0) return unusable;
  const size = writtenNumber(line, sizeAt, sizeEnd);
  const changedMs = writtenNumber(line, sizeEnd + 1, changedEnd);
  const head = recordHead(line);
  if (size === undefined || changedMs === undefined || !head || !recordMatchesPath(line, path, size, changedMs)) return unusable;
  if (!head.ok) return { size, changedMs, kind: RecordKind.problems, dateKey: -1, length: 0 };
  return { size, changedMs, kind: head.warnings.length > 0 ? RecordKind.warned : RecordKind.entry, dateKey: head.dateKey, length: head.length };
}

/** recordMatches of a whole path. */
function recordMatchesPath(line: string, path: string, size: number, changedMs: number): boolean {
  const slash = path.lastIndexOf("/");
  return recordMatches(line, slash < 0 ? "" : path.slice(0, slash), path.slice(slash + 1), size, changedMs);
}

/** Title, topic, tags and featured of an entry's record; undefined when one is not what parsing could give. */
export function recordRest(line: string, rest: number): RecordRest | undefined {
  try {
    const v = line.slice(rest).split(US);
    if (v.length !== 4 || (v[3] !== "" && v[3] !== "1")) return undefined;
    const [title, topic] = [untext(v[0]!), untext(v[1]!)];
    const tags = (v[2] === "" ? [] : v[2]!.charCodeAt(0) === 0x1d ? JSON.parse(v[2]!.slice(1)) : v[2]!.split(RS)) as unknown;
    if (!isLine(title, LIMITS.title) || !isLine(topic, LIMITS.topic)) return undefined;
    if (!Array.isArray(tags) || tags.length > LIMITS.tags || !tags.every((t) => isLine(t, LIMITS.tag))) return undefined;
    return { title, topic, tags: tags as string[], featured: v[3] === "1" };
  } catch {
    return undefined;
  }
}

/**
 * Title, topic, tags and featured of a reused record, for a lazy entry (HeadDecoder).
 * A record whose values are not what parsing could give (a cache made by hand with
 * right checksums) is not used: the file is parsed instead.
 */
export const decodeRest: HeadDecoder = (line, rest, entry) => recordRest(line, rest) ?? headFromFile(entry);

/** The head fields and date of an entry as its file says, for a record not to be believed; a file that does not parse (now) gets its name for a title. */
export function headFromFile(entry: Pick<LoadedEntry, "path" | "file">): HeadFields & { date?: string } {
  const result = readEntryFile({ ...entry, size: fs.statSync(entry.file, { throwIfNoEntry: false })?.size ?? 0 });
  if (result.ok) return { title: result.entry.title, topic: result.entry.topic, tags: result.entry.tags, featured: result.entry.featured, date: result.entry.date };
  return { title: entry.path.slice(entry.path.lastIndexOf("/") + 1), topic: "?", tags: [], featured: false };
}
