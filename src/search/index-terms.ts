// An entry's terms as the index keeps them: for each term, how often it occurs in
// each field (FIELDS order, at most MAX_REPEAT times), packed into one number. The
// entry cache stores them by term (journal/postings.ts) without knowing what they
// mean: it is handed encodeEntryTerms (search/read.ts) to make the terms of each
// entry it parses, as (term id, packed counts) pairs (journal/codec.ts).
import type { Entry } from "../domain/entry.js";
import { encodePairs } from "../journal/codec.js";
import type { EntryTerms } from "../journal/cache.js";
import { FIELDS, MAX_REPEAT } from "./fields.js";
import { chunkCounts, pairCounts, termCounts } from "./tokens.js";

type Indexed = Pick<Entry, "title" | "topic" | "tags" | "challenge" | "solution" | "takeaway" | "notes">;

const RADIX = MAX_REPEAT + 1;
/** RADIX ** field: the place of each field in a packed number. */
const PLACE = FIELDS.map((_, f) => RADIX ** f);

/** How often (0 to MAX_REPEAT) a packed number says its term occurs in field `f`. */
export const countIn = (packed: number, f: number): number => Math.floor(packed / PLACE[f]!) % RADIX;

/** The encoded terms of an entry; `idOf` gives (or makes) a term's id. */
export function encodeEntryTerms(entry: Indexed, idOf: (term: string) => number): EntryTerms {
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
  return { pairs: encodePairs(packed), length };
}
