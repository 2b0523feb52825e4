// Files that nexus itself leaves behind only when something went wrong: a draft
// an editor session did not save (kept on purpose, so nothing typed is lost) and
// the temporary file of a write that was interrupted (a crash or a full disk).
import fs from "node:fs";
import path from "node:path";
import type { FileProblem } from "./read.js";
import type { Journal } from "./root.js";
import { TEMP_FILE } from "./safe-write.js";
import { toJournalPath } from "./scan.js";

/** Younger than this, a temporary file may belong to a write that is still going on. */
const SETTLED_MS = 60_000;

/** Leftover drafts and temporary files, as warnings that say what to do. */
export function findLeftovers(journal: Journal, now = Date.now()): FileProblem[] {
  const found: FileProblem[] = [];
  const settled = (file: string) => {
    try {
      const stat = fs.lstatSync(file);
      return stat.isFile() && now - stat.mtimeMs > SETTLED_MS;
    } catch {
      return false;
    }
  };
  const drafts = path.join(journal.root, ".nexus", "drafts");
  for (const name of safeList(drafts)) {
    const file = path.join(drafts, name);
    if (name.endsWith(".md") && settled(file)) {
      found.push({ path: toJournalPath(journal.root, file), line: 1, severity: "warning", message: "a draft that was never saved: copy what you need from it, then delete it" });
    }
  }
  const walk = (dir: string, depth: number) => {
    for (const name of safeList(dir)) {
      const file = path.join(dir, name);
      if (TEMP_FILE.test(name) && settled(file)) {
        found.push({ path: toJournalPath(journal.root, file), line: 1, severity: "warning", message: "the temporary file of an interrupted write: safe to delete" });
      } else if (!name.startsWith(".") && depth < 20) {
        try {
          if (fs.lstatSync(file).isDirectory()) walk(file, depth + 1);
        } catch {
          // Gone meanwhile.
        }
      }
    }
  };
  walk(journal.entriesDir, 0);
  return found;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}
