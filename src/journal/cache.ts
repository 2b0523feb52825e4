// The entry cache in the journal's `.nexus/` folder. Reading and YAML-parsing every
// entry file is what makes a large journal slow, so what each file parses to (its
// fields, its problems and its search terms) is kept in one file, keyed on the
// file's path, size and change time (the later of mtime and ctime). Bodies are not kept: an entry's body
// and sections are read from its file when something asks for them.
//
// The file has lines: a JSON header, a JSON array of records (one per file), the
// vocabulary (one term a line), then each record's term ids (one record a line:
// title, topic and tag terms, a space, the other terms; encoded as in
// search/tokens.ts). `list` parses only the first two lines; a search decodes the
// vocabulary and reads the term ids straight from the file's bytes.
//
// Never stale: a record is used only when path, size and change time all match
// (ctime moves even when a tool sets mtime back, as cp -p and rsync -t do), and a
// file modified within RACY_MS of being read is not cached at all (an edit in the
// same timestamp tick could otherwise keep its size and mtime). Safe with several
// processes: the file is replaced atomically, so a reader sees one whole version;
// two writers both write a correct cache and the last rename wins. Deleting it
// changes nothing but speed. Written only inside the journal's `.nexus/` and only
// when the journal folder is writable; otherwise it is skipped in silence.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import type { Problem } from "../domain/entry.js";
import { encodeIds, termsOf } from "../search/tokens.js";
import { decodeEntryBytes, newestFirst, readEntryFile, type FileProblem, type JournalContents, type LoadedEntry } from "./read.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";
import { scanEntries } from "./scan.js";

export const CACHE_DIR = ".nexus";
export const CACHE_FILE = "entry-cache";
const FORMAT = "nexus-entry-cache";
const VERSION = 3;
/** Files modified this recently (ms) before being read are not cached. */
export const RACY_MS = 3000;

type StoredProblem = [line: number, severity: 0 | 1, message: string];
type OkRecord = [path: string, size: number, mtimeMs: number, ok: 1, title: string, topic: string, date: string, tags: string[], warnings: StoredProblem[], featured?: 1];
type BadRecord = [path: string, size: number, mtimeMs: number, ok: 0, problems: StoredProblem[]];
type CacheRecord = OkRecord | BadRecord;

interface Header {
  format: string;
  version: number;
  /** Which build of the parsing code made the records (see codeFingerprint). */
  code: string;
  records: number;
  terms: number;
}

/** A cache file as read: the records at once, the search terms on demand. */
interface CacheFile {
  records: unknown[];
  /** The vocabulary and, for each record, its encoded term ids. */
  terms: () => { vocabulary: string[]; line: (record: number) => Uint8Array } | undefined;
}

/** The search terms of the journal. */
export interface JournalTerms {
  /** Every term, by id. Some may no longer be used by any entry. */
  vocabulary: string[];
  /**
   * For each of `contents.entries` (same order), the ids of its terms as ASCII bytes
   * (see search/tokens.ts): those of the title, topic and tags, a space, those only in the body.
   */
  entryTerms: Uint8Array[];
}

/** The journal, its search terms and how the cache was used. */
export interface IndexedJournal {
  contents: JournalContents;
  /** The search terms, decoded on the first call. */
  terms: () => JournalTerms;
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

const LAZY: ReadonlySet<string | symbol> = new Set(BODY_KEYS);
const loaded = new WeakSet<LoadedEntry>();

function load(target: LoadedEntry): void {
  if (loaded.has(target)) return;
  loaded.add(target);
  Object.assign(target, readBodyFields(target.file));
}

// Every trap that can reveal a body field loads the body first. Creating a proxy
// costs about as much as a plain object; own accessors cost 3 to 20 times more.
const lazyHandler: ProxyHandler<LoadedEntry> = {
  get(target, key) {
    if (LAZY.has(key)) load(target);
    return target[key as keyof LoadedEntry];
  },
  set(target, key, value) {
    if (LAZY.has(key)) load(target);
    return Reflect.set(target, key, value);
  },
  getOwnPropertyDescriptor(target, key) {
    if (LAZY.has(key)) load(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
  defineProperty(target, key, descriptor) {
    if (LAZY.has(key)) load(target);
    return Reflect.defineProperty(target, key, descriptor);
  },
};

/**
 * An entry whose body and sections are read from its file the first time one of
 * them is used. To spreading, JSON, Object.keys and equality it is the same as an
 * eagerly read entry: the same own, enumerable keys in the same order.
 */
function lazyEntry(title: string, topic: string, date: string, tags: string[], featured: boolean, path: string, file: string): LoadedEntry {
  const target: LoadedEntry = { title, topic, date, tags, featured, challenge: "", solution: "", takeaway: "", notes: "", body: "", path, file };
  return new Proxy(target, lazyHandler);
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
    r[3] === 1 && (r.length === 9 || (r.length === 10 && r[9] === 1)) && typeof r[4] === "string" && typeof r[5] === "string" && typeof r[6] === "string" &&
    Array.isArray(r[7]) && r[7].every((t) => typeof t === "string") && Array.isArray(r[8]) && r[8].every(isStoredProblem)
  );
}

// What a file parses to depends on the code that parses it: a record made by
// another build of nexus (an upgrade, or a rebuild while developing) is not used.
const PARSING_MODULES = ["../domain/entry", "../domain/frontmatter", "../domain/sections", "../domain/dates", "./read", "./cache", "../search/tokens"];
let fingerprint: string | undefined;

/** Set by scripts/build.js in the bundle: a hash of the sources and the lock file. */
declare const NEXUS_CODE_FINGERPRINT: string | undefined;

/** The build's fingerprint; unbundled (tests of src), the size and mtime of each module that decides what a record holds. */
export function codeFingerprint(): string {
  if (fingerprint === undefined && typeof NEXUS_CODE_FINGERPRINT === "string") fingerprint = NEXUS_CODE_FINGERPRINT;
  if (fingerprint === undefined) {
    const self = fileURLToPath(import.meta.url);
    const extension = path.extname(self);
    fingerprint = PARSING_MODULES.map((m) => {
      try {
        const stat = fs.statSync(path.resolve(path.dirname(self), `${m}${extension}`));
        return `${stat.size}:${Math.round(stat.mtimeMs)}`;
      } catch {
        return "?";
      }
    }).join(",");
  }
  return fingerprint;
}

function cachePath(journal: Journal): string {
  return path.join(journal.root, CACHE_DIR, CACHE_FILE);
}

function loadCache(file: string): CacheFile | undefined {
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    const bytes = fs.readFileSync(file);
    const end0 = bytes.indexOf(10);
    const end1 = end0 < 0 ? -1 : bytes.indexOf(10, end0 + 1);
    if (end1 < 0) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 0, end0)) as Partial<Header>;
    if (header.format !== FORMAT || header.version !== VERSION || header.code !== codeFingerprint()) return undefined;
    if (typeof header.records !== "number" || typeof header.terms !== "number") return undefined;
    const records = JSON.parse(bytes.toString("utf8", end0 + 1, end1)) as unknown;
    if (!Array.isArray(records) || records.length !== header.records) return undefined;
    const termCount = header.terms;
    const recordCount = records.length;
    let terms: ReturnType<CacheFile["terms"]> | null = null;
    return {
      records,
      terms: () => {
        if (terms !== null) return terms;
        terms = undefined;
        // Where each line starts; the last line has no newline after it.
        const starts = new Int32Array(termCount + recordCount + 1);
        let at = end1 + 1;
        for (let line = 0; line < termCount + recordCount; line += 1) {
          starts[line] = at;
          const next = bytes.indexOf(10, at);
          at = next < 0 ? bytes.length + 1 : next + 1;
          if (next < 0 && line !== termCount + recordCount - 1) return terms;
        }
        if (at !== bytes.length + 1) return terms;
        starts[termCount + recordCount] = bytes.length + 1;
        const vocabulary = termCount === 0 ? [] : bytes.toString("utf8", end1 + 1, starts[termCount]! - 1).split("\n");
        if (vocabulary.length !== termCount) return terms;
        const base = bytes.byteOffset;
        terms = {
          vocabulary,
          line: (record) => {
            const start = starts[termCount + record]!;
            return new Uint8Array(bytes.buffer, base + start, starts[termCount + record + 1]! - 1 - start);
          },
        };
        return terms;
      },
    };
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
  const cached = useCache ? loadCache(cachePath(journal)) : undefined;

  // The vocabulary is decoded only when a term id is needed: a search, or a new file.
  let vocabulary: string[] | undefined;
  let termIds: Map<string, number> | undefined;
  const vocabularyNow = () => (vocabulary ??= [...(cached?.terms()?.vocabulary ?? [])]);
  const idOf = (term: string): number => {
    const v = vocabularyNow();
    termIds ??= new Map(v.map((t, i) => [t, i]));
    let id = termIds.get(term);
    if (id === undefined) {
      id = v.length;
      // A long term may be a slice of the whole entry text; a copy lets that go.
      const own = term.length >= 13 ? Buffer.from(term).toString() : term;
      v.push(own);
      termIds.set(own, id);
    }
    return id;
  };
  /** The ids of the title, topic and tag terms, a space, then the ids of the other terms of the body. */
  const encodeTerms = (e: Pick<LoadedEntry, "title" | "topic" | "tags" | "challenge" | "solution" | "takeaway" | "notes">) => {
    const short = termsOf([e.title, e.topic, ...e.tags]);
    const rest = [...termsOf([e.challenge, e.solution, e.takeaway, e.notes])].filter((t) => !short.has(t));
    return [encodeIds([...short].map(idOf)), encodeIds(rest.map(idOf))].join(" ");
  };
  /** An entry's encoded term ids: known already, or on a line of the old cache (else worked out again from the file). */
  type TermSource = string | number;
  const resolve = (source: TermSource, entry: LoadedEntry | undefined): Uint8Array => {
    if (typeof source !== "string") {
      const line = cached?.terms()?.line(source);
      if (line) return line;
    }
    return Buffer.from(typeof source === "string" ? source : entry ? encodeTerms(entry) : "", "latin1");
  };

  // Records are written in scan order, so they are usually met in order; a Map
  // is built only when they are not.
  const stored = cached?.records ?? [];
  let cursor = 0;
  let byPath: Map<string, number> | undefined;
  const recordAt = (filePath: string): number => {
    const next = stored[cursor];
    if (!byPath && Array.isArray(next) && next[0] === filePath) return cursor++;
    if (!byPath) {
      byPath = new Map();
      stored.forEach((r, i) => Array.isArray(r) && typeof r[0] === "string" && byPath!.set(r[0], i));
    }
    return byPath.get(filePath) ?? -1;
  };

  const entries: LoadedEntry[] = [];
  const sources: TermSource[] = [];
  const problems: FileProblem[] = skipped.map((s) => ({ path: s.path, line: 1, message: s.message, severity: "error" }));
  const keep: { record: CacheRecord; source: TermSource; entry: LoadedEntry | undefined }[] = [];
  let reused = 0;
  let parsed = 0;
  let changed = false;

  for (const found of files) {
    const at = recordAt(found.path);
    const old = at >= 0 ? stored[at] : undefined;
    let record: CacheRecord;
    let source: TermSource = "";
    let cacheable = true;
    if (isValidRecord(old) && old[1] === found.size && old[2] === found.changedMs) {
      record = old;
      source = at;
      reused += 1;
    } else {
      parsed += 1;
      const result = readEntryFile(found);
      if (result.ok) {
        const { entry } = result;
        record = [found.path, found.size, found.changedMs, 1, entry.title, entry.topic, entry.date, entry.tags, result.warnings.map(storeProblem)];
        if (entry.featured) record.push(1);
        source = encodeTerms(entry);
      } else {
        record = [found.path, found.size, found.changedMs, 0, result.problems.map(storeProblem)];
      }
      // A file that could not be read may be readable later without a new mtime; a
      // file modified just now may change again within the same mtime tick.
      const transient = !result.ok && result.problems.some((p) => p.message.startsWith("cannot read"));
      if (!transient && found.mtimeMs <= startedAt - RACY_MS) changed = true;
      else cacheable = false;
    }
    let entry: LoadedEntry | undefined;
    if (record[3] === 1) {
      entry = lazyEntry(record[4], record[5], record[6], record[7], record[9] === 1, found.path, found.file);
      entries.push(entry);
      sources.push(source);
      for (const w of record[8]) problems.push(problemOf(w, found.path));
    } else {
      for (const p of record[4]) problems.push(problemOf(p, found.path));
    }
    if (cacheable) keep.push({ record, source, entry });
  }

  let written = false;
  if (useCache && (changed || (cached !== undefined && keep.length !== stored.length))) {
    const dir = writableCacheDir(journal);
    if (dir) {
      try {
        const termLines = keep.map((k) => {
          if (k.record[3] !== 1) return "";
          if (typeof k.source === "string") return k.source;
          const line = resolve(k.source, k.entry);
          return Buffer.from(line.buffer, line.byteOffset, line.length).toString("latin1");
        });
        const v = vocabularyNow();
        const header: Header = { format: FORMAT, version: VERSION, code: codeFingerprint(), records: keep.length, terms: v.length };
        // Written in pieces: one string of the whole cache would double the peak memory.
        const pieces = function* () {
          yield `${JSON.stringify(header)}\n${JSON.stringify(keep.map((k) => k.record))}\n`;
          const lines = [...v, ...termLines];
          for (let i = 0; i < lines.length; i += 4096) yield (i ? "\n" : "") + lines.slice(i, i + 4096).join("\n");
        };
        replaceFile(path.join(dir, CACHE_FILE), pieces());
        written = true;
      } catch {
        // A cache that cannot be written is only slower.
      }
    }
  }

  // Files are scanned by name, and names start with the date: reversed, they are
  // usually in order already, which is checked in one pass instead of sorting.
  let order = entries.map((_, i) => entries.length - 1 - i);
  if (order.some((e, k) => k > 0 && newestFirst(entries[order[k - 1]!]!, entries[e]!) > 0)) {
    order = order.sort((a, b) => newestFirst(entries[a]!, entries[b]!));
  }
  let terms: JournalTerms | undefined;
  return {
    contents: { entries: order.map((i) => entries[i]!), problems, fileCount: files.length + skipped.length },
    terms: () => (terms ??= { entryTerms: order.map((i) => resolve(sources[i]!, entries[i])), vocabulary: vocabularyNow() }),
    stats: { reused, parsed, written },
  };
}
