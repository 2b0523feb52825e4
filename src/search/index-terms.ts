// An entry's terms as the index keeps them: for each term, how often it occurs in
// each field (FIELDS order, at most MAX_REPEAT times), packed into one number. The
// cache stores them by term (postings.ts); an entry parsed in this run keeps them
// as one string of (term id, packed counts) pairs until they are stored.
import type { Entry } from "../domain/entry.js";
import { encodeNumber, forEachNumber } from "./codec.js";
import { FIELDS, MAX_REPEAT } from "./fields.js";
import { chunkCounts, pairCounts, termCounts } from "./tokens.js";

type Indexed = Pick<Entry, "title" | "topic" | "tags" | "challenge" | "solution" | "takeaway" | "notes">;

const RADIX = MAX_REPEAT + 1;
/** RADIX ** field: the place of each field in a packed number. */
const PLACE = FIELDS.map((_, f) => RADIX ** f);

/** How often (0 to MAX_REPEAT) a packed number says its term occurs in field `f`. */
export const countIn = (packed: number, f: number): number => Math.floor(packed / PLACE[f]!) % RADIX;

/** An entry's encoded terms and its length (its terms counted as often as they occur, at most MAX_REPEAT times a field). */
export interface EncodedTerms {
  pairs: string;
  length: number;
}

/** The encoded terms of an entry; `idOf` gives (or makes) a term's id. */
export function encodeEntryTerms(entry: Indexed, idOf: (term: string) => number): EncodedTerms {
  const packed = new Map<number, number>();
  let length = 0;
  FIELDS.forEach((field, f) => {
    const texts = field === "tags" ? entry.tags : [entry[field]];
    for (const [term, count] of termCounts(texts)) {
      const id = idOf(term);
      const c = Math.min(count, MAX_REPEAT);
      packed.set(id, (packed.get(id) ?? 0) + c * PLACE[f]!);
      length += c;
    }
    // Punctuated chunks, for code-like query words, and pairs of CJK characters: not words, so not in the length.
    for (const counts of [chunkCounts(texts), pairCounts(texts)]) {
      for (const [term, count] of counts) {
        const id = idOf(term);
        packed.set(id, (packed.get(id) ?? 0) + Math.min(count, MAX_REPEAT) * PLACE[f]!);
      }
    }
  });
  const out: string[] = [];
  for (const [id, p] of packed) out.push(encodeNumber(id), encodeNumber(p));
  return { pairs: out.join(""), length };
}

/** Calls `visit` with each (term id, packed counts) pair of an entry's encoded terms. */
export function forEachPair(pairs: string, visit: (id: number, packed: number) => void): void {
  const bytes = Buffer.from(pairs, "latin1");
  let id = -1;
  forEachNumber(bytes, 0, bytes.length, (n) => {
    if (id < 0) id = n;
    else {
      visit(id, n);
      id = -1;
    }
  });
}
