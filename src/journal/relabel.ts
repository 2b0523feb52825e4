// Renames a tag or a topic across the journal. Each file is rewritten on its own,
// atomically, changing only the one frontmatter field: a failure in one file
// leaves every other file either fully renamed or untouched.
import fs from "node:fs";
import path from "node:path";
import { normalizeTags, parseEntry, replaceFrontmatter, type EntryDraft } from "../domain/entry.js";
import { yamlFlowList, yamlScalar } from "../domain/frontmatter.js";
import { setFrontmatterField } from "../domain/frontmatter-edit.js";
import { sameLabel } from "../domain/labels.js";
import type { LoadedEntry } from "./read.js";
import { replaceFile } from "./safe-write.js";

export type LabelField = "tags" | "topic";

export interface PlannedChange {
  path: string;
  file: string;
  /** The field before and after, as shown to the user. */
  before: string;
  after: string;
  /** The file's text when planned, and its new text. */
  raw: string;
  text: string;
}

export interface RelabelResult {
  changed: PlannedChange[];
  failed: { path: string; message: string }[];
}

type Fields = Pick<EntryDraft, "title" | "topic" | "date" | "tags">;

const same = (a: Fields, b: Fields) =>
  a.title === b.title && a.topic === b.topic && a.date === b.date && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);

/** The new text of one file, with only the field changed; verified by parsing it back. */
function rewrite(raw: string, fileName: string, field: LabelField, wanted: Fields): string {
  const value = field === "tags" ? yamlFlowList(wanted.tags) : yamlScalar(wanted.topic);
  const candidates = [() => setFrontmatterField(raw, field, value), () => replaceFrontmatter(raw, wanted)];
  for (const make of candidates) {
    let text: string;
    try {
      text = make();
    } catch {
      continue;
    }
    const parsed = parseEntry(text, fileName);
    if (parsed.ok && same(parsed.entry, wanted)) return text;
  }
  throw new Error("could not rewrite its frontmatter safely; edit it by hand");
}

/** Works out which entries change and their new text; writes nothing. */
export function planRelabel(entries: LoadedEntry[], field: LabelField, from: string, to: string): RelabelResult & { planned: PlannedChange[] } {
  const planned: PlannedChange[] = [];
  const failed: RelabelResult["failed"] = [];
  for (const entry of entries) {
    let wanted: Fields;
    let before: string;
    let after: string;
    if (field === "tags") {
      if (!entry.tags.some((t) => sameLabel(t, from))) continue;
      const tags = normalizeTags(entry.tags.map((t) => (sameLabel(t, from) ? to : t)));
      if (tags.length === entry.tags.length && tags.every((t, i) => t === entry.tags[i])) continue;
      wanted = { ...entry, tags };
      before = `[${entry.tags.join(", ")}]`;
      after = `[${tags.join(", ")}]`;
    } else {
      if (!sameLabel(entry.topic, from) || entry.topic === to) continue;
      wanted = { ...entry, topic: to };
      before = entry.topic;
      after = to;
    }
    try {
      const raw = fs.readFileSync(entry.file, "utf8");
      planned.push({ path: entry.path, file: entry.file, before, after, raw, text: rewrite(raw, path.basename(entry.path), field, wanted) });
    } catch (error) {
      failed.push({ path: entry.path, message: (error as Error).message });
    }
  }
  return { planned, changed: [], failed };
}

/** Writes each planned file atomically; a file changed since it was read is left alone. */
export function applyRelabel(plan: PlannedChange[]): RelabelResult {
  const result: RelabelResult = { changed: [], failed: [] };
  for (const change of plan) {
    try {
      if (fs.readFileSync(change.file, "utf8") !== change.raw) throw new Error("changed on disk meanwhile; not rewritten");
      replaceFile(change.file, change.text);
      result.changed.push(change);
    } catch (error) {
      result.failed.push({ path: change.path, message: (error as Error).message });
    }
  }
  return result;
}
