import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { CONFIG_FILE, notEntries, readConfig, type JournalConfig } from "./config.js";

export interface Journal {
  /** Absolute path of the journal folder. */
  root: string;
  /** Absolute path of the entries folder. */
  entriesDir: string;
  config: JournalConfig;
  /**
   * A dry run (--dry-run, --stdout): nothing is written, not even nexus's own caches
   * in `.nexus/` (cache-file.ts writableCacheDir says there is no place for them).
   */
  readOnly?: boolean;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isJournal(dir: string): boolean {
  return fs.existsSync(path.join(dir, CONFIG_FILE)) || isDir(path.join(dir, "entries"));
}

export function openJournal(root: string): Journal {
  const config = readConfig(root);
  const entriesDir = path.resolve(root, config.entries);
  if (fs.existsSync(entriesDir) && !isDir(entriesDir)) {
    throw new UserError(`${config.entries} in ${root} is a file, not the folder of entries`, {
      hint: `move it away, then \`nexus init\` makes the folder`,
    });
  }
  return { root, entriesDir, config };
}

/**
 * Finds the journal the way git finds `.git`: `dir` (from `--dir` or NEXUS_DIR)
 * when given, else the first folder from `cwd` upward with a nexus.config.json
 * or an entries/ folder.
 */
export function findJournal(options: { cwd: string; dir?: string | undefined }): Journal {
  return openJournal(findJournalRoot(options));
}

/** The folder of the journal findJournal finds, its config not read (`nexus config` mends a wrong one). */
export function findJournalRoot(options: { cwd: string; dir?: string | undefined }): string {
  if (options.dir) {
    const root = path.resolve(options.cwd, options.dir);
    if (!isDir(root)) {
      if (fs.existsSync(root)) throw new UserError(`--dir ${options.dir} is a file, not a folder`, { hint: "give the journal's folder" });
      throw new UserError(`no such folder: ${options.dir}`);
    }
    if (!isJournal(root)) {
      const parent = path.dirname(root);
      const hint = isJournal(parent)
        ? `${root} is inside the journal ${parent}: pass --dir ${path.relative(options.cwd, parent) || "."}`
        : `run \`nexus init ${options.dir}\` to start one there`;
      throw new UserError(`no journal in ${root}`, { hint });
    }
    return root;
  }
  let dir = path.resolve(options.cwd);
  for (;;) {
    if (isJournal(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserError(`no journal found in ${path.resolve(options.cwd)} or any folder above it`, {
    hint: "run `nexus init` to start one here, or pass --dir PATH",
  });
}

/** Where a folder lies inside a journal above it: the journal and the part it is in. */
export interface Enclosing {
  root: string;
  /** "entries", "pages", "templates" or "cache", with the folder's name in the journal. */
  part: "entries" | "pages" | "templates" | "cache";
  folder: string;
}

/**
 * The journal above `target` whose entries, pages, templates or cache folder holds it
 * (at any depth), if any: a journal made there would be read as that journal's files.
 * A journal elsewhere below another one (in `notes/`, say) is no such journal's part.
 */
export function enclosingJournal(target: string): Enclosing | undefined {
  const resolved = realOrResolved(target);
  let dir = path.dirname(resolved);
  for (;;) {
    if (isJournal(dir)) {
      let config: JournalConfig | undefined;
      try {
        config = readConfig(dir);
      } catch {
        // A broken config: its folders are the default ones.
      }
      const [, templates, pages] = config ? notEntries(config) : ["", "templates", "journal"];
      const parts: [Enclosing["part"], string][] = [
        ["entries", config?.entries ?? "entries"],
        ["pages", pages!],
        ["templates", templates!],
        ["cache", ".nexus"],
      ];
      for (const [part, folder] of parts) {
        const full = path.resolve(dir, folder);
        if (resolved !== dir && (resolved === full || resolved.startsWith(full + path.sep))) return { root: dir, part, folder };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The real path of a folder, or of its nearest existing ancestor with the rest appended. */
function realOrResolved(target: string): string {
  const rest: string[] = [];
  let dir = path.resolve(target);
  for (;;) {
    try {
      return path.join(fs.realpathSync(dir), ...rest.reverse());
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return path.resolve(target);
      rest.push(path.basename(dir));
      dir = parent;
    }
  }
}
