// The search index as the browser loads it, piece by piece: each file of
// search-data.ts is a script that calls `nexusSearch.put(name, data)`. A search asks
// for what it needs; what is not loaded yet is noted (`wanted`), loaded, and the
// search is run again, until it ran on everything it needed. The journal it gives
// the engine (src/search/engine.ts) has the shape of the CLI's IndexedJournal.
import { forEachNumber } from "../../journal/codec.js";
import { CHUNK_MARK } from "../../search/tokens.js";
import { setBodySource, type BodyFields } from "./bodies.js";

export interface Header {
  format: number;
  count: number;
  lengths: string;
  words: string[];
  chunks: number;
  mark: number;
  shards: [number, string][];
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

export interface Facets {
  dates: string[];
  topic: number[];
  tag: number[][];
  featured: number[];
  topics: string[];
  tags: string[];
}

/** Thrown when a search needs data not loaded yet: load `store.wanted`, then search again. */
export class Missing extends Error {}

const decodeNumbers = (text: string, visit: (n: number) => void) => {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  forEachNumber(bytes, 0, bytes.length, visit);
};

export class Store {
  readonly data = new Map<string, unknown>();
  /** Names of files a search needed and did not have. */
  readonly wanted = new Set<string>();
  header!: Header;
  vocabulary: string[] = [];
  lengths = new Uint32Array(0);
  private chunksAdded = false;
  private entriesList: { topic: string; tags: string[]; date: string; featured: boolean }[] | undefined;

  constructor() {
    setBodySource((file) => this.body(file));
  }

  has(name: string): boolean {
    return this.data.has(name);
  }

  /** Takes the header in: the vocabulary and each entry's length in the journal's order. */
  open(header: Header): void {
    this.header = header;
    this.vocabulary = header.words.slice();
    const n = header.count;
    this.lengths = new Uint32Array(n);
    let doc = 0;
    decodeNumbers(header.lengths, (length) => (this.lengths[n - 1 - doc++] = length));
  }

  /** Adds the punctuated chunks to the vocabulary, once loaded (needed before a code-like word is matched). */
  addChunks(): boolean {
    if (this.chunksAdded) return true;
    const chunks = this.data.get("chunks") as string[] | undefined;
    if (!chunks) return false;
    for (const c of chunks) this.vocabulary.push(CHUNK_MARK + c);
    if (this.header.mark) this.vocabulary.push(CHUNK_MARK);
    this.chunksAdded = true;
    return true;
  }

  private shardOf(id: number): number {
    const shards = this.header.shards;
    let lo = 0;
    let hi = shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (shards[mid]![0] <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The postings of terms, as the engine asks for them; Missing when a shard is not loaded yet. */
  forEachPosting(ids: Iterable<number>, visit: (entry: number, id: number, packed: number) => void): void {
    const list = [...ids];
    for (const id of list) {
      const [first, hash] = this.header.shards[this.shardOf(id)]!;
      const name = `t/${first}-${hash}`;
      if (!this.data.has(name)) this.wanted.add(name);
    }
    if (this.wanted.size) throw new Missing();
    const n = this.header.count;
    for (const id of list) {
      const [first, hash] = this.header.shards[this.shardOf(id)]!;
      const line = (this.data.get(`t/${first}-${hash}`) as string[])[id - first];
      if (line === undefined) continue;
      let doc = 0;
      let half = false;
      decodeNumbers(line, (x) => {
        if (!half) doc += x;
        else visit(n - 1 - doc, id, x);
        half = !half;
      });
    }
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

  /** Every entry's filterable fields (the facets file), in the journal's order. */
  entries(): { topic: string; tags: string[]; date: string; featured: boolean }[] {
    if (this.entriesList) return this.entriesList;
    const f = this.data.get("facets") as Facets | undefined;
    if (!f) {
      this.wanted.add("facets");
      throw new Missing();
    }
    const n = this.header.count;
    const list = [];
    for (let at = 0; at < n; at += 1) {
      const doc = n - 1 - at;
      list.push({ topic: f.topics[f.topic[doc]!]!, tags: f.tag[doc]!.map((t) => f.tags[t]!), date: f.dates[doc]!, featured: f.featured[doc] === 1 });
    }
    return (this.entriesList = list);
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
