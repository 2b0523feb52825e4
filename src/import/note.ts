// One markdown note (a TIL file, an Obsidian note, a Jekyll post) into a draft:
// title, date, tags and topic from its YAML frontmatter when it has one (read
// with the project's parser: YAML only, never code), else from its first
// `# ` heading and its file name; the rest is the entry's text as written.

import path from "node:path";
import { LIMITS } from "../domain/entry.js";
import { describeValue } from "../domain/describe-value.js";
import { FenceTracker } from "../domain/fences.js";
import { atxHeading } from "./heading.js";
import { FrontmatterError, parseFrontmatter, splitFile, stripBom } from "../domain/frontmatter.js";
import { emptyDraft, findDate, fitLabel, fitTitle, importTags, leadingDate, toLf, type DateSource, type FallbackDate, type ImportDraft, type ImportProblem, type ParseOptions } from "./draft.js";

export interface NoteFile {
  /** Path relative to the source folder, `/` separators. */
  rel: string;
  text: string;
  /** The date when neither frontmatter nor file name gives one. */
  fallback: FallbackDate;
}

export interface NoteRules {
  /** `source:` prefix: "til" or "markdown". */
  kind: string;
  /** The topic the file's place gives (a TIL topic folder, a notes sub-folder). */
  topicFromPath: string | undefined;
  /** The topic when nothing else gives one. */
  defaultTopic: string;
}

const KNOWN_KEYS = new Set(["title", "date", "tags", "tag", "topic", "category", "categories", "featured"]);
const FILE_DATE = /^(\d{4}-\d{2}-\d{2})[-_ ]/;

function words(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string" || typeof v === "number").map(String);
  if (typeof value === "string" || typeof value === "number") return String(value).split(/[,\s]+/).filter(Boolean);
  return [];
}

/**
 * A date written as a line of its own near the top of the text (`Date: 2020-04-19`,
 * `_Published 2020-04-19_`): among the first three lines with text, a short line
 * whose date is most of it. A date inside a sentence is not the entry's date.
 */
function dateLine(lines: string[]): string | undefined {
  const code = new FenceTracker();
  let seen = 0;
  for (const line of lines) {
    if (code.inCode(line)) return undefined;
    if (!line.trim()) continue;
    if (++seen > 3) return undefined;
    const date = findDate(line);
    if (date && line.replace(date, "").replace(/[^\p{L}]+/gu, " ").trim().split(" ").filter(Boolean).length <= 2 && line.length <= 60) return date;
  }
  return undefined;
}

/** Finds the first level-1 heading outside code: its text and line index. */
function firstTitleHeading(lines: string[]): { text: string; index: number } | undefined {
  const code = new FenceTracker();
  for (let i = 0; i < lines.length; i += 1) {
    if (code.inCode(lines[i]!)) continue;
    const heading = atxHeading(lines[i]!);
    if (heading?.level === 1 && heading.text) return { text: heading.text, index: i };
  }
  return undefined;
}

export function parseNote(file: NoteFile, rules: NoteRules, options: ParseOptions = {}): { draft: ImportDraft } | { problem: ImportProblem } {
  const problem = (line: number, message: string) => ({ problem: { path: file.rel, line, message } });
  const text = stripBom(file.text);
  let data: Record<string, unknown> = {};
  let body = text;
  let bodyLine = 1;
  if (/^\+\+\+[ \t]*\r?$/m.test(text.split("\n", 1)[0]!)) return problem(1, "TOML frontmatter (+++) is not read: convert it to YAML (---)");
  if (/^---/.test(text)) {
    try {
      const split = splitFile(text);
      const parsed = parseFrontmatter(split.frontmatterLines);
      if (parsed !== null && parsed !== undefined && (typeof parsed !== "object" || Array.isArray(parsed))) {
        return problem(2, "frontmatter must be fields such as title and date");
      }
      data = (parsed ?? {}) as Record<string, unknown>;
      body = split.body;
      bodyLine = split.bodyLine;
    } catch (error) {
      if (error instanceof FrontmatterError) return problem(error.line, error.message);
      throw error;
    }
  }
  const guesses: string[] = [];
  const lines = toLf(body).split("\n");
  const stem = path.posix.basename(file.rel).replace(/\.(md|markdown)$/i, "");

  let rawTitle = typeof data.title === "string" || typeof data.title === "number" ? String(data.title).trim() : "";
  const heading = firstTitleHeading(lines);
  const headingFirst = heading && lines.slice(0, heading.index).every((l) => !l.trim());
  if (!rawTitle && heading) rawTitle = heading.text.trim();
  // The heading that gave the title (or repeats it at the top) is not kept twice.
  if (heading && (heading.text.trim() === rawTitle) && (headingFirst || !data.title)) lines.splice(heading.index, 1);
  if (!rawTitle) {
    const fromName = stem.replace(FILE_DATE, "").replace(/[-_]+/g, " ").trim();
    rawTitle = fromName.charAt(0).toUpperCase() + fromName.slice(1);
    guesses.push("no title or `# ` heading: titled after the file name");
  }
  if (!rawTitle) return problem(1, "no title: no frontmatter title, no `# ` heading and no file name to take one from");
  const fitted = fitTitle(rawTitle);

  let date = leadingDate(data.date);
  let dated: DateSource = "frontmatter";
  if (data.date !== undefined && !date) guesses.push(`frontmatter date ${describeValue(data.date)} is not YYYY-MM-DD: not used`);
  if (!date) [date, dated] = [leadingDate(FILE_DATE.exec(path.posix.basename(file.rel))?.[1]), "file name"];
  if (!date) [date, dated] = [dateLine(lines), "text"];
  if (!date) {
    [date, dated] = [file.fallback.date, file.fallback.source];
    guesses.push(`no date in the file: dated ${date} (${file.fallback.why})`);
  }

  const { tags, dropped } = importTags(words(data.tags ?? data.tag), options.tags);
  if (dropped.length) guesses.push(`tags longer than ${LIMITS.tag} characters left out: ${dropped.length}`);
  const fmTopic = typeof data.topic === "string" ? data.topic : words(data.category ?? data.categories)[0];
  let topic = fitLabel(options.topic?.trim() || fmTopic || rules.topicFromPath || "", LIMITS.topic);
  if (!topic) {
    topic = rules.defaultTopic;
    guesses.push(`no topic in the file or its folder: topic "${topic}"`);
  }
  const dropKeys = Object.keys(data).filter((k) => !KNOWN_KEYS.has(k));
  if (dropKeys.length) guesses.push(`frontmatter fields not kept: ${dropKeys.slice(0, 8).join(", ")}${dropKeys.length > 8 ? ", ..." : ""}`);

  const notes = lines.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  return {
    draft: emptyDraft({
      title: fitted.title,
      topic,
      date,
      dated,
      tags,
      notes: fitted.cut ? `**${rawTitle}**\n\n${notes}`.trimEnd() : notes,
      featured: data.featured === true,
      source: `${rules.kind}:${file.rel}`,
      origin: { path: file.rel, line: heading && !data.title ? bodyLine + heading.index : 1 },
      guesses,
    }),
  };
}
