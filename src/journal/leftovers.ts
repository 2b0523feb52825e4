// Files that nexus itself leaves behind only when something went wrong: a draft
// an editor session did not save (kept on purpose, so nothing typed is lost) and
// the temporary file of a write that was interrupted (a crash or a full disk).
import fs from "node:fs";
import path from "node:path";
import type { FileProblem } from "./read.js";
import type { Journal } from "./root.js";
import { pagesFolderName, SITE_FOLDER } from "./config.js";
import { isInside } from "./inside.js";
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
  const named = new Set<string>();
  const temps = (folder: string, message: string) => {
    if (!isInside(journal.root, folder)) return;
    for (const file of leftoverTempsIn(folder, now)) {
      // Once, though the folders overlap (entries at the journal's root).
      if (named.has(file)) continue;
      named.add(file);
      found.push({ path: toJournalPath(journal.root, file), line: 1, severity: "warning", message });
    }
  };
  // The pages and the site are written many files at once: a build killed midway leaves its temporary files there.
  temps(path.join(journal.root, pagesFolderName(journal.config)), "the temporary file of an interrupted build: `nexus build-readme` removes it (or delete it)");
  temps(path.join(journal.root, SITE_FOLDER), "the temporary file of an interrupted build: `nexus build-site` removes it (or delete it)");
  temps(journal.entriesDir, "the temporary file of an interrupted write: safe to delete");
  return found;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function safeDirents(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** The process id in a temporary file's name (`.NAME.PID.HEX.tmp`). */
const TEMP_PID = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Whether no process has this id (on this machine): its writes are over. */
function processGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Whether a file of nexus's temporary naming is left over from a write that will not
 * finish: a regular file settled for a minute, or one whose process is gone (killed).
 */
export function isLeftoverTemp(name: string, stat: fs.Stats, now = Date.now()): boolean {
  if (!TEMP_FILE.test(name) || !stat.isFile()) return false;
  if (now - stat.mtimeMs > SETTLED_MS) return true;
  const pid = TEMP_PID.exec(name);
  return pid !== null && processGone(Number(pid[1]));
}

/** The left-over temporary files in `folder` and the folders under it (never through a link), as absolute paths. */
export function leftoverTempsIn(folder: string, now = Date.now()): string[] {
  const found: string[] = [];
  // The folder's listing says which names are folders (a link is not one): only a name of
  // the temporary naming is lstat'ed (a site holds 20,000 files, and nearly none is one).
  const walk = (dir: string, depth: number) => {
    for (const item of safeDirents(dir)) {
      const { name } = item;
      const file = path.join(dir, name);
      if (TEMP_FILE.test(name)) {
        let stat: fs.Stats;
        try {
          stat = fs.lstatSync(file);
        } catch {
          continue; // Gone meanwhile.
        }
        if (isLeftoverTemp(name, stat, now)) {
          found.push(file);
          continue;
        }
      }
      // Hidden folders (.git, an editor's) are not nexus's to look through.
      if (item.isDirectory() && !name.startsWith(".") && name !== "node_modules" && depth < 20) walk(file, depth + 1);
    }
  };
  walk(folder, 0);
  return found;
}

/** Removes the left-over temporary files in `folder` and under it; returns how many went. */
export function removeLeftoverTemps(folder: string, now = Date.now()): number {
  let removed = 0;
  for (const file of leftoverTempsIn(folder, now)) {
    try {
      fs.rmSync(file);
      removed += 1;
    } catch {
      // Gone meanwhile, or not removable: doctor names it.
    }
  }
  return removed;
}
