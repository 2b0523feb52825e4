// doctor's look for mojibake in entries (domain/mojibake.ts): each line that reads
// as UTF-8 once decoded as Windows-1252 is a warning with what it would read.

import { findMojibake } from "../domain/mojibake.js";
import { MAX_ENTRY_BYTES, type FileProblem, type LoadedEntry } from "./entry-file.js";
import { readRegular } from "./regular-file.js";

/** A line shown in a message: its first 60 characters. */
const excerpt = (text: string) => JSON.stringify([...text.trim()].length > 60 ? `${[...text.trim()].slice(0, 59).join("")}…` : text.trim());

export function mojibakeProblems(entries: readonly LoadedEntry[]): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const entry of entries) {
    let text: string;
    try {
      text = readRegular(entry.file, { encoding: "utf8", maxBytes: MAX_ENTRY_BYTES });
    } catch {
      continue; // gone since it was read: the entry's own check says so
    }
    for (const found of findMojibake(text)) {
      problems.push({
        path: entry.path,
        line: found.line,
        severity: "warning",
        message: `mojibake: ${excerpt(found.text)} is UTF-8 that was read as Windows-1252; it reads ${excerpt(found.repaired)}`,
      });
    }
  }
  return problems;
}
