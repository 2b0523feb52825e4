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
import { checkLine, LIMITS, type Problem } from "../domain/entry.js";
import { isCalendarDate } from "../domain/dates.js";
import type { FileProblem } from "./entry-file.js";
import type { HeadFields } from "./lazy-entry.js";

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
  const value = end < 0 ? undefined : untext(line.slice(0, end));
  return typeof value === "string" ? value : undefined;
}

/** Whether a record is of this file as it is now: the same path, size and change time. */
export function recordMatches(line: string, path: string, size: number, changedMs: number): boolean {
  let at: number;
  if (line.charCodeAt(path.length) === 0x1f && line.startsWith(path)) at = path.length + 1;
  else if (line.charCodeAt(0) === 0x1d && recordPath(line) === path) at = line.indexOf(US) + 1;
  else return false;
  const sizeEnd = line.indexOf(US, at);
  const changedEnd = line.indexOf(US, sizeEnd + 1);
  return changedEnd > 0 && Number(line.slice(at, sizeEnd)) === size && Number(line.slice(sizeEnd + 1, changedEnd)) === changedMs && sizeEnd > at;
}

/** What every read needs of a record; undefined when a value is not one parsing could give. */
export type RecordHead = { ok: true; date: string; length: number; warnings: StoredProblem[]; rest: number } | { ok: false; problems: StoredProblem[] };

const NONE: StoredProblem[] = [];

function problemsOf(value: string): StoredProblem[] | undefined {
  if (value === "") return NONE;
  const problems = JSON.parse(value) as unknown;
  return Array.isArray(problems) && problems.every(isStoredProblem) ? problems : undefined;
}

/** The values of a record that every read needs (after recordMatches said it is the file's). */
export function recordHead(line: string): RecordHead | undefined {
  try {
    let at = line.indexOf(US);
    at = line.indexOf(US, at + 1);
    at = line.indexOf(US, at + 1);
    if (at < 0) return undefined;
    const kind = line.slice(at + 1, at + 3);
    if (kind === `0${US}`) {
      const problems = problemsOf(line.slice(at + 3));
      return problems && problems.length > 0 ? { ok: false, problems } : undefined;
    }
    if (kind !== `1${US}`) return undefined;
    const dateEnd = line.indexOf(US, at + 3);
    const lengthEnd = line.indexOf(US, dateEnd + 1);
    const warningsEnd = line.indexOf(US, lengthEnd + 1);
    if (warningsEnd < 0) return undefined;
    const date = untext(line.slice(at + 3, dateEnd));
    const length = lengthEnd > dateEnd + 1 ? Number(line.slice(dateEnd + 1, lengthEnd)) : NaN;
    const warnings = problemsOf(line.slice(lengthEnd + 1, warningsEnd));
    if (typeof date !== "string" || !isCalendarDate(date) || !Number.isInteger(length) || length < 0 || !warnings) return undefined;
    return { ok: true, date, length, warnings, rest: warningsEnd + 1 };
  } catch {
    return undefined;
  }
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
