// The search index of a read through the entry cache: the terms of each entry, where
// they are (the stored index, posting runs set aside while the cache was written, or
// worked out by this read), and the postings a search asks for by place in
// contents.entries.
import { forEachPair } from "../search/index-terms.js";
import { forEachPosting } from "../search/postings.js";
import type { StoredTerms } from "./cache-file.js";
import type { Int32Column } from "./contents.js";

/** The search index of the journal. */
export interface JournalTerms {
  /** Every term, by id. Some may no longer be used by any entry. */
  vocabulary: string[];
  /** For each of `contents.entries` (same order), how many terms it has (as often as they occur, at most MAX_REPEAT times a field). */
  lengths: Uint32Array;
  /** Calls `visit` with each entry (its place in `contents.entries`) that has one of the terms, and how often it has it in each field (packed, see index-terms.ts). */
  forEachPosting: (ids: Iterable<number>, visit: (entry: number, id: number, packed: number) => void) => void;
}

/**
 * Where an entry's terms are: in the stored index (under its record number there), set aside
 * in postings runs while the cache is written (-1 - its new record number), or given as (id, packed) pairs.
 */
export type TermSource = number | string;
export const inStored = (source: TermSource): boolean => typeof source === "number" && source >= 0;
/** Whether an entry's terms are set aside in posting runs. */
export const inRuns = (source: TermSource): boolean => typeof source === "number" && source < 0;

/** What a read knows of its entries' terms, for journalTerms. */
export interface TermsOfRead {
  /** The places of the read's entries (as `sources` numbers them) in the order of contents.entries. */
  order: ArrayLike<number> & Iterable<number>;
  /** Where each entry's terms are, and how many it has. */
  sources: TermSource[];
  lengths: Int32Column;
  vocabulary: () => string[];
  /** The stored index; undefined when it is damaged (every entry's terms are then elsewhere). */
  stored: () => StoredTerms | undefined;
  /** How many records the stored index numbers. */
  recordCount: () => number;
  /** Whether every posting of the stored index that is still used (of `ids`, or of all) can be read. */
  storedReadable: (ids?: Iterable<number>) => boolean;
  /** Works the terms of the reused entries out again from their files (the stored index is damaged), and writes the cache again. */
  repair: () => void;
}

/** The search index of a read. */
export function journalTerms(read: TermsOfRead): JournalTerms {
  // A damaged vocabulary: the reused entries' terms are worked out before a search takes ids from it.
  if (!read.storedReadable([])) read.repair();
  const { order, sources } = read;
  const positionOf = new Int32Array(sources.length);
  for (let p = 0; p < order.length; p++) positionOf[order[p]!] = p;
  // Old record number → place in contents.entries, for the records in use: worked out
  // once for each stored index (the interactive search asks at each key).
  let places: Int32Array | undefined;
  let placesOf: StoredTerms | undefined;
  const placesFor = (stored: StoredTerms): Int32Array => {
    if (places && placesOf === stored) return places;
    const made = new Int32Array(read.recordCount()).fill(-1);
    // Loops by index: an iterator or a callback for each of 100,000 entries makes garbage when it is not optimized.
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      if (inStored(source)) made[source as number] = positionOf[i]!;
    }
    placesOf = stored;
    return (places = made);
  };
  const lengths = new Uint32Array(order.length);
  for (let p = 0; p < order.length; p++) lengths[p] = read.lengths.at(order[p]!);
  return {
    vocabulary: read.vocabulary(),
    lengths,
    forEachPosting: (ids, visit) => {
      const wanted = [...ids];
      if (!read.storedReadable(wanted)) read.repair();
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
