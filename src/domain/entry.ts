import { isCalendarDate } from "./dates.js";
import { describeValue } from "./describe-value.js";
import { FrontmatterError, parseFrontmatter, splitFile, stripBom, yamlFlowList, yamlScalar } from "./frontmatter.js";
import { FenceTracker } from "./fences.js";
import { joinSections, SECTION_NAMES, SECTION_TITLES, splitSections, trimBlock, type SectionName } from "./sections.js";

/** What a person writes: the frontmatter fields and the three sections. */
export interface EntryDraft {
  title: string;
  topic: string;
  /** A calendar date, `YYYY-MM-DD`. */
  date: string;
  tags: string[];
  /** `featured: true`: a challenge the README shows (see readme/model.ts). */
  featured?: boolean;
  challenge: string;
  solution: string;
  takeaway: string;
}

/** A parsed entry: the draft plus the notes and the body as written. */
export interface Entry extends EntryDraft {
  featured: boolean;
  /** Markdown outside the three sections. */
  notes: string;
  /** The body (everything after the frontmatter) with LF line ends. */
  body: string;
}

export interface Problem {
  /** 1-based line in the file. */
  line: number;
  message: string;
  severity: "error" | "warning";
}

export type ParseResult =
  | { ok: true; entry: Entry; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export const LIMITS = {
  title: 200,
  topic: 80,
  tag: 60,
  tags: 50,
} as const;

const error = (line: number, message: string): Problem => ({ line, message, severity: "error" });
const warning = (line: number, message: string): Problem => ({ line, message, severity: "warning" });

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What kind of value it is, for "must be text, not a list of 3 items". */
function describe(value: unknown): string {
  return typeof value === "object" ? describeValue(value) : `a ${typeof value}`;
}

let graphemes: Intl.Segmenter | undefined;

/** Characters as people see them (grapheme clusters): `👩‍👩‍👧` or `é` written `e`+accent is one. */
export function graphemeCount(value: string): number {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let n = 0;
  for (const _ of graphemes.segment(value)) n += 1;
  return n;
}

/** Checks one line of text: a title, topic or tag (its length in characters as people see them). Returns a message when it is wrong. */
export function checkLine(label: string, value: string, max: number): string | undefined {
  if (!value.trim()) return `${label} is empty`;
  if (/[\r\n]/.test(value)) return `${label} must be on one line`;
  if (value.length > max && graphemeCount(value) > max) return `${label} is longer than ${max} characters`;
  return undefined;
}

/** Normalizes tags: trimmed, one-line, duplicates (ignoring case) dropped, order kept. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().replace(/^#/, "");
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** The frontmatter of an entry as parsed, with the line of each of its fields. */
interface Frontmatter {
  data: Record<string, unknown>;
  /** The 1-based line of a field (1 when it is missing). */
  lineOf: (key: string) => number;
  bodyOffset: number;
  bodyLine: number;
}

/** The frontmatter of an entry's text (BOM removed), or the one problem that stops reading it. */
function readFrontmatter(text: string): Frontmatter | Problem {
  let split;
  let data: unknown;
  try {
    split = splitFile(text);
    data = parseFrontmatter(split.frontmatterLines);
  } catch (caught) {
    if (caught instanceof FrontmatterError) return error(caught.line, caught.message);
    throw caught;
  }
  const lines = split.frontmatterLines;
  if (lines.every((line) => !line.trim() || /^\s*#/.test(line))) return error(1, "frontmatter is empty: title, topic and date are required");
  if (!isPlainObject(data)) {
    const what = data === null || data === undefined ? "empty" : describe(data);
    return error(1, `frontmatter is ${what}: it must be fields such as title, topic and date`);
  }
  const lineOf = (key: string): number => {
    const index = lines.findIndex((line) => new RegExp(`^${key}\\s*:`).test(line));
    return index >= 0 ? index + 2 : 1;
  };
  return { data, lineOf, bodyOffset: split.bodyOffset, bodyLine: split.bodyLine };
}

/** A one-line text field (title, topic), NFC, trimmed and checked; "" with a problem when wrong. */
function textField(front: Frontmatter, key: "title" | "topic", max: number, problems: Problem[]): string {
  const value = front.data[key];
  if (value === undefined || value === null) {
    problems.push(error(front.lineOf(key), `missing required field "${key}"`));
    return "";
  }
  if (typeof value !== "string" && typeof value !== "number") {
    problems.push(error(front.lineOf(key), `"${key}" must be text, not ${describe(value)}`));
    return "";
  }
  // One Unicode form (NFC), so a title typed on macOS (NFD) equals the same title typed elsewhere.
  const textValue = String(value).normalize("NFC").trim();
  const wrong = checkLine(`"${key}"`, textValue, max);
  if (wrong) problems.push(error(front.lineOf(key), wrong));
  return textValue;
}

/** The `date` field, a calendar date; "" with a problem when missing or wrong. */
function dateField(front: Frontmatter, problems: Problem[]): string {
  const rawDate = front.data.date;
  if (rawDate === undefined || rawDate === null) {
    problems.push(error(front.lineOf("date"), 'missing required field "date"'));
  } else if (typeof rawDate !== "string" || !isCalendarDate(rawDate.trim())) {
    problems.push(error(front.lineOf("date"), `"date" must be a calendar date YYYY-MM-DD, not ${describeValue(rawDate)}`));
  } else {
    return rawDate.trim();
  }
  return "";
}

/** The `tags` field: one tag or a list, normalized (normalizeTags) and checked. */
function tagsField(front: Frontmatter, problems: Problem[]): string[] {
  const rawTags = front.data.tags;
  if (rawTags === undefined || rawTags === null) return [];
  const list = Array.isArray(rawTags) ? rawTags : [rawTags];
  const line = front.lineOf("tags");
  if (!list.every((tag) => typeof tag === "string" || typeof tag === "number")) {
    problems.push(error(line, '"tags" must be a list of words, such as [orm, performance]'));
    return [];
  }
  if (list.length > LIMITS.tags) {
    problems.push(error(line, `"tags" has more than ${LIMITS.tags} tags`));
    return [];
  }
  const tags = normalizeTags(list.map((tag) => String(tag).normalize("NFC")));
  for (const tag of tags) {
    const wrong = checkLine(`tag "${tag.slice(0, 20)}"`, tag, LIMITS.tag);
    if (wrong) problems.push(error(line, wrong));
  }
  return tags;
}

/** The warnings of a valid entry: a bad `featured`, a repeated section, a file name of another date. */
function entryWarnings(front: Frontmatter, duplicates: { name: string; line: number }[], date: string, fileName?: string): Problem[] {
  const warnings: Problem[] = [];
  const rawFeatured = front.data.featured;
  if (rawFeatured !== undefined && rawFeatured !== null && typeof rawFeatured !== "boolean") {
    warnings.push(warning(front.lineOf("featured"), `"featured" must be true or false, not ${describeValue(rawFeatured)}; the entry is not featured`));
  }
  for (const d of duplicates) warnings.push(warning(front.bodyLine + d.line, `section "${d.name}" appears more than once; the parts are joined`));
  const nameDate = fileName ? /^(\d{4}-\d{2}-\d{2})(?=[-_.])/.exec(fileName)?.[1] : undefined;
  if (nameDate && nameDate !== date) warnings.push(warning(front.lineOf("date"), `file name says ${nameDate} but "date" is ${date}`));
  return warnings;
}

/**
 * Parses the text of an entry file. Never throws for bad input: every problem
 * comes back with its line. `fileName` (the base name) enables the warning for a
 * name whose date differs from the `date` field. A bad `featured` is a warning (doctor
 * reports it), and the entry is not featured.
 */
export function parseEntry(rawText: string, fileName?: string): ParseResult {
  const text = stripBom(rawText);
  if (!text.trim()) return { ok: false, problems: [error(1, "empty file")] };
  const front = readFrontmatter(text);
  if ("severity" in front) return { ok: false, problems: [front] };

  const problems: Problem[] = [];
  const title = textField(front, "title", LIMITS.title, problems);
  const topic = textField(front, "topic", LIMITS.topic, problems);
  const date = dateField(front, problems);
  const tags = tagsField(front, problems);
  if (problems.length) return { ok: false, problems };

  const body = text.slice(front.bodyOffset).replace(/\r\n/g, "\n");
  const sections = splitSections(body);
  const { challenge, solution, takeaway, notes } = sections;
  const featured = front.data.featured === true;
  const entry = { title, topic, date, tags, featured, challenge, solution, takeaway, notes, body };
  return { ok: true, entry, warnings: entryWarnings(front, sections.duplicates, date, fileName) };
}

/** The frontmatter block, delimiters included, for the given fields. */
export function serializeFrontmatter(fields: Pick<EntryDraft, "title" | "topic" | "date" | "tags" | "featured">): string {
  return [
    "---",
    `title: ${yamlScalar(fields.title)}`,
    `topic: ${yamlScalar(fields.topic)}`,
    `date: ${fields.date}`,
    `tags: ${yamlFlowList(fields.tags)}`,
    ...(fields.featured ? ["featured: true"] : []),
    "---",
    "",
  ].join("\n");
}

/** The whole file for a new entry. */
export function serializeEntry(draft: EntryDraft & { notes?: string }): string {
  const body = joinSections(draft);
  return body ? `${serializeFrontmatter(draft)}\n${body}` : serializeFrontmatter(draft);
}

/**
 * Replaces the frontmatter of an existing file with new fields, keeping every
 * byte of the body (and its line ends) as it was. Every other frontmatter line is
 * dropped: a rewrite of a person's file changes one field (frontmatter-edit.ts).
 */
export function replaceFrontmatter(rawText: string, fields: Pick<EntryDraft, "title" | "topic" | "date" | "tags">): string {
  const hasBom = rawText.charCodeAt(0) === 0xfeff;
  const text = stripBom(rawText);
  const split = splitFile(text);
  const eol = /\r\n/.test(text.slice(0, split.bodyOffset)) ? "\r\n" : "\n";
  const frontmatter = serializeFrontmatter(fields).replace(/\n/g, eol);
  return `${hasBom ? "\ufeff" : ""}${frontmatter}${text.slice(split.bodyOffset)}`;
}

/**
 * Checks the markdown of one section: it must read back as the same section
 * once saved. Returns what is wrong, or undefined.
 */
export function checkSection(name: SectionName, text: string): string | undefined {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return "contains control characters";
  const trimmed = trimBlock(text.replace(/\r\n?/g, "\n"));
  if (!trimmed) return undefined;
  // Another section after it must still be found: an unclosed code block would swallow it.
  const next = name === "takeaway" ? "challenge" : "takeaway";
  const back = splitSections(`## ${SECTION_TITLES[name]}\n\n${trimmed}\n\n## ${SECTION_TITLES[next]}\n\nnext\n`);
  if (back[name] === trimmed && back[next] === "next" && !back.notes) return undefined;
  const code = new FenceTracker();
  for (const line of trimmed.split("\n")) code.inCode(line);
  if (code.open) return `has a code block that is not closed (add a closing ${code.open})`;
  return "has a heading of level 1 or 2 (# or ##), which would end the section: use ### inside a section";
}

/** Validates a draft the way parsing a file would; returns the problems. */
export function validateDraft(draft: EntryDraft): string[] {
  const wrong: string[] = [];
  for (const name of SECTION_NAMES) {
    const problem = checkSection(name, draft[name]);
    if (problem) wrong.push(`${name} ${problem}`);
  }
  const title = checkLine("title", draft.title, LIMITS.title);
  if (title) wrong.push(title);
  const topic = checkLine("topic", draft.topic, LIMITS.topic);
  if (topic) wrong.push(topic);
  if (!isCalendarDate(draft.date)) wrong.push(`date must be a calendar date YYYY-MM-DD, not "${draft.date}"`);
  for (const tag of draft.tags) {
    const bad = checkLine(`tag "${tag}"`, tag, LIMITS.tag);
    if (bad) wrong.push(bad);
  }
  return wrong;
}
