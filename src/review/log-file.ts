// The review log on disk: `reviews.tsv` at the journal root, committed with the
// entries. It is only ever appended to, one whole line per write (O_APPEND), so
// two processes never interleave and a crash can at worst cut the last line,
// which is then reported as damaged and skipped.
import fs from "node:fs";
import path from "node:path";
import { isErrnoException, UserError } from "../errors.js";
import type { FileProblem } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import { createFileExclusive } from "../journal/safe-write.js";
import { formatEvent, LOG_HEADER, parseLog, type LogEvent } from "./log.js";
import { kindOf, NotRegularFileError, readRegular } from "../journal/regular-file.js";

export const LOG_FILE = "reviews.tsv";

/** The .gitattributes line that makes git merge two appended logs line by line. */
export const LOG_ATTRIBUTES = `${LOG_FILE} merge=union`;

export interface LogContents {
  events: LogEvent[];
  /** Damaged lines, as `reviews.tsv:LINE: message` errors. */
  problems: FileProblem[];
}

const logPath = (journal: Journal) => path.join(journal.root, LOG_FILE);

/** Reads the log; a missing log is an empty one. Never throws for bad content. */
export function readLog(journal: Journal): LogContents {
  const file = logPath(journal);
  let text: string;
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      return { events: [], problems: [{ path: LOG_FILE, line: 1, severity: "error", message: "is a link; a review log must be a plain file (not read)" }] };
    }
    text = readRegular(file, { encoding: "utf8" });
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return { events: [], problems: [] };
    // A named pipe would make every command that reads the log wait for a writer.
    if (error instanceof NotRegularFileError) return { events: [], problems: [{ path: LOG_FILE, line: 1, severity: "error", message: error.message }] };
    return { events: [], problems: [{ path: LOG_FILE, line: 1, severity: "error", message: `cannot read: ${(error as Error).message}` }] };
  }
  const { events, damage } = parseLog(text);
  return { events, problems: damage.map((d) => ({ path: LOG_FILE, line: d.line, severity: "error" as const, message: d.message })) };
}

/** Appends ratings to the log, creating it (with its header comment) when needed. */
export function appendEvents(journal: Journal, events: Pick<LogEvent, "at" | "rating" | "path">[]): void {
  try {
    append(logPath(journal), events);
  } catch (error) {
    if (isErrnoException(error) && ["EACCES", "EPERM", "EROFS", "ENOSPC", "EISDIR"].includes(error.code ?? "")) {
      throw new UserError(`cannot write ${LOG_FILE}: ${error.code}; the rating was not recorded`);
    }
    throw error;
  }
}

function append(file: string, events: Pick<LogEvent, "at" | "rating" | "path">[]): void {
  const lines = events.map((e) => `${formatEvent(e)}\n`).join("");
  if (createFileExclusive(file, LOG_HEADER + lines)) return;
  const stat = fs.lstatSync(file);
  if (stat.isSymbolicLink()) throw new UserError(`${LOG_FILE} is a link; nexus writes reviews only to a plain file`);
  if (!stat.isFile()) throw new UserError(`${LOG_FILE} is not a regular file (${kindOf(stat)}); nexus writes reviews only to a plain file`);
  // eslint-disable-next-line no-restricted-properties -- appends; what is opened is checked to be a regular file below
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_APPEND | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new UserError(`${LOG_FILE} is not a regular file (${kindOf(opened)}); nexus writes reviews only to a plain file`);
    const size = fs.fstatSync(fd).size;
    let separator = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) separator = "\n";
    }
    fs.writeSync(fd, separator + lines);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
