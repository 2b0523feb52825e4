// Renames a tag or a topic across the journal. Each file is rewritten on its own,
// atomically, changing only the matching values of the one frontmatter field (a
// block list keeps its lines and `# comments`): a failure in one file leaves every
// other file either fully renamed or untouched. A file that changed since it was
// read is reported and left alone (see replaceFileIfUnchanged for the guarantee).
import path from "node:path";
import { normalizeTags, parseEntry, type EntryDraft } from "../domain/entry.js";
import { yamlFlowList, yamlScalar } from "../domain/frontmatter.js";
import { keepsOtherLines, setFrontmatterField } from "../domain/frontmatter-edit.js";
import { renameInField } from "../domain/frontmatter-list.js";
import { sameLabel as sameSpelling } from "../domain/labels.js";
import type { LoadedEntry } from "./read.js";
import { readStamped, replaceFileIfUnchanged, type FileStamp, type ReplaceHooks } from "./stamped-write.js";
import { decodeUtf8 } from "./text.js";
import { readRegular } from "./regular-file.js";

/** One label, whatever its Unicode form (NFC or NFD, as macOS writes it), case or leading `#`. */
const sameLabel = (a: string, b: string) => sameSpelling(a.normalize("NFC"), b.normalize("NFC"));

export type LabelField = "tags" | "topic";

export interface PlannedChange {
  path: string;
  file: string;
  /** The field before and after, as shown to the user. */
  before: string;
  after: string;
  /** The file's text when planned, its stamp then, and its new text. */
  raw: string;
  stamp: FileStamp;
  text: string;
}

export interface RelabelResult {
  changed: PlannedChange[];
  failed: { path: string; message: string }[];
}

type Fields = Pick<EntryDraft, "title" | "topic" | "date" | "tags">;

const same = (a: Fields, b: Fields) =>
  a.title === b.title && a.topic === b.topic && a.date === b.date && a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i]);

/** Renames the matching values in place, dropping an item that would repeat a tag kept before it. */
function renameValues(field: LabelField, from: string, to: string) {
  const seen = new Set<string>();
  const keep = (tag: string) => {
    const key = tag.trim().replace(/^#/, "").toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  return (value: string): string | null | undefined => {
    if (field === "topic") return sameLabel(value, from) ? to : undefined;
    if (sameLabel(value, from)) return keep(to) ? to : null;
    return keep(value) ? undefined : null;
  };
}

/** The new text of one file, with only the field changed; verified by parsing it back. */
function rewrite(raw: string, fileName: string, field: LabelField, wanted: Fields, from: string, to: string): string {
  const value = field === "tags" ? yamlFlowList(wanted.tags) : yamlScalar(wanted.topic);
  const candidates = [
    () => renameInField(raw, field, renameValues(field, from, to)),
    () => setFrontmatterField(raw, field, value),
  ];
  for (const make of candidates) {
    let text: string | undefined;
    try {
      text = make();
    } catch {
      continue;
    }
    if (text === undefined) continue;
    // Every other line stays as it was (review: false, source:, your own keys), or the file is not rewritten.
    if (!keepsOtherLines(raw, text, field)) continue;
    const parsed = parseEntry(text, fileName);
    if (parsed.ok && same(parsed.entry, wanted)) return text;
  }
  throw new Error(`its "${field}" field is written in a form nexus cannot change without touching other lines; not rewritten (edit it by hand)`);
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
      const { bytes, stamp } = readStamped(entry.file);
      const raw = decodeUtf8(bytes, entry.path);
      planned.push({ path: entry.path, file: entry.file, before, after, raw, stamp, text: rewrite(raw, path.basename(entry.path), field, wanted, from, to) });
    } catch (error) {
      failed.push({ path: entry.path, message: (error as Error).message });
    }
  }
  return { planned, changed: [], failed };
}

/** Writes each planned file atomically; a file changed since it was read is reported and left alone. */
export function applyRelabel(plan: PlannedChange[], hooks?: ReplaceHooks): RelabelResult {
  const result: RelabelResult = { changed: [], failed: [] };
  for (const change of plan) {
    try {
      if (!readRegular(change.file).equals(Buffer.from(change.raw))) throw new Error("changed on disk meanwhile; not rewritten");
      replaceFileIfUnchanged(change.file, change.text, change.stamp, hooks);
      result.changed.push(change);
    } catch (error) {
      result.failed.push({ path: change.path, message: (error as Error).message });
    }
  }
  return result;
}
