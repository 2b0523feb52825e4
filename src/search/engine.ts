// Finds and ranks entries for a query. Each word is first matched against the
// journal's vocabulary (exact, prefix, or within one or two typos), which gives
// the set of terms that count as that word; entries are then narrowed by their
// term ids from the cache, and only the survivors are scored. Long fields are
// never fuzzy-scanned as text, which keeps a search over 100,000 entries fast.
import type { IndexedJournal } from "../journal/cache.js";
import { readBodyFields } from "../journal/cache.js";
import { filterEntries, type EntryFilter } from "../journal/filter.js";
import type { LoadedEntry } from "../journal/read.js";
import { boundedDistance } from "./distance.js";
import type { QueryWord } from "./query.js";
import { BASE, DIGIT, tokensAt } from "./tokens.js";

export const FIELDS = ["title", "topic", "tags", "challenge", "solution", "takeaway", "notes"] as const;
export type Field = (typeof FIELDS)[number];
export const BODY_FIELDS = ["challenge", "solution", "takeaway", "notes"] as const;

/**
 * What a match costs; a result's score is the mean over its words, from 0 (every
 * word exact in the title, topic or a tag) to 1 (every word a typo found only in
 * the body). Lower is better, as in fuse.js.
 */
export const COST = {
  exact: 0,
  prefix: 0.1,
  oneTypo: 0.2,
  twoTypos: 0.3,
  /** Added to a typo match when the word as typed is itself a word of the journal. */
  typoOfKnownWord: 0.4,
  /** Added when the word is found only in challenge, solution, takeaway or notes. */
  body: 0.3,
} as const;
const NO_MATCH = 9;

/** How one query word is recognised in text. */
export interface WordMatcher {
  word: QueryWord;
  /** For a term word: each term of the journal that counts as the word, with its cost. */
  terms: Map<string, number>;
  /** The same terms by id. */
  ids: Map<number, number>;
  /** For a literal word: the text, any case. */
  pattern: RegExp | undefined;
}

export interface Hit {
  entry: LoadedEntry;
  score: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How many typos a word of this length may have. */
export function typosAllowed(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

export class SearchIndex {
  private readonly vocabulary: string[];
  private readonly entryTerms: Uint8Array[];

  constructor(readonly journal: IndexedJournal) {
    ({ vocabulary: this.vocabulary, entryTerms: this.entryTerms } = journal.terms());
  }

  /** A term's id; a scan, cheaper than building a Map of the whole vocabulary for a few look-ups. */
  private idOf(term: string): number | undefined {
    const id = this.vocabulary.indexOf(term);
    return id < 0 ? undefined : id;
  }

  /** The terms of the journal that count as the word. */
  matcher(word: QueryWord): WordMatcher {
    const terms = new Map<string, number>();
    const ids = new Map<number, number>();
    if (word.kind === "literal") {
      return { word, terms, ids, pattern: new RegExp(escapeRegExp(word.literal), "giu") };
    }
    const w = word.term;
    const known = this.idOf(w) !== undefined;
    const prefix = w.length >= 3;
    // Short words that the journal has (whole or as the start of a word) are not
    // widened by typos: `csrf` and `etag` find csrf and ETags, not every
    // four-letter word one letter away.
    const typos = w.length <= 5 && (known || (prefix && this.vocabulary.some((t) => t.startsWith(w)))) ? 0 : typosAllowed(w.length);
    const vocabulary = this.vocabulary;
    for (let id = 0; id < vocabulary.length; id += 1) {
      const t = vocabulary[id]!;
      let cost: number | undefined;
      if (t === w) cost = COST.exact;
      else if (prefix && t.startsWith(w)) cost = COST.prefix;
      else if (typos > 0 && Math.abs(t.length - w.length) <= typos && t.length >= 3) {
        const d = boundedDistance(w, t, typos);
        if (d <= typos) cost = (d === 1 ? COST.oneTypo : COST.twoTypos) + (known ? COST.typoOfKnownWord : 0);
      }
      if (cost === undefined) continue;
      terms.set(t, cost);
      ids.set(id, cost);
    }
    return { word, terms, ids, pattern: undefined };
  }

  /** Every entry matching all words (and the filter), best first. */
  search(matchers: WordMatcher[], filter: EntryFilter = {}): Hit[] {
    const { entries } = this.journal.contents;
    const entryTerms = this.entryTerms;
    const n = this.vocabulary.length;
    const kept = filter.topic !== undefined || filter.tags?.length || filter.since || filter.until ? new Set(filterEntries(entries, filter)) : undefined;

    // One bit per requirement: each term word (at most MAX_WORDS), then as many
    // letter-and-digit parts of literal words as bits remain (the literal text is
    // checked anyway; its parts only narrow the entries to check).
    const mask = new Uint32Array(n);
    const costs: (Float32Array | undefined)[] = matchers.map(() => undefined);
    const wordBits = matchers.map(() => 0);
    let full = 0;
    let bit = 0;
    for (const [w, m] of matchers.entries()) {
      if (m.word.kind !== "term") continue;
      if (m.terms.size === 0) return [];
      const cost = new Float32Array(n).fill(NO_MATCH);
      for (const [id, c] of m.ids) {
        cost[id] = c;
        mask[id]! |= 1 << bit;
      }
      costs[w] = cost;
      wordBits[w] = 1 << bit;
      full |= 1 << bit;
      bit += 1;
    }
    for (const m of matchers) {
      if (m.word.kind !== "literal") continue;
      for (const part of m.word.parts) {
        const id = this.idOf(part);
        if (id === undefined) return [];
        if (bit >= 31) continue;
        mask[id]! |= 1 << bit;
        full |= 1 << bit;
        bit += 1;
      }
    }

    const hits: (Hit & { at: number })[] = [];
    const best = new Float32Array(matchers.length);
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i]!;
      if (kept && !kept.has(entry)) continue;
      const encoded = entryTerms[i]!;
      // One pass over the entry's term ids: which requirements it meets, and the
      // cheapest match of each term word (ids before the space are the title,
      // topic and tags; after it, the body).
      best.fill(NO_MATCH);
      let seen = 0;
      let extra = 0;
      for (let k = 0, v = 0; k < encoded.length; k += 1) {
        const d = DIGIT[encoded[k]!]!;
        if (d < 0) {
          extra = COST.body;
          v = 0;
        } else if (d >= BASE) v = v * BASE + d - BASE;
        else {
          const id = v * BASE + d;
          v = 0;
          const bits = mask[id] ?? 0;
          if (bits === 0) continue;
          seen |= bits;
          for (let w = 0; w < matchers.length; w += 1) {
            if ((bits & wordBits[w]!) === 0) continue;
            const c = costs[w]![id]! + extra;
            if (c < best[w]!) best[w] = c;
          }
        }
      }
      if ((seen & full) !== full) continue;
      const score = this.score(entry, matchers, best);
      if (score !== undefined) hits.push({ entry, score, at: i });
    }
    // Entries come newest first, so among equal scores their position is the order.
    hits.sort((a, b) => a.score - b.score || a.at - b.at);
    return hits.map(({ entry, score }) => ({ entry, score }));
  }

  /** The mean cost of the words; literal words are checked in the text here. */
  private score(entry: LoadedEntry, matchers: WordMatcher[], best: Float32Array): number | undefined {
    let total = 0;
    let body: ReturnType<typeof readBodyFields> | undefined;
    for (let w = 0; w < matchers.length; w += 1) {
      const m = matchers[w]!;
      let cost = best[w]!;
      if (m.pattern) {
        if (matches(m.pattern, entry.title) || matches(m.pattern, entry.topic) || entry.tags.some((t) => matches(m.pattern!, t))) cost = COST.exact;
        else {
          body ??= readBodyFields(entry.file);
          if (BODY_FIELDS.some((f) => matches(m.pattern!, body![f]))) cost = COST.exact + COST.body;
          else return undefined;
        }
      } else if (cost >= NO_MATCH) return undefined;
      total += cost;
    }
    return Math.round((total / matchers.length) * 1000) / 1000;
  }
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** The stretches of a text that match any of the words, and which words matched. */
export function findRanges(text: string, matchers: WordMatcher[]): { ranges: [number, number][]; words: Set<number>; cost: number } {
  const ranges: [number, number][] = [];
  const words = new Set<number>();
  let cost = 0;
  const tokens = matchers.some((m) => !m.pattern) ? tokensAt(text) : [];
  matchers.forEach((m, w) => {
    let best = NO_MATCH;
    if (m.pattern) {
      m.pattern.lastIndex = 0;
      for (let match = m.pattern.exec(text); match; match = m.pattern.exec(text)) {
        if (match[0] === "") break;
        ranges.push([match.index, match.index + match[0].length]);
        best = COST.exact;
      }
    } else {
      for (const token of tokens) {
        const c = m.terms.get(token.term);
        if (c === undefined) continue;
        ranges.push([token.start, token.end]);
        if (c < best) best = c;
      }
    }
    if (best < NO_MATCH) {
      words.add(w);
      cost += best;
    }
  });
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { ranges: merged, words, cost };
}
