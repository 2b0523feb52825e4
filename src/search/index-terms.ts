// An entry's terms as stored in the index: for each field (in FIELDS order) the ids
// of its terms, a term repeated as often as it occurs (up to MAX_REPEAT), fields
// separated by a space. A search counts the ids to weigh each field and each term.
import type { Entry } from "../domain/entry.js";
import { FIELDS, MAX_REPEAT } from "./fields.js";
import { encodeIds, termCounts } from "./tokens.js";

type Indexed = Pick<Entry, "title" | "topic" | "tags" | "challenge" | "solution" | "takeaway" | "notes">;

/** The encoded term ids of an entry; `idOf` gives (or makes) a term's id. */
export function encodeEntryTerms(entry: Indexed, idOf: (term: string) => number): string {
  return FIELDS.map((field) => {
    const counts = termCounts(field === "tags" ? entry.tags : [entry[field]]);
    const ids: number[] = [];
    for (const [term, count] of counts) {
      const id = idOf(term);
      for (let k = Math.min(count, MAX_REPEAT); k > 0; k -= 1) ids.push(id);
    }
    return encodeIds(ids);
  }).join(" ");
}
