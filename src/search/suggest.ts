// "Did you mean ...": when nothing matches, fuse.js looks for the words as typed
// among the journal's topics, tags and titles, which are short enough for its
// fuzzy matching to be fast and tolerant of bigger slips than the search allows.
import Fuse from "fuse.js";
import { inertLine } from "../domain/sanitize.js";
import type { LoadedEntry } from "../journal/read.js";

interface Candidate {
  text: string;
  kind: "topic" | "tag" | "title";
}

/** Up to `max` topics, tags or titles close to the query, closest first. */
export function suggestions(entries: LoadedEntry[], words: string[], max = 3): string[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const add = (text: string, kind: Candidate["kind"]) => {
    const key = text.toLowerCase();
    if (!text || seen.has(key)) return;
    seen.add(key);
    candidates.push({ text, kind });
  };
  for (const e of entries) add(e.topic, "topic");
  for (const e of entries) for (const t of e.tags) add(t, "tag");
  for (const e of entries) add(e.title, "title");
  const fuse = new Fuse(candidates, { keys: ["text"], includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 2 });
  const scored = new Map<string, number>();
  const queries = words.length > 1 ? [words.join(" "), ...words] : words;
  for (const query of queries) {
    if (query.length < 3) continue;
    for (const result of fuse.search(query.slice(0, 64), { limit: max })) {
      // Topics and tags are what people mean more often than a whole title.
      const score = (result.score ?? 1) + (result.item.kind === "title" ? 0.05 : 0);
      const text = result.item.kind === "tag" ? `#${result.item.text}` : result.item.text;
      if (score < (scored.get(text) ?? Infinity)) scored.set(text, score);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([text]) => inertLine(text));
}
