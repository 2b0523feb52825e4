// The entry cache in the journal's `.nexus/` folder. Reading and YAML-parsing every
// entry file is what makes a large journal slow, so what each file parses to (its
// fields, its problems and its search terms) is kept in one JSON file, keyed on the
// file's path, size and modification time. Bodies are not kept: an entry's body
// and sections are read from its file when something asks for them.
//
// Never stale: a record is used only when path, size and mtime all match, and a
// file modified within RACY_MS of being read is not cached at all (an edit in the
// same timestamp tick could otherwise keep its size and mtime). Safe with several
// processes: the file is replaced atomically, so a reader sees one whole version;
// two writers both write a correct cache and the last rename wins. Deleting it
// changes nothing but speed. Written only inside the journal's `.nexus/` and only
// when the journal folder is writable; otherwise it is skipped in silence.
import fs from "node:fs";
import path from "node:path";
import { splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import type { Problem } from "../domain/entry.js";
import { encodeIds, termsOf } from "../search/tokens.js";
import { decodeEntryBytes, newestFirst, readEntryFile, type FileProblem, type JournalContents, type LoadedEntry } from "./read.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { scanEntries, type FoundFile } from "./scan.js";

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache.json";
const VERSION = 1;
/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

type StoredProblem = [line: number, severity: 0 | 1, message: string];
type OkRecord = [path: string, size: number, mtimeMs: number, ok: 1, title: string, topic: string, date: string, tags: string[], warnings: StoredProblem[], terms: string];
type BadRecord = [path: string, size: number, mtimeMs: number, ok: 0, problems: StoredProblem[]];
type CacheRecord = OkRecord | BadRecord;

interface CacheFile {
  version: number;
  terms: string[];
  files: CacheRecord[];
}

/** The journal, its search terms and how the cache was used. */
export interface IndexedJournal {
  contents: JournalContents;
  /** Every term, by id. Some may no longer be used by any entry. */
  terms: string[];
  /** For each of `contents.entries` (same order), the ids of its terms, encoded (see search/tokens.ts). */
  entryTerms: string[];
  stats: { reused: number; parsed: number; written: boolean };
}

export interface ReadOptions {
  /** Use and update the cache in `.nexus/` (default true). */
  cache?: boolean;
}

type BodyFields = Pick<LoadedEntry, "challenge" | "solution" | "takeaway" | "notes" | "body">;
const BODY_KEYS = ["challenge", "solution", "takeaway", "notes", "body"] as const;
const NO_BODY: BodyFields = { challenge: "", solution: "", takeaway: "", notes: "", body: "" };

/** Reads the body and sections of an entry file the way parseEntry does, without the YAML. */
export function readBodyFields(file: string): BodyFields {
  try {
    const decoded = decodeEntryBytes(fs.readFileSync(file));
    if ("problem" in decoded) return NO_BODY;
    const text = stripBom(decoded.text);
    const body = text.slice(splitFile(text).bodyOffset).replace(/\r\n/g, "\n");
    const { challenge, solution, takeaway, notes } = splitSections(body);
    return { challenge, solution, takeaway, notes, body };
  } catch {
    return NO_BODY;
  }
}

/**
 * An entry whose body and sections are read from its file the first time one of
 * them is used. They are own, enumerable properties like any other field, so
 * spreading, JSON and equality see the same object as an eagerly read entry.
 */
function lazyEntry(fields: Pick<LoadedEntry, "title" | "topic" | "date" | "tags">, found: FoundFile): LoadedEntry {
  const entry = { title: fields.title, topic: fields.topic, date: fields.date, tags: fields.tags } as LoadedEntry;
  let body: BodyFields | undefined;
  const descriptors: PropertyDescriptorMap = {};
  for (const key of BODY_KEYS) {
    descriptors[key] = {
      enumerable: true,
      configurable: true,
      get: () => (body ??= readBodyFields(found.file))[key],
      set: (value: string) => Object.defineProperty(entry, key, { value, writable: true, enumerable: true, configurable: true }),
    };
  }
  Object.defineProperties(entry, descriptors);
  entry.path = found.path;
  entry.file = found.file;
  return entry;
}

const storeProblem = (p: Problem): StoredProblem => [p.line, p.severity === "warning" ? 1 : 0, p.message];
const isStoredProblem = (p: unknown): p is StoredProblem =>
  Array.isArray(p) && p.length === 3 && typeof p[0] === "number" && (p[1] === 0 || p[1] === 1) && typeof p[2] === "string";
const problemOf = (p: StoredProblem, filePath: string): FileProblem => ({
  line: p[0],
  message: p[2],
  severity: p[1] === 1 ? "warning" : "error",
  path: filePath,
});

function isValidRecord(r: unknown): r is CacheRecord {
  if (!Array.isArray(r) || typeof r[0] !== "string" || typeof r[1] !== "number" || typeof r[2] !== "number") return false;
  if (r[3] === 0) return r.length === 5 && Array.isArray(r[4]) && r[4].every(isStoredProblem);
  return (
    r[3] === 1 && r.length === 10 && typeof r[4] === "string" && typeof r[5] === "string" && typeof r[6] === "string" &&
    Array.isArray(r[7]) && r[7].every((t) => typeof t === "string") && Array.isArray(r[8]) && r[8].every(isStoredProblem) &&
    typeof r[9] === "string"
  );
}

function cachePath(journal: Journal): string {
  return path.join(journal.root, CACHE_DIR, CACHE_FILE);
}

function loadCache(file: string): CacheFile | undefined {
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) return undefined;
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<CacheFile>;
    if (data?.version !== VERSION || !Array.isArray(data.terms) || !Array.isArray(data.files)) return undefined;
    if (!data.terms.every((t) => typeof t === "string")) return undefined;
    return data as CacheFile;
  } catch {
    return undefined;
  }
}

/** The `.nexus/` folder when the cache may be written there, created if needed; undefined otherwise. */
function writableCacheDir(journal: Journal): string | undefined {
  try {
    fs.accessSync(journal.root, fs.constants.W_OK);
    const dir = path.join(journal.root, CACHE_DIR);
    try {
      const stat = fs.lstatSync(dir);
      // A link could point out of the journal: never write through one.
      return stat.isDirectory() ? dir : undefined;
    } catch {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, ".gitignore"), "# nexus keeps its caches here; they are rebuilt when missing.\n*\n");
      return dir;
    }
  } catch {
    return undefined;
  }
}

/**
 * Reads every entry of the journal through the cache: files whose path, size and
 * mtime match a record are not read; the others are read, parsed and recorded.
 * The result is the same as reading every file.
 */
export function readIndexedJournal(journal: Journal, options: ReadOptions = {}): IndexedJournal {
  const useCache = options.cache !== false;
  const startedAt = Date.now();
  const { files, skipped } = scanEntries(journal.root, journal.entriesDir);
  const file = cachePath(journal);
  const cached = useCache ? loadCache(file) : undefined;
  const terms = cached?.terms ?? [];
  let termIds: Map<string, number> | undefined;
  const idOf = (term: string): number => {
    if (!termIds) termIds = new Map(terms.map((t, i) => [t, i]));
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      terms.push(term);
      termIds.set(term, id);
    }
    return id;
  };
  const records = new Map<string, CacheRecord>();
  if (cached) for (const r of cached.files) if (Array.isArray(r) && typeof r[0] === "string") records.set(r[0], r as CacheRecord);

  const pairs: { entry: LoadedEntry; terms: string }[] = [];
  const problems: FileProblem[] = skipped.map((s) => ({ path: s.path, line: 1, message: s.message, severity: "error" }));
  const keep: CacheRecord[] = [];
  let reused = 0;
  let parsed = 0;
  let changed = false;

  for (const found of files) {
    const old = records.get(found.path);
    let record: CacheRecord;
    let cacheable = true;
    if (old && old[1] === found.size && old[2] === found.mtimeMs && isValidRecord(old)) {
      record = old;
      reused += 1;
    } else {
      parsed += 1;
      const result = readEntryFile(found);
      if (result.ok) {
        const { entry } = result;
        const ids = [...termsOf([entry.title, entry.topic, ...entry.tags, entry.challenge, entry.solution, entry.takeaway, entry.notes])].map(idOf);
        record = [found.path, found.size, found.mtimeMs, 1, entry.title, entry.topic, entry.date, entry.tags, result.warnings.map(storeProblem), encodeIds(ids)];
      } else {
        record = [found.path, found.size, found.mtimeMs, 0, result.problems.map(storeProblem)];
      }
      // A file that could not be read may be readable later without a new mtime; a
      // file modified just now may change again within the same mtime tick.
      const transient = !result.ok && result.problems.some((p) => p.message.startsWith("cannot read"));
      if (!transient && found.mtimeMs <= startedAt - RACY_MS) changed = true;
      else cacheable = false;
    }
    if (record[3] === 1) {
      pairs.push({ entry: lazyEntry({ title: record[4], topic: record[5], date: record[6], tags: record[7] }, found), terms: record[9] });
      for (const w of record[8]) problems.push(problemOf(w, found.path));
    } else {
      for (const p of record[4]) problems.push(problemOf(p, found.path));
    }
    if (cacheable) keep.push(record);
  }

  let written = false;
  if (useCache && (changed || (cached !== undefined && keep.length !== cached.files.length))) {
    const dir = writableCacheDir(journal);
    if (dir) {
      try {
        const data: CacheFile = { version: VERSION, terms, files: keep };
        replaceFile(path.join(dir, CACHE_FILE), JSON.stringify(data));
        written = true;
      } catch {
        // A cache that cannot be written is only slower.
      }
    }
  }

  pairs.sort((a, b) => newestFirst(a.entry, b.entry));
  return {
    contents: { entries: pairs.map((p) => p.entry), problems, fileCount: files.length + skipped.length },
    terms,
    entryTerms: pairs.map((p) => p.terms),
    stats: { reused, parsed, written },
  };
}
