// The CLI's own search engine (src/search) over the index the browser loads
// (store.ts): the same parsing, matching and ranking, so the browser's results and
// scores are `nexus search`'s. A run that needed data not loaded yet says what to
// load; run it again once loaded.
import type { IndexedJournal } from "../../journal/cache.js";
import { boundedDistance } from "../../search/distance.js";
import { SearchIndex, type Hit, type WordMatcher } from "../../search/engine.js";
import { parseSearch, type Query } from "../../search/query.js";
import { normalizeTerm } from "../../search/tokens.js";
import { Missing, type EntryView, type Store } from "./store.js";

export type Outcome =
  | { kind: "wait"; wanted: string[] }
  | { kind: "error"; message: string }
  | { kind: "done"; query: Query; hits: Hit[]; matchers: WordMatcher[]; partial: boolean };

const hasLiteral = (q: Query) => [...q.words, ...q.excluded.flat()].some((w) => w.kind === "literal");

export class BrowserSearch {
  private index: SearchIndex | undefined;

  constructor(readonly store: Store) {}

  private journal(): IndexedJournal {
    const store = this.store;
    const n = store.header.count;
    const contents = { count: n, problems: [], fileCount: n, entryAt: (at: number) => store.entryAt(at), get entries() { return store.entries(); } };
    const terms = { vocabulary: store.vocabulary, lengths: store.lengths, forEachPosting: store.forEachPosting.bind(store) };
    return { contents, terms: () => terms, stats: { reused: n, parsed: 0, written: false } } as unknown as IndexedJournal;
  }

  /** Runs a query (the CLI's syntax) over what is loaded. */
  run(text: string): Outcome {
    let query: Query;
    try {
      query = parseSearch([text]);
    } catch (error) {
      return { kind: "error", message: (error as Error).message };
    }
    if (hasLiteral(query) && !this.store.addChunks()) return { kind: "wait", wanted: [this.store.header.files.chunks] };
    this.index ??= new SearchIndex(this.journal(), (ids, entries) => this.store.places(ids, entries));
    const { wanted } = this.store;
    wanted.clear();
    try {
      const request = this.index.request(query, query.filter);
      let hits = this.index.search(request);
      // As `nexus search` does (commands/search.ts): when no entry has every word, the entries with most of them.
      const partial = hits.length === 0 && request.matchers.length > 1 && this.store.header.count > 0;
      if (partial) hits = this.index.search({ ...request, partial: true });
      if (wanted.size) return { kind: "wait", wanted: [...wanted] };
      return { kind: "done", query, hits, matchers: request.matchers, partial };
    } catch (error) {
      if (error instanceof Missing) return { kind: "wait", wanted: [...wanted] };
      throw error;
    }
  }

  /** The texts the first `limit` hits still need, to be shown. */
  textsFor(hits: readonly Hit[], limit: number): string[] {
    return hits
      .slice(0, limit)
      .map((h) => `x/${(h.entry as unknown as EntryView).doc}`)
      .filter((name) => !this.store.has(name));
  }
}

/**
 * A query with each word that no entry has replaced by the closest word of the
 * journal's titles, topics and tags (one or two typos away); undefined when none is.
 */
export function didYouMean(text: string, matchers: readonly WordMatcher[], words: readonly string[]): string | undefined {
  let changed = false;
  let out = text;
  for (const m of matchers) {
    if (m.ids.size > 0 || m.word.kind !== "term") continue;
    const typed = normalizeTerm(m.word.raw);
    let best: string | undefined;
    let bestD = 3;
    for (const w of words) {
      if (Math.abs(w.length - typed.length) >= bestD) continue;
      const d = boundedDistance(typed, w, bestD - 1);
      if (d < bestD) {
        best = w;
        bestD = d;
      }
    }
    if (best && best !== typed) {
      out = out.replace(m.word.text, best);
      changed = true;
    }
  }
  return changed ? out : undefined;
}
