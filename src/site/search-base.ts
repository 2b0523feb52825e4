// The base of the site's search index (search-data.ts): the postings of the entries
// before the last whole block, cut by term into shards. It changes only when a block
// fills up or an older entry changes, so a build keeps what it needs of it (its
// words, chunks and shard names: `SearchBase`) in .nexus/ under a key of what it is
// made from; with the same key, the base is not worked out again (its shards come
// with that key, and are made only when one is missing from the site).
import type { IndexedJournal } from "../journal/cache.js";
import { CHUNK_MARK } from "../search/tokens.js";
import { keyOf, type SiteFile } from "./output.js";
import { createHash } from "node:crypto";
import { encodeNumber } from "../journal/codec.js";

/** About how many bytes of postings one shard holds (a longer line is a shard of its own). */
export const SHARD_BYTES = 2048;

/** What the rest of the index needs of the base. */
export interface SearchBase {
  key: string;
  /** The docs below this are the base's. */
  base: number;
  /** Its words, sorted; its punctuated chunks (without the mark), sorted; whether it has the mark of long chunks. */
  words: string[];
  chunks: string[];
  mark: boolean;
  /** Its shards: [first, hash] of words and of chunks; the mark's hash (or ""). */
  shards: { w: [number, string][]; c: [number, string][]; m: string };
}

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A file of the index: a script that hands its data to the page. */
export const script = (name: string, data: unknown) => `nexusSearch.put(${JSON.stringify(name)},${JSON.stringify(data)});\n`;

/** A file's name: its stem and a hash of its data (so a page never mixes files of two builds). */
export const nameOf = (stem: string, data: unknown) => `${stem}-${createHash("sha256").update(JSON.stringify(data)).digest("base64url").slice(0, 10).replace(/[-_]/g, "0")}`;

/** Postings as a line: (doc gap, packed counts) pairs, docs in order, the first gap from `from`. */
export function postingLine(list: readonly (readonly [doc: number, packed: number])[], from: number): string {
  let last = from;
  return list
    .map(([doc, packed]) => {
      const gap = doc - last;
      last = doc;
      return encodeNumber(gap) + encodeNumber(packed);
    })
    .join("");
}

/** A SearchBase as read back from JSON; undefined when it is not one. */
export function checkBase(value: unknown): SearchBase | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const b = value as Partial<SearchBase>;
  const texts = (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === "string");
  const shards = (v: unknown) => Array.isArray(v) && v.every((s) => Array.isArray(s) && typeof s[0] === "number" && typeof s[1] === "string");
  const ok = typeof b.key === "string" && typeof b.base === "number" && texts(b.words) && texts(b.chunks) && typeof b.mark === "boolean" && typeof b.shards === "object" && b.shards !== null && shards(b.shards.w) && shards(b.shards.c) && typeof b.shards.m === "string";
  return ok ? (b as SearchBase) : undefined;
}

/** The key of the base of the docs below `base`: each one's path, text and fields, in order, and the code. */
export function baseKey(indexed: IndexedJournal, renderKeys: readonly string[], base: number, code: string): string {
  const { entries } = indexed.contents;
  const n = entries.length;
  const docs: unknown[] = [];
  for (let doc = 0; doc < base; doc += 1) {
    const e = entries[n - 1 - doc]!;
    docs.push([e.path, renderKeys[n - 1 - doc], e.title, e.topic, e.tags]);
  }
  return keyOf([code, base, docs]);
}

/** A term's postings of the base as a line: (doc gap, packed counts) pairs. */
function baseLines(indexed: IndexedJournal, base: number): Map<string, string> {
  const terms = indexed.terms();
  const n = indexed.contents.count;
  const lists = new Map<number, [number, number][]>();
  // Only the base's entries: place n - 1 - doc for doc < base.
  terms.forEachPosting(
    terms.vocabulary.map((_, id) => id),
    (entry, id, packed) => {
      const doc = n - 1 - entry;
      if (doc >= base) return;
      const list = lists.get(id);
      if (list) list.push([doc, packed]);
      else lists.set(id, [[doc, packed]]);
    },
  );
  const lines = new Map<string, string>();
  for (const [id, list] of lists) {
    list.sort((a, b) => a[0] - b[0]);
    lines.set(terms.vocabulary[id]!, postingLine(list, 0));
  }
  return lines;
}

/** Lines cut into shards of about SHARD_BYTES: [first, lines] each. */
function cut(lines: string[]): [number, string[]][] {
  const out: [number, string[]][] = [];
  let shard: string[] = [];
  let bytes = 0;
  let first = 0;
  lines.forEach((line, i) => {
    if (bytes > 0 && bytes + line.length > SHARD_BYTES) {
      out.push([first, shard]);
      shard = [];
      bytes = 0;
      first = i;
    }
    shard.push(line);
    bytes += line.length + 3;
  });
  if (shard.length) out.push([first, shard]);
  return out;
}

/** The base's shard files, each [name, data]. */
function shardData(lines: Map<string, string>, words: string[], chunks: string[], mark: boolean): [string, string[]][] {
  const files: [string, string[]][] = [];
  for (const [first, shard] of cut(words.map((w) => lines.get(w)!))) files.push([`t/w${first}`, shard]);
  for (const [first, shard] of cut(chunks.map((c) => lines.get(CHUNK_MARK + c)!))) files.push([`t/c${first}`, shard]);
  if (mark) files.push(["t/m", [lines.get(CHUNK_MARK)!]]);
  return files;
}

/**
 * The base and its files: from `kept` (the last build's, when its key is this one) or
 * worked out from the journal's postings.
 */
export function searchBase(indexed: IndexedJournal, base: number, key: string, kept: SearchBase | undefined): { info: SearchBase; files: SiteFile[] } {
  let made: [string, string][] | undefined;
  const make = (): [string, string][] => {
    if (made) return made;
    const lines = baseLines(indexed, base);
    const words = [...lines.keys()].filter((t) => t.charCodeAt(0) !== 1).sort(compare);
    const chunks = [...lines.keys()].filter((t) => t.charCodeAt(0) === 1 && t !== CHUNK_MARK).map((t) => t.slice(1)).sort(compare);
    const mark = lines.has(CHUNK_MARK);
    info ??= { key, base, words, chunks, mark, shards: { w: [], c: [], m: "" } };
    made = shardData(lines, words, chunks, mark).map(([stem, data]) => {
      const name = nameOf(stem, data);
      const hash = name.slice(name.lastIndexOf("-") + 1);
      if (!kept) {
        if (stem.startsWith("t/w")) info!.shards.w.push([Number(stem.slice(3)), hash]);
        else if (stem.startsWith("t/c")) info!.shards.c.push([Number(stem.slice(3)), hash]);
        else info!.shards.m = hash;
      }
      return [name, script(name, data)];
    });
    return made;
  };
  let info: SearchBase | undefined = kept && kept.key === key && kept.base === base ? kept : undefined;
  if (!info) {
    kept = undefined;
    make();
    return { info: info!, files: made!.map(([name, text]) => [`search/${name}.js`, () => text, key]) };
  }
  // The shards the kept base names: made only if one is missing or damaged in the site.
  const names = [...info.shards.w.map(([first, hash]) => `t/w${first}-${hash}`), ...info.shards.c.map(([first, hash]) => `t/c${first}-${hash}`), ...(info.shards.m ? [`t/m-${info.shards.m}`] : [])];
  const files: SiteFile[] = names.map((name) => [
    `search/${name}.js`,
    () => {
      const file = make().find(([n]) => n === name);
      if (!file) throw new Error(`the site's search index changed while it was built (${name}); build it again`);
      return file[1];
    },
    key,
  ]);
  return { info, files };
}
