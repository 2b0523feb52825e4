// The search index of a read through the entry cache (step 5 of cache.ts): the terms of
// each entry, where they are (the stored index, posting runs set aside while the cache
// was written, or made by this read), and the postings a search asks for by place in
// contents.entries. What a term is and what its packed counts say is not known here:
// the read is handed a TermMaker (search/read.ts).
import type { Entry } from "../domain/entry.js";
import type { CacheFile, StoredTerms } from "./cache-file.js";
import { forEachPair } from "./codec.js";
import { Int32Column } from "./contents.js";
import type { PostingsReader } from "./postings.js";
import { forEachPosting } from "./postings.js";

/** An entry's terms: (term id, packed counts) pairs (codec.ts encodePairs), and its length (for ranking). */
export interface EntryTerms {
  pairs: string;
  length: number;
}

/** Makes an entry's terms; `idOf` gives (or makes) a term's id. */
export type TermMaker = (entry: Entry, idOf: (term: string) => number) => EntryTerms;

/** The search index of the journal. */
export interface JournalTerms {
  /** Every term, by id. Some may no longer be used by any entry. */
  vocabulary: string[];
  /** For each of `contents.entries` (same order), how many terms it has (as the TermMaker counted them). */
  lengths: Uint32Array;
  /** Calls `visit` with each entry (its place in `contents.entries`) that has one of the terms, and its packed counts for the term. */
  forEachPosting: (ids: Iterable<number>, visit: (entry: number, id: number, packed: number) => void) => void;
}

/**
 * Where an entry's terms are: in the stored index (under its record number there), set aside
 * in postings runs while the cache is written (-1 - its new record number), given as (id, packed)
 * pairs, or not made yet (null: an entry not cached, read by a read that may never search; they
 * are made from its file when the index is first asked for).
 */
export type TermSource = number | string | null;
/** Whether an entry's terms are not made yet. */
export const notMade = (source: TermSource): boolean => source === null;
export const inStored = (source: TermSource): boolean => typeof source === "number" && source >= 0;
/** Whether an entry's terms are set aside in posting runs. */
export const inRuns = (source: TermSource): boolean => typeof source === "number" && source < 0;

/** A string of its own: a value parsed from an entry may be a slice that keeps the whole text of the file alive. */
export const own = (value: string): string => (value.length >= 13 ? Buffer.from(value).toString() : value);

/** What a read knows of its entries' terms. */
export class TermsOfRead {
  /** Where each entry's terms are, by its place in the read's entries. */
  readonly sources: TermSource[] = [];
  /** How many terms each entry has, by its place. */
  readonly lengths: Int32Column;
  /** How many records the stored index numbers (the cache read, or the one written). */
  recordCount: number;
  /** The stored index, read when first needed (null: not yet); undefined when it is damaged. */
  private storedTerms: StoredTerms | undefined | null = null;
  /** The vocabulary, read only when a term id is needed (a search, or a new file), and the id of each term. */
  private words: string[] | undefined;
  private ids: Map<string, number> | undefined;

  constructor(
    private readonly cached: CacheFile | undefined,
    private readonly makeTerms: TermMaker,
    /** The read's entry at a place, to make its terms again from its file. */
    private readonly entryAt: (place: number) => Entry,
    recordCount: number,
    expected: number,
  ) {
    this.recordCount = recordCount;
    this.lengths = new Int32Column(expected);
  }

  /** The stored search index; undefined when it is damaged (every entry's terms are then elsewhere). */
  stored(): StoredTerms | undefined {
    if (this.storedTerms === null) this.storedTerms = this.cached?.terms();
    return this.storedTerms;
  }

  vocabulary(): string[] {
    return (this.words ??= [...(this.stored()?.vocabulary ?? [])]);
  }

  /** A term's id, a new one for a term the vocabulary does not have. */
  readonly idOf = (term: string): number => {
    const words = this.vocabulary();
    this.ids ??= new Map(words.map((t, i) => [t, i]));
    let id = this.ids.get(term);
    if (id === undefined) {
      id = words.length;
      const copy = own(term);
      words.push(copy);
      this.ids.set(copy, id);
    }
    return id;
  };

  /** An entry's terms, with ids of this read's vocabulary. */
  make(entry: Entry): EntryTerms {
    return this.makeTerms(entry, this.idOf);
  }

  /** The next entry's terms: where they are and how many. */
  add(source: TermSource, length: number): void {
    this.sources.push(source);
    this.lengths.push(length);
  }

  /** Whether every posting of the stored index that is still used (of `ids`, or of all) can be read. */
  storedReadable(ids?: Iterable<number>): boolean {
    const s = this.stored();
    if (!s) return !this.sources.some(inStored);
    return s.postings.readable(ids ?? s.vocabulary.keys());
  }

  /** Makes again, from their files, the terms of the entries whose source `which` picks (and the length of those not made yet). */
  makeAgain(which: (source: TermSource) => boolean): void {
    this.sources.forEach((source, i) => {
      if (!which(source)) return;
      const terms = this.make(this.entryAt(i));
      this.sources[i] = terms.pairs;
      if (source === null) this.lengths.set(i, terms.length);
    });
  }

  /**
   * Makes the terms of the reused entries again, from their files: the stored
   * postings are damaged. The vocabulary (whole, or empty when it was damaged too)
   * keeps its ids, which a search may hold already.
   */
  recomputeStored(): void {
    this.vocabulary();
    this.storedTerms = undefined;
    this.makeAgain(inStored);
  }

  /** The cache was just written with `reader` its postings: every kept entry's terms are there, under its new record number. */
  nowStoredIn(reader: PostingsReader, keepEntries: Int32Column): void {
    keepEntries.forEach((entry, k) => entry >= 0 && (this.sources[entry] = k));
    this.storedTerms = { vocabulary: this.vocabulary(), postings: reader };
    this.recordCount = keepEntries.length;
  }
}

/** The search index of a read, entries in `order`; `repair` makes the damaged stored terms again and writes the cache. */
export function journalTerms(read: TermsOfRead, order: ArrayLike<number>, repair: () => void): JournalTerms {
  // A damaged vocabulary: the reused entries' terms are made before a search takes ids from it.
  if (!read.storedReadable([])) repair();
  if (read.sources.some(notMade)) read.makeAgain(notMade);
  const { sources } = read;
  const positionOf = new Int32Array(sources.length);
  for (let p = 0; p < order.length; p++) positionOf[order[p]!] = p;
  const placesFor = placesOfRecords(read, positionOf);
  const lengths = new Uint32Array(order.length);
  for (let p = 0; p < order.length; p++) lengths[p] = read.lengths.at(order[p]!);
  return {
    vocabulary: read.vocabulary(),
    lengths,
    forEachPosting: (ids, visit) => {
      const wanted = [...ids];
      if (!read.storedReadable(wanted)) repair();
      const stored = read.stored();
      if (stored) {
        const at = placesFor(stored);
        for (const id of wanted) {
          const line = stored.postings.line(id);
          if (line) forEachPosting(line, (record, packed) => record < at.length && at[record]! >= 0 && visit(at[record]!, id, packed));
        }
      }
      const want = new Uint8Array(read.vocabulary().length);
      for (const id of wanted) if (id >= 0 && id < want.length) want[id] = 1;
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i]!;
        if (typeof source === "string") forEachPair(source, (id, packed) => want[id] === 1 && visit(positionOf[i]!, id, packed));
      }
    },
  };
}

/**
 * Record number of a stored index → place in contents.entries, for the records in use:
 * worked out once for each stored index (the interactive search asks at each key).
 */
function placesOfRecords(read: TermsOfRead, positionOf: Int32Array): (stored: StoredTerms) => Int32Array {
  let places: Int32Array | undefined;
  let placesOf: StoredTerms | undefined;
  return (stored) => {
    if (places && placesOf === stored) return places;
    const made = new Int32Array(read.recordCount).fill(-1);
    const { sources } = read;
    // Loops by index: an iterator or a callback for each of 100,000 entries makes garbage when it is not optimized.
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      if (inStored(source)) made[source as number] = positionOf[i]!;
    }
    placesOf = stored;
    return (places = made);
  };
}
