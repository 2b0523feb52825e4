// Reads what `nexus import` is given, without trusting it: files are read as
// UTF-8 text with size limits, folders are walked without following symbolic
// links (a link is reported and passed over, wherever it points), hidden and
// journal folders are left out, and git is asked only for dates, through
// git.ts, which lets no repository config run a program.

import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError, isErrnoException } from "../errors.js";
import { today } from "../domain/dates.js";
import { repairMojibake } from "../domain/mojibake.js";
import { MANIFEST } from "../journal/generated.js";
import { decodeEntryBytes, MAX_ENTRY_BYTES } from "../journal/read.js";
import type { FallbackDate, ImportProblem } from "./draft.js";
import type { NoteFile } from "./note.js";
import { fileFirstCommitDate } from "./history.js";
import { readProblem, readRegular } from "../journal/regular-file.js";

/** A file whose mojibake lines were repaired as it was read. */
export interface RepairedFile {
  /** Relative to the source folder, or the file's name. */
  path: string;
  /** 1-based. */
  lines: number[];
}

/** A README or a jrnl export larger than this is refused. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;
/** A folder with more markdown files than this is refused. */
export const MAX_FILES = 50_000;

const MARKDOWN = /\.(md|markdown)$/i;

export interface SourceFile {
  kind: "file";
  /** Absolute. */
  file: string;
  text: string;
  mtimeMs: number;
  /** 1-based lines whose mojibake was repaired (domain/mojibake.ts). */
  repaired: number[];
}

export interface SourceFolder {
  kind: "folder";
  folder: string;
  files: { abs: string; rel: string; size: number; mtimeMs: number }[];
  /** Files passed over: links, unreadable entries. */
  skipped: ImportProblem[];
}

/** What is at the path: a text file or a folder. Errors say what is wrong with it. */
export function openSource(target: string, shown: string, exclude: string[]): SourceFile | SourceFolder {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    if (isErrnoException(error) && (error.code === "ENOENT" || error.code === "ENOTDIR")) throw new UsageError(`no such file or folder: ${shown}`);
    throw new UserError(`cannot read ${shown}: ${(error as Error).message}`);
  }
  if (stat.isDirectory()) return walkFolder(target, exclude);
  if (!stat.isFile()) throw new UserError(`${shown} is not a file or a folder`);
  if (stat.size > MAX_SOURCE_BYTES) throw new UserError(`${shown} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB: not read`);
  const bytes = readRegular(target, { maxBytes: MAX_SOURCE_BYTES });
  const text = decodeText(bytes);
  if (text === undefined) throw new UserError(`${shown} is not a text file (it is not UTF-8 text, or it contains NUL bytes)`);
  if (!text.trim()) throw new UserError(`${shown} is empty: nothing to import`);
  const { text: repairedText, lines } = repairMojibake(text);
  return { kind: "file", file: target, text: repairedText, mtimeMs: stat.mtimeMs, repaired: lines };
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** UTF-16 text with its byte order mark (what Windows tools such as PowerShell's `>` write) as UTF-8 bytes; other bytes as they are. */
export function fromUtf16(bytes: Uint8Array): Uint8Array {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!(le || be) || bytes.length % 2) return bytes;
  const body = Buffer.from(bytes.subarray(2));
  if (be) body.swap16();
  const text = body.toString("utf16le");
  // A lone surrogate is not text: left to be refused as the bytes it is.
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text) ? bytes : Buffer.from(text, "utf8");
}

function decodeText(raw: Uint8Array): string | undefined {
  const bytes = fromUtf16(raw);
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A file name as text, or undefined when its bytes are not UTF-8. */
function nameOf(bytes: Buffer): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function walkFolder(root: string, exclude: string[]): SourceFolder {
  const real = fs.realpathSync(root);
  const excluded = new Set(exclude.map((p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  }));
  const out: SourceFolder = { kind: "folder", folder: root, files: [], skipped: [] };
  const walk = (dir: string, rel: string) => {
    if (excluded.has(path.join(real, rel))) return;
    const names = fs.readdirSync(dir, { withFileTypes: true, encoding: "buffer" }).sort((a, b) => Buffer.compare(a.name, b.name));
    for (const raw of names) {
      const name = nameOf(raw.name);
      if (name === undefined) {
        // A name that is not UTF-8 cannot be written in an entry's source, nor opened by the name it reads as.
        if (/\.(md|markdown)$/i.test(raw.name.toString("latin1")) || raw.isDirectory()) {
          out.skipped.push({ path: rel ? `${rel}/${raw.name.toString("latin1")}` : raw.name.toString("latin1"), line: 1, message: "a name that is not UTF-8: not read (rename it)" });
        }
        continue;
      }
      const dirent = { name, isSymbolicLink: () => raw.isSymbolicLink(), isDirectory: () => raw.isDirectory(), isFile: () => raw.isFile() };
      if (dirent.name.startsWith(".") || dirent.name === "node_modules") continue;
      const abs = path.join(dir, dirent.name);
      const childRel = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isSymbolicLink()) {
        if (dirent.isDirectory() || MARKDOWN.test(dirent.name) || safeIsDirectory(abs)) {
          out.skipped.push({ path: childRel, line: 1, message: "a symbolic link: not followed" });
        }
        continue;
      }
      // Pages that nexus build-readme generated (this journal's or another's) are not notes.
      if (dirent.isDirectory()) {
        if (!fs.existsSync(path.join(abs, MANIFEST))) walk(abs, childRel);
      }
      else if (dirent.isFile() && MARKDOWN.test(dirent.name)) {
        if (excluded.has(path.join(real, childRel))) continue;
        const stat = fs.lstatSync(abs);
        out.files.push({ abs, rel: childRel, size: stat.size, mtimeMs: stat.mtimeMs });
        if (out.files.length > MAX_FILES) throw new UserError(`more than ${MAX_FILES} markdown files in ${root}: import its folders one by one`);
      }
    }
  };
  walk(root, "");
  return out;
}

function safeIsDirectory(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink() && fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the notes of a folder; a file that is not a text entry is a problem, the rest are read. */
export function readNotes(folder: SourceFolder, dates: Map<string, string>, now: Date, progress?: (done: number) => void): { notes: NoteFile[]; problems: ImportProblem[]; repaired: RepairedFile[] } {
  const notes: NoteFile[] = [];
  const repaired: RepairedFile[] = [];
  const problems: ImportProblem[] = [];
  for (const [i, f] of folder.files.entries()) {
    progress?.(i);
    let bytes: Buffer;
    try {
      // The size is checked before a byte is read: a file of gigabytes is refused, not read whole.
      bytes = readRegular(f.abs, { maxBytes: MAX_ENTRY_BYTES });
    } catch (error) {
      problems.push({ path: f.rel, line: 1, message: readProblem(error) });
      continue;
    }
    const decoded = decodeEntryBytes(fromUtf16(bytes));
    if ("problem" in decoded) {
      problems.push({ path: f.rel, line: 1, message: decoded.problem });
      continue;
    }
    const fromGit = dates.get(f.rel);
    const fallback: FallbackDate = fromGit
      ? { date: fromGit, why: "the file's first commit", source: "first commit" }
      : f.mtimeMs
        ? { date: today(new Date(f.mtimeMs)), why: "the file's modification time: it has no git history", source: "modification time" }
        : { date: today(now), why: "today", source: "today" };
    const fixed = repairMojibake(decoded.text);
    if (fixed.lines.length) repaired.push({ path: f.rel, lines: fixed.lines });
    notes.push({ rel: f.rel, text: fixed.text, fallback });
  }
  return { notes, problems, repaired };
}

/** The date for a README's sections that name none: the file's first commit (under any earlier name), else today. */
export function fileDate(file: SourceFile, now: Date): FallbackDate {
  const committed = fileFirstCommitDate(file.file);
  return committed ? { date: committed, why: "the file's first commit", source: "first commit" } : { date: today(now), why: "today: the file has no git history", source: "today" };
}
