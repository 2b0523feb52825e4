// When each file of a folder was first committed, under any of its earlier names:
// one `git log --name-status -M` over the folder's history, read oldest commit
// first, follows every rename and move as `git log --follow` does for one file,
// without one git process per file. A file deleted and added again keeps the date
// of its first life (as --follow lists it); a copy is a new file; a file renamed
// away leaves its old name free for a new file with a date of its own.

import fs from "node:fs";
import path from "node:path";
import { isCalendarDate } from "../domain/dates.js";
import { tryGit } from "./git.js";

/** Renames are looked for among this many added and deleted files of one commit (git's default is 1,000: a mass move of a TIL repository into topic folders passes it). */
const RENAME_LIMIT = 20_000;

type Change = { status: string; from: string; to: string };

/** The changes of one commit from `--name-status -z` fields: `A\0path`, `R100\0old\0new`. */
function changesOf(fields: string[]): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!.replace(/^\n/, "");
    if (!status) continue;
    if (/^[RC]/.test(status)) {
      out.push({ status: status[0]!, from: fields[i]!, to: fields[i + 1]! });
      i += 2;
    } else {
      out.push({ status: status[0]!, from: fields[i]!, to: fields[i]! });
      i += 1;
    }
  }
  return out;
}

/**
 * Reads the output of `git log --reverse --format=%x01%H%x00%as --name-status -M -z`
 * (oldest commit first) into the first-commit date of each path alive at the end.
 * Pure: the history comes in as text.
 */
export function firstDatesFromLog(log: string): Map<string, string> {
  const alive = new Map<string, string>();
  const deleted = new Map<string, string>();
  for (const record of log.split("\x01")) {
    const [, date, ...fields] = record.split("\0");
    if (!date || !isCalendarDate(date)) continue;
    const changes = changesOf(fields);
    // Every source is read before any change of the commit is applied: two files that swap names keep their dates.
    const origin = changes.map((c) => (c.status === "R" ? alive.get(c.from) : undefined));
    changes.forEach((c) => {
      if (c.status === "D" || c.status === "R") {
        const was = alive.get(c.from);
        alive.delete(c.from);
        const before = deleted.get(c.from);
        if (c.status === "D" && was !== undefined && (before === undefined || was < before)) deleted.set(c.from, was);
      }
    });
    changes.forEach((c, i) => {
      if (c.status === "D") return;
      if (c.status === "R") return void alive.set(c.to, origin[i] ?? date);
      // Added (again), or changed while we had not seen it (a shallow clone's first commit lists its files as added).
      if (!alive.has(c.to)) alive.set(c.to, deleted.get(c.to) ?? date);
    });
  }
  return alive;
}

export interface FolderHistory {
  /** The date each file was first committed, following renames, by path relative to the folder. */
  dates: Map<string, string>;
  /** The folder's path from the repository's top (`notes/til`, "" at the top); undefined outside a repository. */
  prefix: string | undefined;
}

/** The first-commit date of each file under `folder`; no dates without git or history. */
export function firstCommitDates(folder: string): FolderHistory {
  const dates = new Map<string, string>();
  const top = tryGit(folder, ["rev-parse", "--show-toplevel"])?.trim();
  if (!top) return { dates, prefix: undefined };
  const prefix = path.relative(fs.realpathSync(top), fs.realpathSync(folder)).split(path.sep).join("/");
  const log = tryGit(folder, ["log", "--reverse", "--date-order", "--format=%x01%H%x00%as", "--name-status", "-M", `-l${RENAME_LIMIT}`, "-z", "--", "."], {
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
  });
  if (!log) return { dates, prefix };
  for (const [name, date] of firstDatesFromLog(log)) {
    const rel = prefix ? (name.startsWith(`${prefix}/`) ? name.slice(prefix.length + 1) : undefined) : name;
    if (rel) dates.set(rel, date);
  }
  return { dates, prefix };
}

/** The date a file was first committed, following its renames (`git log --follow`); undefined without git or history. */
export function fileFirstCommitDate(file: string): string | undefined {
  const log = tryGit(path.dirname(file), ["log", "--follow", "-M", "--format=%as", "--", path.basename(file)]);
  const date = log?.trim().split("\n").pop()?.trim();
  return date && isCalendarDate(date) ? date : undefined;
}
