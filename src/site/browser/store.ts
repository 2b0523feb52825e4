// The search index as the browser loads it, piece by piece: each file of
// search-data.ts is a script that calls `nexusSearch.put(name, data)`. A search asks
// for what it needs; what is not loaded yet is noted (`wanted`), loaded, and the
// search is run again, until it ran on everything it needed. The journal it gives
// the engine (src/search/engine.ts) has the shape of the CLI's IndexedJournal.
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
  shards: { w: [number, string][]; c: [number, string][]; m: string };
  tails: [number, string][];
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

  private tailShard(id: number): string | undefined {
    const k = shardOf(this.vocabulary[id]!);
    const found = this.header.tails.find((t) => t[0] === k);
    return found && `t/r${k}-${found[1]}`;
  }

  /** Each term's tail postings by id, from the tail files loaded. */
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
