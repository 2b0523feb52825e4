// From drafts to files: what to create, what to skip because the journal has it
// already, and what cannot be an entry. Pure: the journal comes in as data.
//
// An imported entry records where it came from as `source:` in its frontmatter.
// A draft is skipped when an entry with the same source exists (a second import
// of the same README, export or folder creates nothing), or when an entry with
// the same title (ignoring case) and date exists (it was written by hand, or
// imported from elsewhere).

import { joinSections } from "../domain/sections.js";
import { parseEntry, serializeFrontmatter, validateDraft } from "../domain/entry.js";
import { readYamlLine, yamlLine } from "../domain/frontmatter.js";
import { fileSlug } from "../domain/slug.js";
import { hasControlCharacters, type ImportDraft, type ImportProblem } from "./draft.js";

/** What the journal already holds, as far as skipping goes. */
export interface ExistingEntry {
  title: string;
  date: string;
  source: string | undefined;
  /** Relative to the journal root. */
  path: string;
}

export interface PlannedEntry {
  draft: ImportDraft;
  /** The whole file. */
  text: string;
  /** File name without `.md` (a free name is found when it is taken). */
  base: string;
}

export interface SkippedDraft {
  draft: ImportDraft;
  reason: "same source" | "same title and date";
  /** The entry that has it, relative to the journal root (or "this import"). */
  existing: string;
}

export interface ImportPlan {
  create: PlannedEntry[];
  skip: SkippedDraft[];
  problems: ImportProblem[];
}

/** The file of an imported entry: the usual frontmatter, `featured` when it is, and `source`. */
export function importedEntryText(draft: ImportDraft): string {
  // No `tags: []` when the source gave none: GitHub shows an empty column for it.
  const fields = serializeFrontmatter(draft).replace(/^tags: \[\]\n/m, "");
  // The entry model writes `featured` itself once it knows the key; until then it is added here.
  const featured = draft.featured && !/^featured:/m.test(fields) ? "featured: true\n" : "";
  const front = fields.replace(/---\n$/, `${featured}source: ${yamlLine(draft.source)}\n---\n`);
  const body = joinSections(draft);
  return body ? `${front}\n${body}` : front;
}

const titleKey = (title: string, date: string) => `${date} ${title.normalize("NFC").trim().toLowerCase()}`;

/** Reads `source:` from an entry file's frontmatter without parsing the rest. */
export function sourceOf(text: string): string | undefined {
  const end = text.indexOf("\n---", 3);
  const front = end > 0 ? text.slice(0, end) : "";
  const match = /^source:[ \t]*(.+?)[ \t]*\r?$/m.exec(front);
  if (!match) return undefined;
  const value = match[1]!;
  if (/^[|>][-+]?$/.test(value)) {
    // A block, as nexus wrote a source with a line break before it wrote every source on one line.
    const block = /^source:.*(?:\r?\n[ \t]+.*)*/m.exec(front)![0];
    return readYamlLine(block, "source") ?? value;
  }
  return /^["']/.test(value) ? (readYamlLine(value) ?? value) : value;
}

export interface PlanOptions {
  /** Number file names in the source's order (a README's sections), so entries of one day keep it. */
  ordered: boolean;
  /** The largest entry nexus reads back. */
  maxBytes: number;
}

/** A file of a folder is the same source whether it was imported as a TIL folder's or a notes folder's (`til:a/b.md`, `markdown:a/b.md`). */
const sameFile = (source: string) => source.replace(/^(til|markdown):/, "file:");

export function planImport(drafts: ImportDraft[], existing: ExistingEntry[], options: PlanOptions): ImportPlan {
  const bySource = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const e of existing) {
    if (e.source) bySource.set(sameFile(e.source), e.path);
    byTitle.set(titleKey(e.title, e.date), e.path);
  }
  const plan: ImportPlan = { create: [], skip: [], problems: [] };
  const width = Math.max(2, String(drafts.length).length);
  drafts.forEach((draft, index) => {
    const problem = (message: string) => plan.problems.push({ ...draft.origin, message: `"${draft.title.slice(0, 60)}": ${message}` });
    const sameSource = bySource.get(sameFile(draft.source));
    if (sameSource) return void plan.skip.push({ draft, reason: "same source", existing: sameSource });
    const sameTitle = byTitle.get(titleKey(draft.title, draft.date));
    if (sameTitle) return void plan.skip.push({ draft, reason: "same title and date", existing: sameTitle });

    const texts = [draft.title, draft.topic, ...draft.tags, draft.challenge, draft.solution, draft.takeaway, draft.notes];
    if (texts.some(hasControlCharacters)) return void problem("contains control characters; not imported");
    const wrong = validateDraft(draft);
    if (wrong.length) return void problem(wrong.join("; "));
    const text = importedEntryText(draft);
    if (Buffer.byteLength(text) > options.maxBytes) return void problem(`larger than ${options.maxBytes / 1024 / 1024} MiB, more than an entry may hold`);
    const base = `${draft.date}-${options.ordered ? `${String(index + 1).padStart(width, "0")}-` : ""}${fileSlug(draft.title)}`;
    const parsed = parseEntry(text, `${base}.md`);
    if (!parsed.ok) return void problem(parsed.problems.map((p) => p.message).join("; "));
    bySource.set(sameFile(draft.source), "this import");
    plan.create.push({ draft, text, base });
  });
  return plan;
}
