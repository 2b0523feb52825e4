import fs from "node:fs";
import path from "node:path";
import { CTIME_MS, isDirectory, isFile, isSymbolicLink, lstatInto, MTIME_MS, SIZE, statArray } from "./lstat.js";

/** A markdown file found in the entries folder. */
export interface FoundFile {
  /** Relative to the journal root, with `/` separators. */
  path: string;
  /** Absolute path to read (the link's target for a link inside the journal). */
  file: string;
  size: number;
  mtimeMs: number;
  /** The later of mtime and ctime: what the cache keys on. */
  changedMs: number;
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
 * The names in a folder, sorted by UTF-16 code units; undefined when it cannot be
 * read. Names only: Dirent objects (and opendir's) cost more than the lstat that each
 * file needs anyway, which tells what an entry is and, for a file, its size and times.
 */
function namesIn(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return undefined;
  }
}

/**
 * Lists the markdown files under the entries folder, recursively, in a stable
 * order. Links are never followed out of the journal; hidden files and folders
 * (such as .nexus/) are passed over, and so are `notEntries` (journal-relative paths).
 * Given `visit`, each file is handed to it as it is found (links to files last)
 * instead of being listed: 100,000 found files kept in a list until the end all
 * outlive a garbage collection or two, and each one costs a copy.
 */
export function scanEntries(
  root: string,
  entriesDir: string,
  notEntries: readonly string[] = [],
  visit?: (found: FoundFile) => void,
): { files: FoundFile[]; skipped: SkippedFile[] } {
  const passOver = new Set(notEntries);
  const files: FoundFile[] = [];
  /** The file of each file found (not through a link), to tell which links lead to one of them. */
  const fileNames: string[] = [];
  const emit = visit ?? ((found: FoundFile) => files.push(found));
  const skipped: SkippedFile[] = [];
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return { files, skipped };
  }
  const visited = new Set<string>();
  // The real path of each folder walked (to tell the real path of a file found by
  // its own name, worked out only when there are links), and the links found to files.
  const realDirs = new Map<string, string>();
  const links: { found: FoundFile; real: string }[] = [];
  const own = statArray();

  // Paths are joined as strings: path.join and path.relative for each of 100,000
  // files cost more than the rest of the scan.
  const walk = (dir: string, realDir: string, relDir: string): void => {
    if (visited.has(realDir)) return;
    visited.add(realDir);
    realDirs.set(dir, realDir);
    const names = namesIn(dir);
    if (!names) return;
    const prefix = dir + path.sep;
    // Whether a path to pass over may be in this folder: hashing each path to look it up costs
    // more than its lstat, and a journal's entries folder usually has none.
    const relPrefix = relDir ? `${relDir}/` : "";
    const mayPassOver = notEntries.some((p) => p.startsWith(relPrefix) && !p.includes("/", relPrefix.length));
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const rel = relDir ? `${relDir}/${name}` : name;
      if (mayPassOver && passOver.has(rel)) continue;
      // Two strings of the same path: the one given to lstat is made flat, a copy that dies
      // young; the one kept (as an entry's file) stays two pointers until a body is read.
      if (!lstatInto(prefix + name, own)) continue;
      const full = prefix + name;
      const isLink = isSymbolicLink(own);
      if (!isLink && isDirectory(own)) {
        walk(full, realDir + path.sep + name, rel);
        continue;
      }
      if (!isLink && !(isFile(own) && MARKDOWN.test(name))) continue;
      let target = full;
      let realTarget = "";
      let size = own[SIZE]!;
      let mtimeMs = own[MTIME_MS]!;
      let ctimeMs = own[CTIME_MS]!;
      // A link pointed elsewhere changes the link, not its target's times: its own change time counts too.
      const linkChangedMs = isLink ? ctimeMs : 0;
      if (isLink) {
        try {
          realTarget = fs.realpathSync(full);
        } catch {
          if (MARKDOWN.test(name)) skipped.push({ path: rel, message: "broken link: its target does not exist" });
          continue;
        }
        if (!isInside(realRoot, realTarget)) {
          skipped.push({ path: rel, message: "link points outside the journal; not read" });
          continue;
        }
        target = realTarget;
        const stat = fs.statSync(target, { throwIfNoEntry: false });
        if (!stat) continue;
        if (stat.isDirectory()) {
          walk(full, realTarget, rel);
          continue;
        }
        if (!(stat.isFile() && MARKDOWN.test(name))) continue;
        ({ size, mtimeMs, ctimeMs } = stat);
      }
      // ctime moves on every change, even one that sets mtime back (cp -p, rsync -t, tar).
      const found = { path: rel, file: target, size, mtimeMs, changedMs: Math.max(mtimeMs, ctimeMs, linkChangedMs) };
      if (isLink) {
        links.push({ found, real: realTarget });
      } else {
        fileNames.push(target);
        emit(found);
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
  walk(entriesDir, realEntries, toJournalPath(root, entriesDir));
  if (links.length) {
    // A link to an entry that is in the journal anyway is that entry once, under its own name.
    const seen = new Set(fileNames.map((file) => {
      const cut = file.lastIndexOf(path.sep);
      return realDirs.get(file.slice(0, cut)) + file.slice(cut);
    }));
    for (const link of links) {
      if (seen.has(link.real)) continue;
      seen.add(link.real);
      emit(link.found);
    }
  }
  return { files, skipped };
}
