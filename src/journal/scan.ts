import fs from "node:fs";
import path from "node:path";

/** A markdown file found in the entries folder. */
export interface FoundFile {
  /** Relative to the journal root, with `/` separators. */
  path: string;
  /** Absolute path to read (the link's target for a link inside the journal). */
  file: string;
  size: number;
  mtimeMs: number;
}

/** A file that was found but is not read. */
export interface SkippedFile {
  path: string;
  message: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

export function toJournalPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Lists the markdown files under the entries folder, recursively, in a stable
 * order. Links are never followed out of the journal; hidden files and folders
 * (such as .nexus/) are passed over.
 */
export function scanEntries(root: string, entriesDir: string): { files: FoundFile[]; skipped: SkippedFile[] } {
  const files: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return { files, skipped };
  }
  const visited = new Set<string>();
  const byRealPath = new Map<string, { found: FoundFile; link: boolean }>();

  const walk = (dir: string, realDir: string): void => {
    if (visited.has(realDir)) return;
    visited.add(realDir);
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of dirents) {
      if (dirent.name.startsWith(".")) continue;
      const full = path.join(dir, dirent.name);
      const rel = toJournalPath(root, full);
      let target = full;
      let realTarget = path.join(realDir, dirent.name);
      if (dirent.isSymbolicLink()) {
        try {
          realTarget = fs.realpathSync(full);
        } catch {
          if (MARKDOWN.test(dirent.name)) skipped.push({ path: rel, message: "broken link: its target does not exist" });
          continue;
        }
        if (!isInside(realRoot, realTarget)) {
          skipped.push({ path: rel, message: "link points outside the journal; not read" });
          continue;
        }
        target = realTarget;
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(target);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        walk(full, realTarget);
      } else if (stat.isFile() && MARKDOWN.test(dirent.name)) {
        const found = { path: rel, file: target, size: stat.size, mtimeMs: stat.mtimeMs };
        const seen = byRealPath.get(realTarget);
        // A link to an entry that is in the journal anyway is that entry once, under its own name.
        if (!seen) byRealPath.set(realTarget, { found, link: dirent.isSymbolicLink() });
        else if (seen.link && !dirent.isSymbolicLink()) byRealPath.set(realTarget, { found, link: false });
      }
    }
  };

  let realEntries: string;
  try {
    realEntries = fs.realpathSync(entriesDir);
  } catch {
    return { files, skipped };
  }
  if (!isInside(realRoot, realEntries)) {
    skipped.push({ path: toJournalPath(root, entriesDir), message: "entries folder is a link out of the journal; not read" });
    return { files, skipped };
  }
  walk(entriesDir, realEntries);
  for (const { found } of byRealPath.values()) files.push(found);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}
