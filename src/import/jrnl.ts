// The file `jrnl --format json` writes:
//   {"tags": {"@tag": n}, "entries": [{"title", "body", "date", "time", "tags", "starred", "uuid"?}]}
// Each entry's body becomes the entry's text as written; tags lose their `@`; a
// starred entry is featured; the topic is --topic, else the first tag, else "Journal".

import { createHash } from "node:crypto";
import { isCalendarDate } from "../domain/dates.js";
import { describeValue } from "../domain/describe-value.js";
import { LIMITS } from "../domain/entry.js";
import { emptyDraft, fitLabel, fitTitle, importTags, toLf, type ImportDraft, type ImportProblem, type ParsedSource, type ParseOptions } from "./draft.js";

export const DEFAULT_JRNL_TOPIC = "Journal";

/** The source is not a jrnl export at all: nothing is imported. */
export class NotJrnlError extends Error {}

/** Finds each entry's line in the export, moving forward only (one pass over the text in all). */
function lineFinder(text: string): (needle: string) => number {
  let at = 0;
  let line = 1;
  return (needle) => {
    const index = text.indexOf(needle, at);
    if (index < 0) return line;
    for (let i = at; i < index; i += 1) if (text.charCodeAt(i) === 10) line += 1;
    at = index;
    return line;
  };
}

export function parseJrnl(input: { text: string; name: string }, options: ParseOptions = {}): ParsedSource {
  let data: unknown;
  try {
    data = JSON.parse(input.text.replace(/^\ufeff/, ""));
  } catch (error) {
    throw new NotJrnlError(`${input.name} is not valid JSON: ${(error as Error).message}`);
  }
  const entries = (data as { entries?: unknown } | null)?.entries;
  if (typeof data !== "object" || data === null || Array.isArray(data) || !Array.isArray(entries)) {
    throw new NotJrnlError(`${input.name} is JSON but not a jrnl export: it has no "entries" list (export with \`jrnl --format json\`)`);
  }
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  const lineOf = lineFinder(input.text);
  entries.forEach((raw: unknown, index) => {
    const e = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const line = typeof e.title === "string" ? lineOf(JSON.stringify(e.title)) : 1;
    const problem = (message: string) => problems.push({ path: input.name, line, message: `entry ${index + 1}: ${message}` });
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return problem("not an object");
    if (typeof e.title !== "string") return problem('"title" must be text');
    if (e.body !== undefined && typeof e.body !== "string") return problem('"body" must be text');
    if (typeof e.date !== "string" || !isCalendarDate(e.date)) return problem(`"date" must be a date YYYY-MM-DD, not ${describeValue(e.date)}`);
    if (e.tags !== undefined && !(Array.isArray(e.tags) && e.tags.every((t) => typeof t === "string"))) return problem('"tags" must be a list of words');

    const guesses: string[] = [];
    const body = toLf((e.body as string | undefined) ?? "").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
    let rawTitle = e.title.trim();
    if (!rawTitle) {
      rawTitle = body.split("\n").find((l) => l.trim())?.trim() ?? "";
      guesses.push("no title: the first line of the text is its title");
    }
    if (!rawTitle) return problem("the entry has no title and no text");
    const fitted = fitTitle(rawTitle);
    const { tags, dropped } = importTags((e.tags as string[] | undefined) ?? [], options.tags);
    if (dropped.length) guesses.push(`tags longer than ${LIMITS.tag} characters left out: ${dropped.length}`);
    let topic = options.topic?.trim() || (tags[0] ? fitLabel(tags[0], LIMITS.topic) : "");
    if (!topic) {
      topic = DEFAULT_JRNL_TOPIC;
      guesses.push(`no tag to take the topic from: topic "${DEFAULT_JRNL_TOPIC}"`);
    }
    const time = typeof e.time === "string" ? e.time : "";
    const uuid = typeof e.uuid === "string" && /^[\w-]{1,80}$/.test(e.uuid) ? e.uuid : undefined;
    // Title and text: two entries of one minute with the same title are two entries; a repeat of one is one.
    const hash = createHash("sha256").update(`${e.title.normalize("NFC")}\0${body.normalize("NFC")}`).digest("hex").slice(0, 12);
    drafts.push(
      emptyDraft({
        title: fitted.title,
        topic,
        date: e.date,
        dated: "export",
        tags,
        notes: fitted.cut ? `${rawTitle}\n\n${body}`.trimEnd() : body,
        featured: e.starred === true,
        source: uuid ? `jrnl:${uuid}` : `jrnl:${e.date}${time ? `T${time}` : ""}:${hash}`,
        origin: { path: input.name, line },
        guesses,
      }),
    );
  });
  if (entries.length && !drafts.length && problems.length === entries.length && !entries.some((x) => typeof x === "object" && x && "title" in x)) {
    throw new NotJrnlError(`${input.name} is JSON but not a jrnl export: its entries have no "title" and "date"`);
  }
  return { drafts, problems, readme: {} };
}
