// Finds and ranks entries for a query.
//
// Matching: each word is first matched against the journal's vocabulary of terms
// (stems, see tokens.ts): the same term, a term it is the start of, or a term
// within one or two typos, each with a quality from 1 down. Entries are then
// narrowed by their term ids from the cache; long fields are never scanned as
// text, which keeps a search over 100,000 entries fast. Literal words (`n+1`),
// phrases and excluded words are checked in the text of the survivors only.
//
// Ranking (BM25F): for each word, its occurrences in each field, weighed by the
// field (fields.ts) and by the quality of the match, saturate (k1) and are
// normalised by the entry's length (b); words found in few entries count more
// (idf). The best results get a bonus when the words stand together, and the date
// only breaks ties (newest first).
import type { IndexedJournal, JournalTerms } from "../journal/cache.js";
import { lazyRegExp } from "../domain/lazy-regexp.js";
import { filterEntries, hasFilter, type EntryFilter } from "../journal/filter.js";
import type { JournalContents, LoadedEntry } from "../journal/read.js";
import { boundedDistance, mayBeWithin } from "./distance.js";
import { FIELDS, MAX_REPEAT, WEIGHTS, type Field } from "./fields.js";
import type { Query, QueryWord } from "./query.js";
import { countIn } from "./index-terms.js";
import { adjacentShare, EntryText, hasWordPairs, matchedInitials, type WordPlace } from "./entry-text.js";
import { QUALITY, type WordMatcher } from "./matcher.js";
import { foldChunk, isAsciiText, isPairedWord, pairsOf, termOf } from "./tokens.js";

export { BODY_FIELDS, FIELDS, type Field } from "./fields.js";
export { findRanges, type WordPlace } from "./entry-text.js";
export { QUALITY, type WordMatcher } from "./matcher.js";

const K1 = 1.2;
const B = 0.75;
/** How many of the best results get the proximity bonus worked out. */
const PROXIMITY_DEPTH = 40;
/** The bonus for every pair of neighbouring query words that stand side by side. */
const PROXIMITY_BONUS = 0.3;

/** Why an entry ranks where it does. */
export interface WordScore {
  word: string;
  /** Its share of the score. */
  score: number;
  /** How often it was found in each field (weighed by the quality of the match). */
  fields: Partial<Record<Field, number>>;
}

export interface Hit {
  entry: LoadedEntry;
  /** Higher is better; 0 for a query of filters alone. */
  score: number;
  words: WordScore[];
  /** The factor for words standing together (1 when none do). */
  proximity: number;
  /** How many of the query's words the entry has (all of them, unless the search was partial). */
  matched: number;
}

export interface SearchRequest {
  matchers: WordMatcher[];
  phrases?: number[][];
  excluded?: WordMatcher[][];
  filter?: EntryFilter;
  /**
   * Entries with any of the words, not all: those with the most words first, then by
   * score. Phrases are not required; excluded words still exclude. For when no entry
   * has them all.
   */
  partial?: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A literal word with punctuation inside that starts and ends with a letter or digit: wherever it occurs, it is inside a chunk (tokens.ts). */
const WORD_ENDS = lazyRegExp(String.raw`^[\p{L}\p{M}\p{N}_].*[\p{L}\p{M}\p{N}_]$`, "su");
const NOT_WORD_CHAR = lazyRegExp(String.raw`[^\p{L}\p{M}\p{N}_]`, "u");
/** The same as WORD_ENDS and NOT_WORD_CHAR for a literal of ASCII characters, without making their classes of Unicode. */
const ASCII_WORD_ENDS = /^[A-Za-z0-9_].*[A-Za-z0-9_]$/s;
const ASCII_NOT_WORD_CHAR = /[^A-Za-z0-9_]/;

/** How often `part` occurs in `text`, not overlapping. */
function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count += 1;
  return count;
}
const NF = FIELDS.length;

/** How many typos a word of this length may have. */
export function typosAllowed(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

/**
 * Where the words of some terms (ids) stand in some entries (places in the journal's
 * order), each entry's places in order; undefined when the entries' texts are to be
 * read instead. The site's index has them (site/browser/store.ts); the CLI reads text.
 */
export type PlacesSource = (ids: readonly number[], entries: readonly number[]) => Map<number, WordPlace[]> | undefined;

export class SearchIndex {
  private readonly index: JournalTerms;

  constructor(
    readonly journal: IndexedJournal,
    private readonly placesOf?: PlacesSource,
  ) {
    this.index = journal.terms();
  }

  private get vocabulary(): string[] {
    return this.index.vocabulary;
  }

  /** The matchers of a parsed query. */
  request(query: Query, filter: EntryFilter): SearchRequest {
    return {
      // The last word may be half typed: it also matches a term it starts with (optimiz: optim).
      matchers: query.words.map((w, i) => this.matcher(this.asWritten(w), { typing: i === query.words.length - 1 })),
      phrases: query.phrases,
      excluded: query.excluded.map((words) => words.map((w) => this.matcher(w, { exact: true }))),
      filter,
    };
  }

  /**
   * A word joined by `_` that is no term of the journal (reset_password) may be part
   * of a longer one (test_user_can_reset_password_when...): it is looked for as text.
   */
  private asWritten(word: QueryWord): QueryWord {
    if (word.kind !== "term" || !word.raw.includes("_") || this.vocabulary.includes(word.raw)) return word;
    const parts = [...new Set(word.raw.split("_").filter(Boolean).map(termOf))];
    return { kind: "literal", text: word.text, literal: word.raw, parts };
  }

  /** The terms of the journal that count as the word; `exact`: only the same term (for phrases and exclusions). */
  matcher(word: QueryWord, options: { exact?: boolean; typing?: boolean } = {}): WordMatcher {
    const terms = new Map<string, number>();
    const ids = new Map<number, number>();
    if (word.kind === "literal") {
      const pattern = new RegExp(escapeRegExp(word.literal), "giu");
      const literal = foldChunk(word.literal);
      const ascii = isAsciiText(literal);
      if (!(ascii ? ASCII_WORD_ENDS : WORD_ENDS()).test(literal) || !(ascii ? ASCII_NOT_WORD_CHAR : NOT_WORD_CHAR()).test(literal)) return { word, terms, ids, pattern };
      let verify: number | undefined;
      this.vocabulary.forEach((t, id) => {
        if (t.charCodeAt(0) !== 1) return;
        if (t.length === 1) verify = id;
        else {
          const n = occurrences(t, literal);
          if (n > 0) ids.set(id, n);
        }
      });
      if (verify !== undefined) ids.set(verify, 0);
      return { word, terms, ids, pattern, chunked: { verify } };
    }
    const { term: w, raw } = word;
    const vocabulary = this.vocabulary;
    if (options.exact) {
      vocabulary.forEach((t, id) => {
        if (t === w || t === raw) {
          terms.set(t, QUALITY.same);
          ids.set(id, QUALITY.same);
        }
      });
      return { word, terms, ids, pattern: undefined };
    }
    const known = vocabulary.includes(w) || vocabulary.includes(raw);
    const prefix = raw.length >= 3;
    // Short words that the journal has (whole or as the start of a word) are not
    // widened by typos: `csrf` and `etag` find csrf and ETags, not every
    // four-letter word one letter away.
    const typos = w.length <= 5 && (known || (prefix && vocabulary.some((t) => t.startsWith(raw)))) ? 0 : typosAllowed(w.length);
    const rawTypos = Math.min(typos, typosAllowed(raw.length) - 1);
    const typoQuality = (d: number) => (d <= 1 ? QUALITY.oneTypo : QUALITY.twoTypos) * (known ? QUALITY.knownWord : 1);
    // Chinese, Japanese or Korean: also inside longer words, by its pairs of characters.
    const pairs = isPairedWord(raw) ? new Map(pairsOf(raw).map((p) => [p, -1])) : undefined;
    for (let id = 0; id < vocabulary.length; id += 1) {
      const t = vocabulary[id]!;
      if (t.charCodeAt(0) <= 2) {
        if (pairs?.has(t)) pairs.set(t, id);
        continue;
      }
      let quality: number | undefined;
      if (t === w || t === raw) quality = QUALITY.same;
      else if (prefix && t.startsWith(raw)) quality = QUALITY.prefix;
      else if (options.typing && t.length >= 4 && raw.length - t.length <= 3 && raw.startsWith(t)) quality = QUALITY.prefix;
      else if (typos > 0 && t.length >= 3) {
        if (Math.abs(t.length - w.length) <= typos && mayBeWithin(w, t, typos)) {
          const d = boundedDistance(w, t, typos);
          if (d <= typos) quality = typoQuality(d);
        }
        // A typo can keep a word from stemming (idempotnecy): the start of it, up to
        // the length of a stem, within fewer typos, followed by a short ending.
        if (quality === undefined && rawTypos >= 0 && t.length >= 5 && raw.length > t.length && raw.length - t.length <= 4 && mayBeWithin(raw, t, rawTypos)) {
          const d = boundedDistance(raw.slice(0, t.length), t, rawTypos);
          if (d <= rawTypos) quality = typoQuality(d + 1);
        }
      }
      if (quality === undefined) continue;
      terms.set(t, quality);
      ids.set(id, quality);
    }
    return { word, terms, ids, pattern: undefined, ...pairMatch(pairs, ids, raw) };
  }

  /** The ids of the terms of the words that are not literal (the terms words side by side are looked for by). */
  private wordIds(matchers: readonly WordMatcher[]): number[] {
    const ids = new Set<number>();
    for (const m of matchers) {
      if (m.pattern) continue;
      for (const id of m.ids.keys()) if (m.terms.has(this.vocabulary[id]!)) ids.add(id);
    }
    return [...ids];
  }

  /** Every entry matching the request, best first. */
  search(request: SearchRequest | WordMatcher[], legacyFilter: EntryFilter = {}): Hit[] {
    const { matchers, phrases = [], excluded = [], filter = legacyFilter, partial = false } = Array.isArray(request) ? { matchers: request } : request;
    const { contents } = this.journal;
    const n = this.vocabulary.length;
    const W = matchers.length;
    // Entries are made only for a filter, and for the hits (contents.ts).
    const kept = hasFilter(filter) ? new Set(filterEntries(contents.entries, filter)) : undefined;

    // One bit per requirement: each term word, then as many letter-and-digit parts
    // of literal words as bits remain (the literal text is checked anyway; its parts
    // only narrow the entries to check). Excluded single terms get bits of their own.
    const mask = new Uint32Array(n);
    // Bits of the words for which a term is the same word (not a prefix or a typo):
    // how rare a word is counts the entries that have it, not its look-alikes.
    const sameMask = new Uint32Array(n);
    const quality: (Float32Array | undefined)[] = matchers.map(() => undefined);
    const wordBits = new Uint32Array(W);
    let full = 0;
    let bit = 0;
    const verify = new Uint8Array(n);
    for (const [w, m] of matchers.entries()) {
      if (m.word.kind !== "term" && !m.chunked) continue;
      // A word found inside longer CJK words by all its pairs: a bit for each pair (an entry needs them all), while bits last.
      const pairs = m.allPairs && bit + m.allPairs.length <= 24 ? m.allPairs : [];
      if (m.ids.size === 0 && pairs.length === 0) {
        if (partial) continue;
        return [];
      }
      const bits = pairs.length ? ((1 << pairs.length) - 1) << bit : 1 << bit;
      const q = new Float32Array(n);
      for (const [id, c] of m.ids) {
        q[id] = c;
        mask[id]! |= bits;
        if (m.chunked ? id !== m.chunked.verify : c === QUALITY.same) sameMask[id]! |= bits;
        if (m.chunked && id === m.chunked.verify) verify[id] = 1;
      }
      pairs.forEach((id, k) => {
        q[id] = Math.max(q[id]!, QUALITY.pair / pairs.length);
        mask[id]! |= 1 << (bit + k);
      });
      quality[w] = q;
      wordBits[w] = bits;
      full |= bits;
      bit += Math.max(1, pairs.length);
    }
    for (const m of matchers) {
      if (m.word.kind !== "literal" || m.chunked) continue;
      for (const part of m.word.parts) {
        const id = this.vocabulary.indexOf(part);
        if (id < 0) {
          if (partial) continue;
          return [];
        }
        if (bit >= 24) continue;
        mask[id]! |= 1 << bit;
        full |= 1 << bit;
        bit += 1;
      }
    }
    let excludedBits = 0;
    const checkExcluded: WordMatcher[][] = [];
    for (const group of excluded) {
      const only = group.length === 1 ? group[0]! : undefined;
      if (only && only.word.kind === "term" && bit < 31) {
        for (const id of only.ids.keys()) mask[id]! |= 1 << bit;
        excludedBits |= 1 << bit;
        bit += 1;
      } else checkExcluded.push(group);
    }

    // The postings of the terms that count: which requirements each entry meets,
    // and how often each word is found in each field.
    const N = contents.count;
    const keptFlags = kept ? Uint8Array.from(contents.entries, (e) => (kept.has(e) ? 1 : 0)) : undefined;
    const ids: number[] = [];
    for (let id = 0; id < n; id += 1) if (mask[id] !== 0) ids.push(id);
    const seen = new Uint32Array(N);
    const same = new Uint32Array(N);
    // How often each word is found in each field, W * NF numbers an entry, for the entries
    // with any of the terms: in one growing array (a typed array each cost more than the counting).
    const stride = W * NF;
    const slot = new Int32Array(N).fill(-1);
    let tf = new Float32Array(stride * 64);
    let slots = 1; // slot 0 stays zeros: the counts of an entry without terms
    const slotOf = (e: number): number => {
      if (slot[e]! < 0) {
        if ((slots + 1) * stride > tf.length) {
          const grown = new Float32Array(tf.length * 2);
          grown.set(tf);
          tf = grown;
        }
        slot[e] = slots++;
      }
      return slot[e]! * stride;
    };
    const termWords = matchers.map((m, w) => (m.word.kind === "term" || m.chunked ? w : -1)).filter((w) => w >= 0);
    // Entries with a chunk too long to keep: their text is read to count the literal words.
    const toRead = new Uint8Array(N);
    this.index.forEachPosting(ids, (e, id, packed) => {
      if (keptFlags && keptFlags[e] === 0) return;
      const bits = mask[id]!;
      seen[e]! |= bits;
      same[e]! |= sameMask[id]!;
      if (verify[id] === 1) toRead[e] = 1;
      for (let k = 0; k < termWords.length; k += 1) {
        const w = termWords[k]!;
        if ((bits & wordBits[w]!) === 0) continue;
        const at = slotOf(e) + w * NF;
        const q = quality[w]![id]!;
        for (let f = 0; f < NF; f += 1) {
          const c = countIn(packed, f);
          if (c) tf[at + f] = matchers[w]!.chunked ? Math.min(MAX_REPEAT, tf[at + f]! + q * c) : tf[at + f]! + q * c;
        }
      }
    });
    // A candidate's counts: `tf` from its offset on (a slot of its own when literal words are counted later).
    const literalsToCount = matchers.some((m) => m.pattern !== undefined);
    const candidates: { at: number; length: number; tf: number }[] = [];
    const df = new Float64Array(W);
    const dfSame = new Float64Array(W);
    const lengths = this.index.lengths;
    let scanned = 0;
    let totalLength = 0;
    for (let i = 0; i < N; i += 1) {
      if (keptFlags && keptFlags[i] === 0) continue;
      scanned += 1;
      totalLength += lengths[i]!;
      const s = seen[i]!;
      if (s === 0 && full !== 0) continue;
      for (let w = 0; w < W; w += 1) {
        if ((s & wordBits[w]!) === wordBits[w]! && wordBits[w]) df[w]! += 1;
        if ((same[i]! & wordBits[w]!) === wordBits[w]! && wordBits[w]) dfSame[w]! += 1;
      }
      if ((partial ? (s & full) === 0 : (s & full) !== full) || (s & excludedBits) !== 0) continue;
      candidates.push({ at: i, length: lengths[i]!, tf: literalsToCount ? slotOf(i) : Math.max(slot[i]!, 0) * stride });
    }
    const averageLength = scanned ? totalLength / scanned : 1;

    // Literal words, phrases and excluded phrases or literals, in the text.
    const texts = new Map<number, EntryText>();
    // Only words that may be one of the terms looked for are stemmed.
    const initials = matchedInitials([...matchers, ...checkExcluded.flat()]);
    const textOf = (at: number) => {
      let t = texts.get(at);
      if (!t) texts.set(at, (t = new EntryText(contents.entryAt(at), initials)));
      return t;
    };
    const literals = matchers.map((m, w) => (m.pattern ? w : -1)).filter((w) => w >= 0);
    const textToCheck = literals.length > 0 || phrases.length > 0 || checkExcluded.length > 0;
    const survivors = !textToCheck ? candidates : candidates.filter((c) => {
      const text = textOf(c.at);
      for (const w of literals) {
        // A word found through chunks is counted already, unless the entry has a chunk too long to keep.
        const chunked = matchers[w]!.chunked !== undefined;
        if (chunked && toRead[c.at] === 0) continue;
        let any = false;
        for (let f = 0; f < NF; f += 1) {
          const count = text.count(matchers[w]!.pattern!, FIELDS[f]!);
          tf[c.tf + w * NF + f] = Math.min(count, MAX_REPEAT);
          if (count) any = true;
        }
        if (!any) {
          if (partial) continue;
          return false;
        }
        if (!chunked) df[w]! += 1;
      }
      if (!partial && phrases.some((p) => !text.hasSequence(p.map((w) => matchers[w]!)))) return false;
      if (checkExcluded.some((group) => (group.length === 1 && group[0]!.pattern ? FIELDS.some((f) => text.count(group[0]!.pattern!, f) > 0) : text.hasSequence(group)))) return false;
      // A long text read for this check is let go: only the best few are read again.
      if (texts.size > PROXIMITY_DEPTH * 4) texts.delete(c.at);
      return true;
    });

    const idf = Array.from(df, (any, w) => {
      const d = dfSame[w]! || any;
      return Math.log(1 + (scanned - d + 0.5) / (d + 0.5));
    });
    /** The score of a candidate; given `words`, each word's share of it, as --explain shows it. */
    const scoreOf = (c: (typeof survivors)[number], words?: WordScore[]): number => {
      let score = 0;
      const norm = K1 * (1 - B + (B * c.length) / averageLength);
      for (let w = 0; w < W; w += 1) {
        let weighted = 0;
        const fields: Partial<Record<Field, number>> | undefined = words ? {} : undefined;
        for (let f = 0; f < NF; f += 1) {
          const x = tf[c.tf + w * NF + f]!;
          if (x <= 0) continue;
          weighted += WEIGHTS[f]! * x;
          if (fields) fields[FIELDS[f]!] = round(x);
        }
        const s = (idf[w]! * weighted * (K1 + 1)) / (weighted + norm);
        score += s;
        words?.push({ word: matchers[w]!.word.text, score: round(s), fields: fields! });
      }
      return score;
    };
    // A hit's entry and the shares of its words are made when asked for: a common word
    // has thousands of hits, of which a search shows ten.
    /** How many words a candidate has (all, but in a partial search). */
    const matchedOf = (c: (typeof survivors)[number]): number => {
      let matched = 0;
      for (let w = 0; w < W; w += 1) {
        for (let f = 0; f < NF; f += 1) {
          if (tf[c.tf + w * NF + f]! > 0) {
            matched += 1;
            break;
          }
        }
      }
      return matched;
    };
    const hits: RankedHit[] = [];
    for (const c of survivors) {
      const matched = partial ? matchedOf(c) : W;
      if (partial && matched === 0) continue;
      hits.push(new RankedHit(contents, c.at, scoreOf(c), matched, () => {
        const words: WordScore[] = [];
        scoreOf(c, words);
        return words;
      }));
    }
    const order = (a: RankedHit, b: RankedHit) => b.matched - a.matched || b.score - a.score || a.at - b.at;
    hits.sort(order);

    // Words side by side: worked out for the best few, which are then sorted again.
    if (W > 1) {
      const top = hits.slice(0, PROXIMITY_DEPTH);
      const places = hasWordPairs(matchers) ? this.placesOf?.(this.wordIds(matchers), top.map((h) => h.at)) : undefined;
      for (const hit of top) {
        hit.proximity = 1 + PROXIMITY_BONUS * (places ? adjacentShare(matchers, places.get(hit.at) ?? []) : textOf(hit.at).adjacentPairs(matchers));
        hit.score *= hit.proximity;
      }
      top.sort(order);
      hits.splice(0, top.length, ...top);
    }
    for (const hit of hits) {
      hit.score = round(hit.score);
      hit.proximity = round(hit.proximity);
    }
    return hits;
  }
}

/**
 * A hit whose entry and word scores are made when first asked for. Its own
 * properties are those of a Hit (what it keeps besides is private).
 */
class RankedHit implements Hit {
  proximity = 1;
  readonly #contents: JournalContents;
  readonly #at: number;
  readonly #wordsOf: () => WordScore[];
  #words: WordScore[] | undefined;

  readonly #matched: number;

  constructor(contents: JournalContents, at: number, public score: number, matched: number, wordsOf: () => WordScore[]) {
    this.#matched = matched;
    this.#contents = contents;
    this.#at = at;
    this.#wordsOf = wordsOf;
  }

  get matched(): number {
    return this.#matched;
  }

  /** The entry's place in contents.entries. */
  get at(): number {
    return this.#at;
  }

  get entry(): LoadedEntry {
    return this.#contents.entryAt(this.#at);
  }

  get words(): WordScore[] {
    return (this.#words ??= this.#wordsOf());
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** How a word of CJK characters is found by its pairs (`pairs`: each pair's id, -1 when the journal has none): a pair among `ids`, or all of them. */
function pairMatch(pairs: Map<string, number> | undefined, ids: Map<number, number>, raw: string): Pick<WordMatcher, "allPairs" | "infix"> {
  if (!pairs || [...pairs.values()].some((id) => id < 0)) return {};
  const found = [...pairs.values()];
  if (found.length === 1) {
    if (!ids.has(found[0]!)) ids.set(found[0]!, QUALITY.pair);
    return { infix: raw };
  }
  return { allPairs: found, infix: raw };
}
