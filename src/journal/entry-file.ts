// One entry file: how it is read, decoded and parsed, and the shapes of what a
// journal read gives back. Below both the cache and readJournal.
import path from "node:path";
import { parseEntry, type Entry, type ParseResult, type Problem } from "../domain/entry.js";
import type { FoundFile } from "./scan.js";
import { readProblem, readRegular } from "./regular-file.js";
import { firstNonUtf8Line } from "./text.js";

export const MAX_ENTRY_BYTES = 1024 * 1024;

/** An entry and where it lives. */
export interface LoadedEntry extends Entry {
  /** Relative to the journal root, `/` separators. */
  path: string;
  /** Absolute path. */
  file: string;
}

/** A problem in one file, reported as `path:line: message`. */
export interface FileProblem extends Problem {
  path: string;
}

export interface JournalContents {
  /** Every entry, newest first. */
  readonly entries: LoadedEntry[];
  /** How many entries there are, known without making them: a large journal's entries are made when first asked for. */
  readonly count: number;
  /** The entry at a place of `entries`, made without making the others. */
  entryAt(place: number): LoadedEntry;
  /** Errors (the file was left out) and warnings (the entry is kept). */
  problems: FileProblem[];
  /** How many files were looked at. */
  fileCount: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Decodes a file's bytes; returns a problem instead when it is not a text entry. */
export function decodeEntryBytes(bytes: Uint8Array): { text: string } | { problem: string; line?: number } {
  if (bytes.length === 0) return { problem: "empty file" };
  if (bytes.length > MAX_ENTRY_BYTES) return { problem: `file is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB; not read` };
  if (bytes.includes(0)) return { problem: "not a text file (it contains NUL bytes)" };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { problem: "not UTF-8 text", line: firstNonUtf8Line(bytes) ?? 1 };
  }
}

/** Reads and parses one entry file. */
export function readEntryFile(found: Pick<FoundFile, "file" | "size" | "path">): ParseResult & { raw?: string } {
  if (found.size > MAX_ENTRY_BYTES) {
    return { ok: false, problems: [{ line: 1, severity: "error", message: `file is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB; not read` }] };
  }
  let bytes: Buffer;
  try {
    bytes = readRegular(found.file, { maxBytes: MAX_ENTRY_BYTES });
  } catch (error) {
    return { ok: false, problems: [{ line: 1, severity: "error", message: readProblem(error) }] };
  }
  const decoded = decodeEntryBytes(bytes);
  if ("problem" in decoded) return { ok: false, problems: [{ line: "line" in decoded ? (decoded.line ?? 1) : 1, severity: "error", message: decoded.problem }] };
  return { ...parseEntry(decoded.text, path.basename(found.path)), raw: decoded.text };
}

/** Compares entries newest first; equal dates by path, later names first. */
export function newestFirst(a: { date: string; path: string }, b: { date: string; path: string }): number {
  return newestFirstBy(a.date, a.path, b.date, b.path);
}

/** newestFirst of two entries given by their dates and paths. */
export function newestFirstBy(dateA: string, pathA: string, dateB: string, pathB: string): number {
  if (dateA !== dateB) return dateA < dateB ? 1 : -1;
  return pathA < pathB ? 1 : pathA > pathB ? -1 : 0;
}
