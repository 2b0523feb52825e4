import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { CONFIG_FILE, readConfig, type JournalConfig } from "./config.js";

export interface Journal {
  /** Absolute path of the journal folder. */
  root: string;
  /** Absolute path of the entries folder. */
  entriesDir: string;
  config: JournalConfig;
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
    return openJournal(root);
  }
  let dir = path.resolve(options.cwd);
  for (;;) {
    if (isJournal(dir)) return openJournal(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserError(`no journal found in ${path.resolve(options.cwd)} or any folder above it`, {
    hint: "run `nexus init` to start one here, or pass --dir PATH",
  });
}
