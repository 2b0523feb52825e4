// The search index as the browser loads it, piece by piece: each file of
// search-data.ts is a script that calls `nexusSearch.put(name, data)`. A search asks
// for what it needs; what is not loaded yet is noted (`wanted`), loaded, and the
// search is run again, until it ran on everything it needed. The journal it gives
// the engine (src/search/engine.ts) has the shape of the CLI's IndexedJournal.
import type { WordPlace } from "../../search/entry-text.js";
import { CHUNK_MARK } from "../../search/tokens.js";
import { decodeNumbers, frontDecode, shardOf } from "../search-format.js";
import { setBodySource, type BodyFields } from "./bodies.js";
import { Facets, FacetView } from "./facets.js";

export interface Header {
  format: number;
  count: number;
  /** Docs below this are in the base's shards; the others in the tail's. */
  base: number;
  lengths: string;
  /** Front-coded (search-format.ts): the base's words, then the tail's. */
  words: string;
  baseWords: number;
  chunks: number;
  baseChunks: number;
  mark: number;
  shards: { w: [number, string][]; p: string; c: [number, string][]; m: string };
  tails: [number, string][];
  /** The tail's places, in files by the same hash of the term. */
  tailPlaces: [number, string][];
  files: { chunks: string; spelling: string; dates: string; topics: string; tags: string };
}

export interface Text {
  title: string;
  topic: string;
  tags: string[];
  date: string;
  page: string;
  description: string;
  challenge: string;
  solution: string;
  takeaway: string;
  notes: string;
}

/** About what the text of an entry (search/x/) costs to load, in bytes of postings: a file of places is worth loading when it costs less than the texts it saves. */
const TEXT_BYTES = 1200;
/** How many results the search box shows (with their texts). */
const SHOWN = 10;

/** Thrown when a search needs data not loaded yet: load `store.wanted`, then search again. */
export class Missing extends Error {}



/** The shard of a sorted list of [first, hash] that holds `index`. */
function shardIn(shards: readonly [number, string][], index: number): [number, string] | undefined {
  let lo = 0;
  let hi = shards.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (shards[mid]![0] <= index) lo = mid;
    else hi = mid - 1;
  }
  return shards[lo];
}

export class Store {
  readonly data = new Map<string, unknown>();
  /** Names of files a search needed and did not have. */
  readonly wanted = new Set<string>();
  header!: Header;
  vocabulary: string[] = [];
  lengths = new Uint32Array(0);
  /** How many words the vocabulary starts with (the chunks and the mark follow them once loaded). */
  private words = 0;
  private chunksAdded = false;
  private facets: Facets | undefined;
  private entriesList: FacetView[] | undefined;

  constructor() {
    setBodySource((file) => this.body(file));
  }

  has(name: string): boolean {
    return this.data.has(name);
  }

  /** Set when a file of places of words could not be loaded (missing or cut short): the engine reads texts instead. */
  placesOff = false;

  /** Whether a file is one of places of words (the base's t/p..., the tail's t/q...). */
  isPlaces(name: string): boolean {
    return /^t\/[pq]\d/.test(name);
  }

  /** Takes the header in: the vocabulary and each entry's length in the journal's order. */
  open(header: Header): void {
    this.header = header;
    this.vocabulary = frontDecode(header.words);
    this.words = this.vocabulary.length;
    const n = header.count;
    this.lengths = new Uint32Array(n);
    let doc = 0;
    decodeNumbers(header.lengths, (length) => (this.lengths[n - 1 - doc++] = length));
  }

  /** Adds the punctuated chunks to the vocabulary, once loaded (needed before a code-like word is matched). */
  addChunks(): boolean {
    if (this.chunksAdded) return true;
    const chunks = this.data.get(this.header.files.chunks) as string[] | undefined;
    if (!chunks) return false;
    for (const c of chunks) this.vocabulary.push(CHUNK_MARK + c);
    if (this.header.mark) this.vocabulary.push(CHUNK_MARK);
    this.chunksAdded = true;
    return true;
  }

  /** Where the base has a term's postings (by its id in the browser's order): the shard and the line in it. */
  private baseShard(id: number): [string, number] | undefined {
    const h = this.header;
    const at = (shards: [number, string][], kind: string, index: number): [string, number] => {
      const [first, hash] = shardIn(shards, index)!;
      return [`t/${kind}${first}-${hash}`, index - first];
    };
    if (id < this.words) return id < h.baseWords ? at(h.shards.w, "w", id) : undefined;
    const chunk = id - this.words;
    if (chunk < h.chunks) return chunk < h.baseChunks ? at(h.shards.c, "c", chunk) : undefined;
    return h.shards.m ? [`t/m-${h.shards.m}`, 0] : undefined;
  }

  /** The tail's file of a term's postings, or of its places. */
  private tailShard(id: number, places = false): string | undefined {
    const k = shardOf(this.vocabulary[id]!);
    const found = (places ? this.header.tailPlaces : this.header.tails).find((t) => t[0] === k);
    return found && `t/${places ? "q" : "r"}${k}-${found[1]}`;
  }

  /** Each term's tail postings (or places) by id, from the tail files loaded. */
  private tailLines = new Map<string, Map<number, string>>();

  private tailLine(name: string, id: number): string | undefined {
    let lines = this.tailLines.get(name);
    if (!lines) {
      const flat = this.data.get(name) as (number | string)[];
      lines = new Map();
      for (let i = 0; i < flat.length; i += 2) lines.set(flat[i] as number, flat[i + 1] as string);
      this.tailLines.set(name, lines);
    }
    return lines.get(id);
  }

  /** The base's file of places beside a word's postings shard (the same first word). */
  private placesShard(postings: string): string | undefined {
    return postings.startsWith("t/w") ? `t/p${postings.slice(3, postings.indexOf("-"))}-${this.header.shards.p}` : undefined;
  }

  /** The postings of terms, as the engine asks for them; Missing when a shard is not loaded yet. */
  forEachPosting(ids: Iterable<number>, visit: (entry: number, id: number, packed: number) => void): void {
    const list = [...ids];
    const files = list.map((id) => [this.baseShard(id), this.tailShard(id)] as const);
    for (const [inBase, tail] of files) {
      if (inBase && !this.data.has(inBase[0])) this.wanted.add(inBase[0]);
      if (tail && !this.data.has(tail)) this.wanted.add(tail);
    }
    if (this.wanted.size) throw new Missing();
    const n = this.header.count;
    const visitLine = (id: number, line: string | undefined, from: number) => {
      if (line === undefined) return;
      let doc = from;
      let half = false;
      decodeNumbers(line, (x) => {
        if (!half) doc += x;
        else visit(n - 1 - doc, id, x);
        half = !half;
      });
    };
    list.forEach((id, i) => {
      const [inBase, tail] = files[i]!;
      if (inBase) visitLine(id, (this.data.get(inBase[0]) as string[])[inBase[1]], 0);
      if (tail) visitLine(id, this.tailLine(tail, id), this.header.base);
    });
  }

  /**
   * Where the words of terms stand in some entries (places in the journal's order),
   * from the files of places beside the postings (search-base.ts); undefined when
   * those files would cost more to load than the entries' texts (the engine reads
   * the texts then). Missing when a file is not loaded yet.
   */
  places(ids: readonly number[], entries: readonly number[]): Map<number, WordPlace[]> | undefined {
    // An index.js of a build before places (kept by a cache beside this build's script): the texts then.
    if (this.placesOff || typeof this.header.shards.p !== "string" || !Array.isArray(this.header.tailPlaces)) return undefined;
    const n = this.header.count;
    const docs = new Set(entries.map((at) => n - 1 - at));
    const lines: [id: number, postings: string, places: string | undefined, from: number][] = [];
    const toLoad = new Map<string, number>();
    for (const id of ids) {
      const inBase = this.baseShard(id);
      const tail = this.tailShard(id);
      if (inBase) {
        const file = this.placesShard(inBase[0]);
        const postings = (this.data.get(inBase[0]) as string[] | undefined)?.[inBase[1]];
        if (file === undefined || postings === undefined) return undefined;
        const places = this.data.get(file) as string[] | undefined;
        // What a file of places costs, about: as much as the postings of its words.
        if (!places) toLoad.set(file, (this.data.get(inBase[0]) as string[]).reduce((sum, line) => sum + line.length, 0));
        lines.push([id, postings, places?.[inBase[1]], 0]);
      }
      const postings = tail ? this.tailLine(tail, id) : undefined;
      const file = this.tailShard(id, true);
      if (postings !== undefined && file) {
        const places = this.data.get(file) as string[] | undefined;
        if (!places) toLoad.set(file, postings.length);
        lines.push([id, postings, places && this.tailLine(file, id), this.header.base]);
      }
    }
    // The texts of the results shown are loaded anyway.
    const textsToLoad = Math.max(0, [...docs].filter((doc) => !this.data.has(`x/${doc}`)).length - SHOWN);
    if ([...toLoad.values()].reduce((a, b) => a + b, 0) > textsToLoad * TEXT_BYTES) return undefined;
    if (toLoad.size) {
      for (const file of toLoad.keys()) this.wanted.add(file);
      throw new Missing();
    }
    const found = new Map<number, WordPlace[]>();
    for (const [id, postings, places, from] of lines) if (places) this.placesOfLine(this.vocabulary[id]!, postings, places, from, docs, found);
    for (const list of found.values()) list.sort((a, b) => a.at - b.at);
    return new Map([...found].map(([doc, list]) => [n - 1 - doc, list]));
  }

  /** Adds the places of one term's line (beside its postings line) in `docs` to `found`. */
  private placesOfLine(term: string, postings: string, places: string, from: number, docs: ReadonlySet<number>, found: Map<number, WordPlace[]>): void {
    const list: number[] = [];
    let doc = from;
    let half = false;
    decodeNumbers(postings, (x) => {
      if (!half) list.push((doc += x));
      half = !half;
    });
    let k = 0;
    let left = -1;
    let at = 0;
    decodeNumbers(places, (x) => {
      if (left < 0) {
        left = x;
        at = 0;
      } else {
        at += x;
        left -= 1;
        const d = list[k]!;
        if (docs.has(d)) {
          const got = found.get(d);
          if (got) got.push({ term, at });
          else found.set(d, [{ term, at }]);
        }
      }
      if (left === 0) {
        k += 1;
        left = -1;
      }
    });
  }

  text(doc: number): Text | undefined {
    const text = this.data.get(`x/${doc}`) as Text | undefined;
    if (!text) this.wanted.add(`x/${doc}`);
    return text;
  }

  private body(file: string): BodyFields | undefined {
    const text = this.text(Number(file.slice(4)));
    return text && { challenge: text.challenge, solution: text.solution, takeaway: text.takeaway, notes: text.notes, body: "" };
  }

  /** The entry at a place of the journal's order, its fields read from its text when asked for. */
  entryAt(at: number): EntryView {
    return new EntryView(this, this.header.count - 1 - at);
  }

  /** Every entry's filterable fields in the journal's order, each facet file loaded when a filter first asks for it. */
  entries(): FacetView[] {
    const n = this.header.count;
    this.facets ??= new Facets(this.header.files, (name) => {
      const data = this.data.get(name);
      if (data === undefined) {
        this.wanted.add(name);
        throw new Missing();
      }
      return data;
    });
    const facets = this.facets;
    return (this.entriesList ??= Array.from({ length: n }, (_, at) => new FacetView(facets, n - 1 - at)));
  }
}

/** An entry as search sees one (LoadedEntry's fields), read from its text when loaded. */
export class EntryView {
  constructor(
    private readonly store: Store,
    readonly doc: number,
  ) {}

  private get t(): Text {
    return this.store.text(this.doc) ?? { title: "", topic: "", tags: [], date: "", page: "", description: "", challenge: "", solution: "", takeaway: "", notes: "" };
  }
  get file(): string {
    return `doc:${this.doc}`;
  }
  get path(): string {
    return this.t.page;
  }
  get title(): string {
    return this.t.title;
  }
  get topic(): string {
    return this.t.topic;
  }
  get tags(): string[] {
    return this.t.tags;
  }
  get date(): string {
    return this.t.date;
  }
  get challenge(): string {
    return this.t.challenge;
  }
  get solution(): string {
    return this.t.solution;
  }
  get takeaway(): string {
    return this.t.takeaway;
  }
  get notes(): string {
    return this.t.notes;
  }
  get description(): string {
    return this.t.description;
  }
  get featured(): boolean {
    return false;
  }
  get body(): string {
    return "";
  }
}
