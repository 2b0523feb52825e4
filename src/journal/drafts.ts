// Drafts: a copy of an entry that an editor works on, kept in the journal's
// `.nexus/drafts/` until it is saved, so nothing typed is lost when it is invalid.
import os from "node:os";
import path from "node:path";
import { parseEntry, type Entry, type Problem } from "../domain/entry.js";
import { folderForWriting } from "./inside.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { firstNonUtf8Line } from "./text.js";
import { readRegular } from "./regular-file.js";

export function draftsDir(journal: Journal): string {
  return path.join(journal.root, ".nexus", "drafts");
}

/** Writes `text` to a new draft file named after `name`; returns its path. */
export function writeDraft(journal: Journal, name: string, text: string): string {
  // A dry run writes nothing in the journal: its draft is a file of the system's temporary folder.
  const dir = journal.readOnly ? os.tmpdir() : folderForWriting(journal.root, draftsDir(journal), ".nexus/drafts");
  const base = path.basename(name).replace(/\.(md|markdown)$/i, "");
  const file = path.join(dir, `${base}-${process.pid}-${Date.now()}.md`);
  replaceFile(file, text);
  return file;
}

export type EditOutcome =
  | { kind: "unchanged" }
  | { kind: "valid"; text: string; entry: Entry; warnings: Problem[] }
  | { kind: "invalid"; text: string; problems: Problem[] };

/** Reads the draft back after the editor closed and says what became of it. */
export function checkDraft(file: string, before: string, fileName?: string): EditOutcome {
  const bytes = readRegular(file);
  const text = bytes.toString("utf8");
  if (text === before) return { kind: "unchanged" };
  // Bytes that are not UTF-8 would be saved as U+FFFD: the draft is invalid until they are fixed.
  const bad = firstNonUtf8Line(bytes);
  if (bad !== undefined) return { kind: "invalid", text, problems: [{ line: bad, severity: "error", message: "not UTF-8 text: save the file as UTF-8" }] };
  const parsed = parseEntry(text, fileName);
  if (parsed.ok) return { kind: "valid", text, entry: parsed.entry, warnings: parsed.warnings };
  return { kind: "invalid", text, problems: parsed.problems };
}

/** Problems as `line N: message`, one per line, indented. */
export function formatDraftProblems(problems: Problem[], inert: (s: string) => string): string {
  return problems.map((p) => `  line ${p.line}: ${inert(p.message)}`).join("\n");
}
