// The base of the site's search index (search-data.ts): the postings of the entries
// before the last whole block, cut by term into shards. It changes only when a block
// fills up or an older entry changes, so a build keeps what it needs of it (its
// words, chunks and shard names: `SearchBase`) in .nexus/ under a key of what it is
// made from; with the same key, the base is not worked out again (its shards come
// with that key, and are made only when one is missing from the site).
import { forEachBody } from "../journal/bodies.js";
import type { IndexedJournal } from "../journal/cache.js";
import type { LoadedEntry } from "../journal/read.js";
import { fieldText, forEachPlace } from "../search/entry-text.js";
import { CHUNK_MARK, forEachWordTerm } from "../search/tokens.js";
import { keyOf, type SiteFile } from "./output.js";
import { createHash } from "node:crypto";
import { encodeNumber, MAX_DIGITS, writeNumber } from "../journal/codec.js";

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
  /**
   * Its shards: [first, hash] of words and of chunks; the mark's hash (or ""); one hash
   * of all the files of places (a file beside each of words, with its first: a hash each
   * would make search/index.js, which the first query loads, 8 KB larger at 10,000 entries).
   */
  shards: { w: [number, string][]; p: string; c: [number, string][]; m: string };
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

/** A typed array at least `size` long, with the first `used` numbers of `array`. */
function grown(array: Int32Array, used: number, size: number): Int32Array {
  if (size <= array.length) return array;
  const bigger = new Int32Array(Math.max(size, array.length * 2));
  bigger.set(array.subarray(0, used));
  return bigger;
}

/**
 * Each word's places (entry-text.ts) in some entries, oldest first from doc `from`:
 * by term, the (doc, at) of each, in order. In typed arrays: a journal has millions
 * of words.
 */
export class DocPlaces {
  private readonly ids = new Map<string, number>();
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly ats: Int32Array;

  constructor(entries: readonly LoadedEntry[], from: number) {
    let count = 0;
    let terms: Int32Array = new Int32Array(1 << 16);
    let docs: Int32Array = new Int32Array(1 << 16);
    let ats: Int32Array = new Int32Array(1 << 16);
    let doc = from;
    const add = (term: string, at: number) => {
      let id = this.ids.get(term);
      if (id === undefined) this.ids.set(term, (id = this.ids.size));
      if (count === terms.length) {
        terms = grown(terms, count, count + 1);
        docs = grown(docs, count, count + 1);
        ats = grown(ats, count, count + 1);
      }
      terms[count] = id;
      docs[count] = doc;
      ats[count] = at;
      count += 1;
    };
    forEachBody(entries, (entry, body) => {
      forEachPlace((field, visit) => forEachWordTerm(fieldText(entry, () => body, field), visit), add);
      doc += 1;
    });
    // By term, each term's places in the order they came (a counting sort).
    this.start = new Int32Array(this.ids.size + 1);
    for (let i = 0; i < count; i += 1) this.start[terms[i]! + 1]! += 1;
    for (let t = 0; t < this.ids.size; t += 1) this.start[t + 1]! += this.start[t]!;
    const next = this.start.slice(0, this.ids.size);
    this.docs = new Int32Array(count);
    this.ats = new Int32Array(count);
    for (let i = 0; i < count; i += 1) {
      const k = next[terms[i]!]!++;
      this.docs[k] = docs[i]!;
      this.ats[k] = ats[i]!;
    }
  }

  /**
   * A term's places as a line, beside its postings: for each doc of the postings, in
   * order, how many places (0 when the term is only part of joined words there), then
   * each place as the gap from the one before (the first from 0). "" for a term that is
   * no word anywhere (a pair of CJK characters).
   */
  line(term: string, postings: readonly (readonly [doc: number, packed: number])[]): string {
    const id = this.ids.get(term);
    if (id === undefined) return "";
    let i = this.start[id]!;
    const end = this.start[id + 1]!;
    // Written as bytes and made a string once: a string added to number by number is a tree of millions of small strings.
    const size = (postings.length + end - i) * MAX_DIGITS;
    if (this.bytes.length < size) this.bytes = new Uint8Array(size * 2);
    const bytes = this.bytes;
    let length = 0;
    for (const [doc] of postings) {
      const first = i;
      while (i < end && this.docs[i] === doc) i += 1;
      length = writeNumber(bytes, length, i - first);
      let last = 0;
      for (let k = first; k < i; k += 1) {
        length = writeNumber(bytes, length, this.ats[k]! - last);
        last = this.ats[k]!;
      }
    }
    return Buffer.from(bytes.buffer, 0, length).toString("latin1");
  }

  private bytes = new Uint8Array(1 << 16);
}

/** A SearchBase as read back from JSON; undefined when it is not one. */
export function checkBase(value: unknown): SearchBase | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const b = value as Partial<SearchBase>;
  const texts = (v: unknown) => Array.isArray(v) && v.every((t) => typeof t === "string");
  const shards = (v: unknown) => Array.isArray(v) && v.every((s) => Array.isArray(s) && typeof s[0] === "number" && typeof s[1] === "string");
  const ok = typeof b.key === "string" && typeof b.base === "number" && texts(b.words) && texts(b.chunks) && typeof b.mark === "boolean" && typeof b.shards === "object" && b.shards !== null && shards(b.shards.w) && typeof b.shards.p === "string" && shards(b.shards.c) && typeof b.shards.m === "string";
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

/** Each term's postings of the base: (doc, packed counts) pairs, docs in order. */
function baseLists(indexed: IndexedJournal, base: number): Map<string, [number, number][]> {
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
  const byTerm = new Map<string, [number, number][]>();
  for (const [id, list] of lists) byTerm.set(terms.vocabulary[id]!, list.sort((a, b) => a[0] - b[0]));
  return byTerm;
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

/** The base's shard files, each [name, data]: postings of words, their places (the same words a shard), postings of chunks, of the mark. */
function shardData(lines: Map<string, string>, places: Map<string, string>, words: string[], chunks: string[], mark: boolean): [string, string[]][] {
  const files: [string, string[]][] = [];
  for (const [first, shard] of cut(words.map((w) => lines.get(w)!))) {
    files.push([`t/w${first}`, shard]);
    files.push([`t/p${first}`, words.slice(first, first + shard.length).map((w) => places.get(w)!)]);
  }
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
    const { entries } = indexed.contents;
    const at = new DocPlaces(entries.slice(entries.length - base).reverse(), 0);
    const lists = baseLists(indexed, base);
    const lines = new Map<string, string>();
    const places = new Map<string, string>();
    // Each term's lists are let go once written (a large journal's are hundreds of MB).
    for (const [term, list] of lists) {
      lines.set(term, postingLine(list, 0));
      if (term.charCodeAt(0) !== 1) places.set(term, at.line(term, list));
      lists.delete(term);
    }
    const words = [...lines.keys()].filter((t) => t.charCodeAt(0) !== 1).sort(compare);
    const chunks = [...lines.keys()].filter((t) => t.charCodeAt(0) === 1 && t !== CHUNK_MARK).map((t) => t.slice(1)).sort(compare);
    const mark = lines.has(CHUNK_MARK);
    const files = shardData(lines, places, words, chunks, mark);
    const placesName = nameOf("p", files.filter(([stem]) => stem.startsWith("t/p")));
    const placesHash = placesName.slice(placesName.lastIndexOf("-") + 1);
    info ??= { key, base, words, chunks, mark, shards: { w: [], p: placesHash, c: [], m: "" } };
    made = files.map(([stem, data]) => {
      const kind = stem.slice(2, 3) as "w" | "p" | "c" | "m";
      const name = kind === "p" ? `${stem}-${placesHash}` : nameOf(stem, data);
      const hash = name.slice(name.lastIndexOf("-") + 1);
      if (!kept && kind !== "p") {
        if (kind === "m") info!.shards.m = hash;
        else info!.shards[kind].push([Number(stem.slice(3)), hash]);
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
  const { shards } = info;
  // In the order make() gives them (the manifest keeps the order files come in).
  const names = [
    ...shards.w.flatMap(([first, hash]) => [`t/w${first}-${hash}`, `t/p${first}-${shards.p}`]),
    ...shards.c.map(([first, hash]) => `t/c${first}-${hash}`),
    ...(shards.m ? [`t/m-${shards.m}`] : []),
  ];
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
