import fs from "node:fs";
import path from "node:path";
import { isInside, whereabouts } from "./inside.js";
import { takeEarlyListing } from "./early.js";
import { CTIME_MS, INO, isDirectory, isFile, isSymbolicLink, lstatInto, MTIME_MS, SIZE, statArray } from "./lstat.js";

/** A markdown file found in the entries folder. */
export interface FoundFile {
  /** Relative to the journal root, with `/` separators. */
  readonly path: string;
  /** Absolute path to read (the link's target for a link inside the journal). */
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** The later of mtime and ctime: what the cache keys on. */
  readonly changedMs: number;
  /** The inode number (of a link's target): with the path, size and change time, what the caches key on. */
  readonly ino: number;
}

/** A folder the scan walked: where its files are, relative to the journal root (`/` separators) and as an absolute path. */
export interface ScannedFolder {
  /** The folder's journal path; "" for the root itself. */
  readonly rel: string;
  /** Its absolute path and a separator. */
  readonly prefix: string;
}

/** The journal path of a file in a folder. */
export const pathIn = (folder: ScannedFolder, name: string): string => (folder.rel ? `${folder.rel}/${name}` : name);

/**
 * A file as the scan finds it: its folder and name, of which its path and file are
 * made when asked for. A run that reuses a cache record never asks for most of them,
 * and 100,000 paths kept as strings would each outlive a garbage collection or two.
 */
export class ScannedFile implements FoundFile {
  private madePath: string | undefined;

  constructor(
    readonly folder: ScannedFolder,
    readonly name: string,
    readonly size: number,
    readonly mtimeMs: number,
    readonly changedMs: number,
    /** For a link: the real path of its target (inside the journal). */
    readonly target: string | undefined,
    /** The inode number of the file (of a link's target): a folder renamed moves files to other paths with their size and change time. */
    readonly ino = 0,
  ) {}

  get path(): string {
    return (this.madePath ??= pathIn(this.folder, this.name));
  }

  get file(): string {
    return this.target ?? this.folder.prefix + this.name;
  }
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

/**
 * The names in a folder, sorted by UTF-16 code units; undefined when it cannot be
 * read. Names only: Dirent objects (and opendir's) cost more than the lstat that each
 * file needs anyway, which tells what an entry is and, for a file, its size and times.
 */
function namesIn(dir: string): string[] | undefined {
  try {
    return (takeEarlyListing(dir) ?? fs.readdirSync(dir)).sort();
  } catch {
    return undefined;
  }
}

/**
 * The process's working folder, when the scan can go back to it by its path; undefined
 * when it cannot be told (it was removed) or its path leads elsewhere or nowhere: a
 * folder above it that the user may not search (sudo -u from root's home), or a
 * folder renamed or mounted over since. The process would otherwise stay in the
 * entries folder, and every later relative path would be resolved from there.
 */
function workingFolder(): string | undefined {
  try {
    const cwd = process.cwd();
    const here = fs.statSync(".");
    const there = fs.statSync(cwd);
    if (here.ino !== there.ino || here.dev !== there.dev) return undefined;
    fs.accessSync(cwd, fs.constants.X_OK);
    return cwd;
  } catch {
    return undefined;
  }
}

function backTo(dir: string): void {
  try {
    process.chdir(dir);
  } catch {
    // It was removed meanwhile: nowhere to go back to.
  }
}

/** One scan of an entries folder: what it found and skipped, and where the process is. */
class EntryScan {
  readonly files: ScannedFile[] = [];
  readonly skipped: SkippedFile[] = [];
  private readonly passOver: Set<string>;
  private readonly emit: (found: ScannedFile) => void;
  /** The names of the files found in each folder walked (not through links), to tell which links lead to one of them. */
  private readonly plainFiles: { realDir: string; names: string[] }[] = [];
  private readonly visited = new Set<string>();
  /** The links found to files. */
  private readonly links: { found: ScannedFile; real: string }[] = [];
  private readonly own = statArray();
  /**
   * Each file is lstat-ed by its name from inside its folder: the kernel looks up one name
   * instead of the whole path, and no path is made for it. The process's working folder is
   * changed for the scan and set back at its end (when it cannot be, files are lstat-ed by path).
   */
  private readonly home: string | undefined;
  private here: string | undefined;

  constructor(
    private readonly realRoot: string,
    private readonly notEntries: readonly string[],
    visit: ((found: ScannedFile) => void) | undefined,
    absolute: boolean,
  ) {
    this.passOver = new Set(notEntries);
    this.emit = visit ?? ((found) => this.files.push(found));
    this.home = absolute ? workingFolder() : undefined;
  }

  /** Makes `dir` the working folder; false when the scan goes by paths. */
  private enter(dir: string): boolean {
    if (this.home === undefined) return false;
    if (this.here === dir) return true;
    try {
      process.chdir(dir);
      this.here = dir;
      return true;
    } catch {
      return false;
    }
  }

  /** Sets the working folder back to what it was before the scan. */
  goBack(): void {
    if (this.here !== undefined) backTo(this.home!);
  }

  /** Paths are joined as strings: path.join and path.relative for each of 100,000 files cost more than the rest of the scan. */
  walk(dir: string, realDir: string, relDir: string): void {
    if (this.visited.has(realDir)) return;
    this.visited.add(realDir);
    const names = namesIn(dir);
    if (!names) return;
    const folder: ScannedFolder = { rel: relDir, prefix: dir + path.sep };
    const found: string[] = [];
    this.plainFiles.push({ realDir, names: found });
    // Whether a path to pass over may be in this folder: hashing each path to look it up costs
    // more than its lstat, and a journal's entries folder usually has none.
    const relPrefix = relDir ? `${relDir}/` : "";
    const mayPassOver = this.notEntries.some((p) => p.startsWith(relPrefix) && !p.includes("/", relPrefix.length));
    const own = this.own;
    let inside = this.enter(dir);
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      if (name.charCodeAt(0) === 0x2e) continue;
      if (mayPassOver && this.passOver.has(pathIn(folder, name))) continue;
      if (!lstatInto(inside ? name : folder.prefix + name, own)) continue;
      const isLink = isSymbolicLink(own);
      if (!isLink && isDirectory(own)) {
        this.walk(folder.prefix + name, realDir + path.sep + name, pathIn(folder, name));
      } else if (isLink) {
        this.link(folder, name, own[CTIME_MS]!);
      } else if (isFile(own) && MARKDOWN.test(name)) {
        // ctime moves on every change, even one that sets mtime back (cp -p, rsync -t, tar).
        found.push(name);
        this.emit(new ScannedFile(folder, name, own[SIZE]!, own[MTIME_MS]!, Math.max(own[MTIME_MS]!, own[CTIME_MS]!), undefined, own[INO]!));
        continue;
      } else continue;
      if (inside) inside = this.enter(dir);
    }
  }

  /** A link: to a folder inside the journal, walked; to a markdown file inside it, kept for the end; else skipped. */
  private link(folder: ScannedFolder, name: string, linkChangedMs: number): void {
    // A link pointed elsewhere changes the link, not its target's times: its own change time counts too.
    const full = folder.prefix + name;
    const rel = pathIn(folder, name);
    let realTarget: string;
    try {
      realTarget = fs.realpathSync(full);
    } catch {
      if (MARKDOWN.test(name)) this.skipped.push({ path: rel, message: "broken link: its target does not exist" });
      return;
    }
    if (!isInside(this.realRoot, realTarget)) {
      this.skipped.push({ path: rel, message: "link points outside the journal; not read" });
      return;
    }
    const stat = fs.statSync(realTarget, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) return this.walk(full, realTarget, rel);
    if (!(stat.isFile() && MARKDOWN.test(name))) return;
    const { size, mtimeMs, ctimeMs, ino } = stat;
    this.links.push({ found: new ScannedFile(folder, name, size, mtimeMs, Math.max(mtimeMs, ctimeMs, linkChangedMs), realTarget, ino), real: realTarget });
  }

  /** The links to files, last: a link to an entry that is in the journal anyway is that entry once, under its own name. */
  emitLinks(): void {
    if (!this.links.length) return;
    const seen = new Set(this.plainFiles.flatMap(({ realDir, names }) => names.map((name) => realDir + path.sep + name)));
    for (const link of this.links) {
      if (seen.has(link.real)) continue;
      seen.add(link.real);
      this.emit(link.found);
    }
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
  visit?: (found: ScannedFile) => void,
): { files: ScannedFile[]; skipped: SkippedFile[] } {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return { files: [], skipped: [] };
  }
  const where = whereabouts(realRoot, entriesDir);
  if (!where.inside) {
    return { files: [], skipped: [{ path: toJournalPath(root, entriesDir), message: `entries folder is ${where.why}; not read` }] };
  }
  const scan = new EntryScan(realRoot, notEntries, visit, path.isAbsolute(entriesDir));
  try {
    scan.walk(entriesDir, where.real, toJournalPath(root, entriesDir));
  } finally {
    scan.goBack();
  }
  scan.emitLinks();
  return { files: scan.files, skipped: scan.skipped };
}
