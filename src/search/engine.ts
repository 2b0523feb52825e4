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
import { filterEntries, type EntryFilter } from "../journal/filter.js";
import { readBodyFields, type BodyFields } from "../journal/lazy-entry.js";
import type { LoadedEntry } from "../journal/read.js";
import { boundedDistance } from "./distance.js";
import { FIELDS, MAX_REPEAT, WEIGHTS, type Field } from "./fields.js";
import type { Query, QueryWord } from "./query.js";
import { countIn } from "./index-terms.js";
import { foldChunk, termOf, tokensAt, type TokenAt } from "./tokens.js";

export { BODY_FIELDS, FIELDS, type Field } from "./fields.js";

/** How well a term of the journal stands for a query word. */
export const QUALITY = {
  /** The same term (the same word, or another form of it). */
  same: 1,
  prefix: 0.5,
  oneTypo: 0.4,
  twoTypos: 0.25,
  /** Times this when the word as typed is itself a term of the journal: it likely means itself. */
  knownWord: 0.25,
} as const;

const K1 = 1.2;
const B = 0.75;
/** How many of the best results get the proximity bonus worked out. */
const PROXIMITY_DEPTH = 40;
/** The bonus for every pair of neighbouring query words that stand side by side. */
const PROXIMITY_BONUS = 0.3;

/** How one query word is recognised in text. */
export interface WordMatcher {
  word: QueryWord;
  /** For a term word: each term of the journal that counts as the word, with its quality. */
  terms: Map<string, number>;
  /** The same terms by id. */
  ids: Map<number, number>;
  /** For a literal word: the text, any case. */
  pattern: RegExp | undefined;
  /**
   * A literal word found through the chunks of text it can be in (`ids`, with how
   * often it is in each): no text needs reading, except of entries with a chunk too
   * long to keep (`verify`, the id of their mark).
   */
  chunked?: { verify: number | undefined };
}

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
}

export interface SearchRequest {
  matchers: WordMatcher[];
  phrases?: number[][];
  excluded?: WordMatcher[][];
  filter?: EntryFilter;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A literal word with punctuation inside that starts and ends with a letter or digit: wherever it occurs, it is inside a chunk (tokens.ts). */
const WORD_ENDS = /^[\p{L}\p{M}\p{N}_].*[\p{L}\p{M}\p{N}_]$/su;

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

export class SearchIndex {
  private readonly index: JournalTerms;

  constructor(readonly journal: IndexedJournal) {
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
      if (!WORD_ENDS.test(literal) || !/[^\p{L}\p{M}\p{N}_]/u.test(literal)) return { word, terms, ids, pattern };
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
    for (let id = 0; id < vocabulary.length; id += 1) {
      const t = vocabulary[id]!;
      if (t.charCodeAt(0) === 1) continue;
      let quality: number | undefined;
      if (t === w || t === raw) quality = QUALITY.same;
      else if (prefix && t.startsWith(raw)) quality = QUALITY.prefix;
      else if (options.typing && t.length >= 4 && raw.length - t.length <= 3 && raw.startsWith(t)) quality = QUALITY.prefix;
      else if (typos > 0 && t.length >= 3) {
        if (Math.abs(t.length - w.length) <= typos) {
          const d = boundedDistance(w, t, typos);
          if (d <= typos) quality = typoQuality(d);
        }
        // A typo can keep a word from stemming (idempotnecy): the start of it, up to
        // the length of a stem, within fewer typos, followed by a short ending.
        if (quality === undefined && rawTypos >= 0 && t.length >= 5 && raw.length > t.length && raw.length - t.length <= 4) {
          const d = boundedDistance(raw.slice(0, t.length), t, rawTypos);
          if (d <= rawTypos) quality = typoQuality(d + 1);
        }
      }
      if (quality === undefined) continue;
      terms.set(t, quality);
      ids.set(id, quality);
    }
    return { word, terms, ids, pattern: undefined };
  }

  /** Every entry matching the request, best first. */
  search(request: SearchRequest | WordMatcher[], legacyFilter: EntryFilter = {}): Hit[] {
    const { matchers, phrases = [], excluded = [], filter = legacyFilter } = Array.isArray(request) ? { matchers: request } : request;
    const { entries } = this.journal.contents;
    const n = this.vocabulary.length;
    const W = matchers.length;
    const kept = filter.topic !== undefined || filter.tags?.length || filter.since || filter.until ? new Set(filterEntries(entries, filter)) : undefined;

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
      if (m.ids.size === 0) return [];
      const q = new Float32Array(n);
      for (const [id, c] of m.ids) {
        q[id] = c;
        mask[id]! |= 1 << bit;
        if (m.chunked ? id !== m.chunked.verify : c === QUALITY.same) sameMask[id]! |= 1 << bit;
        if (m.chunked && id === m.chunked.verify) verify[id] = 1;
      }
      quality[w] = q;
      wordBits[w] = 1 << bit;
      full |= 1 << bit;
      bit += 1;
    }
    for (const m of matchers) {
      if (m.word.kind !== "literal" || m.chunked) continue;
      for (const part of m.word.parts) {
        const id = this.vocabulary.indexOf(part);
        if (id < 0) return [];
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
    const N = entries.length;
    const keptFlags = kept ? Uint8Array.from(entries, (e) => (kept.has(e) ? 1 : 0)) : undefined;
    const ids: number[] = [];
    for (let id = 0; id < n; id += 1) if (mask[id] !== 0) ids.push(id);
    const seen = new Uint32Array(N);
    const same = new Uint32Array(N);
    const tfs = new Map<number, Float32Array>();
    const termWords = matchers.map((m, w) => (m.word.kind === "term" || m.chunked ? w : -1)).filter((w) => w >= 0);
    // Entries with a chunk too long to keep: their text is read to count the literal words.
    const toRead = new Uint8Array(N);
    this.index.forEachPosting(ids, (e, id, packed) => {
      if (keptFlags && keptFlags[e] === 0) return;
      const bits = mask[id]!;
      seen[e]! |= bits;
      same[e]! |= sameMask[id]!;
      if (verify[id] === 1) toRead[e] = 1;
      for (const w of termWords) {
        if ((bits & wordBits[w]!) === 0) continue;
        let tf = tfs.get(e);
        if (!tf) tfs.set(e, (tf = new Float32Array(W * NF)));
        const q = quality[w]![id]!;
        for (let f = 0; f < NF; f += 1) {
          const c = countIn(packed, f);
          if (c) tf[w * NF + f] = matchers[w]!.chunked ? Math.min(MAX_REPEAT, tf[w * NF + f]! + q * c) : tf[w * NF + f]! + q * c;
        }
      }
    });
    const candidates: { at: number; length: number; tf: Float32Array }[] = [];
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
        if ((s & wordBits[w]!) !== 0) df[w]! += 1;
        if ((same[i]! & wordBits[w]!) !== 0) dfSame[w]! += 1;
      }
      if ((s & full) !== full || (s & excludedBits) !== 0) continue;
      candidates.push({ at: i, length: lengths[i]!, tf: tfs.get(i) ?? new Float32Array(W * NF) });
    }
    const averageLength = scanned ? totalLength / scanned : 1;

    // Literal words, phrases and excluded phrases or literals, in the text.
    const texts = new Map<number, EntryText>();
    const textOf = (at: number) => {
      let t = texts.get(at);
      if (!t) texts.set(at, (t = new EntryText(entries[at]!)));
      return t;
    };
    const literals = matchers.map((m, w) => (m.pattern ? w : -1)).filter((w) => w >= 0);
    const survivors = candidates.filter((c) => {
      const text = textOf(c.at);
      for (const w of literals) {
        // A word found through chunks is counted already, unless the entry has a chunk too long to keep.
        const chunked = matchers[w]!.chunked !== undefined;
        if (chunked && toRead[c.at] === 0) continue;
        let any = false;
        for (let f = 0; f < NF; f += 1) {
          const count = text.count(matchers[w]!.pattern!, FIELDS[f]!);
          c.tf[w * NF + f] = Math.min(count, MAX_REPEAT);
          if (count) any = true;
        }
        if (!any) return false;
        if (!chunked) df[w]! += 1;
      }
      if (phrases.some((p) => !text.hasSequence(p.map((w) => matchers[w]!)))) return false;
      if (checkExcluded.some((group) => (group.length === 1 && group[0]!.pattern ? FIELDS.some((f) => text.count(group[0]!.pattern!, f) > 0) : text.hasSequence(group)))) return false;
      // A long text read for this check is let go: only the best few are read again.
      if (texts.size > PROXIMITY_DEPTH * 4) texts.delete(c.at);
      return true;
    });

    const idf = Array.from(df, (any, w) => {
      const d = dfSame[w]! || any;
      return Math.log(1 + (scanned - d + 0.5) / (d + 0.5));
    });
    const hits: (Hit & { at: number })[] = survivors.map((c) => {
      const words: WordScore[] = [];
      let score = 0;
      const norm = K1 * (1 - B + (B * c.length) / averageLength);
      for (let w = 0; w < W; w += 1) {
        let weighted = 0;
        const fields: Partial<Record<Field, number>> = {};
        for (let f = 0; f < NF; f += 1) {
          const x = c.tf[w * NF + f]!;
          if (x <= 0) continue;
          weighted += WEIGHTS[f]! * x;
          fields[FIELDS[f]!] = round(x);
        }
        const s = (idf[w]! * weighted * (K1 + 1)) / (weighted + norm);
        score += s;
        words.push({ word: matchers[w]!.word.text, score: round(s), fields });
      }
      return { entry: entries[c.at]!, score, words, proximity: 1, at: c.at };
    });
    const order = (a: Hit & { at: number }, b: Hit & { at: number }) => b.score - a.score || a.at - b.at;
    hits.sort(order);

    // Words side by side: worked out for the best few, which are then sorted again.
    if (W > 1) {
      const top = hits.slice(0, PROXIMITY_DEPTH);
      for (const hit of top) {
        hit.proximity = 1 + PROXIMITY_BONUS * textOf(hit.at).adjacentPairs(matchers);
        hit.score *= hit.proximity;
      }
      top.sort(order);
      hits.splice(0, top.length, ...top);
    }
    return hits.map(({ entry, score, words, proximity }) => ({ entry, score: round(score), words, proximity: round(proximity) }));
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The text of an entry's fields, read from its file on demand, with its tokens. */
class EntryText {
  private body: BodyFields | undefined;
  private readonly tokens = new Map<Field, TokenAt[]>();

  constructor(private readonly entry: LoadedEntry) {}

  private readonly texts = new Map<Field, string>();

  /** A field's text in NFC, as the index and the query words are: an NFD café.x in a file is found as when typed. */
  text(field: Field): string {
    let text = this.texts.get(field);
    if (text === undefined) {
      if (field === "title" || field === "topic") text = this.entry[field];
      else if (field === "tags") text = this.entry.tags.join(" \n ");
      else text = (this.body ??= readBodyFields(this.entry.file))[field];
      text = text.normalize("NFC");
      this.texts.set(field, text);
    }
    return text;
  }

  count(pattern: RegExp, field: Field): number {
    const text = this.text(field);
    if (!text) return 0;
    pattern.lastIndex = 0;
    let count = 0;
    for (let m = pattern.exec(text); m && m[0] !== ""; m = pattern.exec(text)) count += 1;
    return count;
  }

  private readonly parted = new Map<Field, TokenAt[] | undefined>();

  /** The words of a field, joined words whole. */
  private words(field: Field): TokenAt[] {
    let t = this.tokens.get(field);
    if (!t) this.tokens.set(field, (t = tokensAt(this.text(field)).filter((x) => !x.part)));
    return t;
  }

  /** The words of a field with each joined word (RollingUpdate, select_related) in its parts instead; undefined when it has none. */
  private parts(field: Field): TokenAt[] | undefined {
    if (!this.parted.has(field)) {
      const all = tokensAt(this.text(field));
      const split = all.filter((x, i) => x.part || !all[i + 1]?.part);
      this.parted.set(field, split.length === this.words(field).length ? undefined : split);
    }
    return this.parted.get(field);
  }

  /** True when some field has the words one after another (a literal word: the text it matches, n+1 or c++, or a token that contains it). */
  hasSequence(words: WordMatcher[]): boolean {
    for (const field of FIELDS) {
      const text = this.text(field);
      for (const tokens of [this.words(field), this.parts(field)]) {
        if (!tokens) continue;
        const found = words.map((m) => (m.pattern ? literalMatches(m.pattern, text) : undefined));
        if (found.some((f) => f && f.starts.length === 0)) continue;
        for (let i = 0; i < tokens.length; i += 1) {
          if (sequenceAt(words, found, tokens, i, text)) return true;
        }
      }
    }
    return false;
  }

  /** The share (0 to 1) of neighbouring query words that stand side by side (or with one word between) in some field. */
  adjacentPairs(matchers: WordMatcher[]): number {
    let pairs = 0;
    let near = 0;
    for (let w = 0; w + 1 < matchers.length; w += 1) {
      const a = matchers[w]!;
      const b = matchers[w + 1]!;
      if (a.pattern || b.pattern) continue;
      pairs += 1;
      let best = 0;
      for (const field of FIELDS) {
        const tokens = this.words(field);
        let lastA = -Infinity;
        let lastB = -Infinity;
        for (let i = 0; i < tokens.length && best < 1; i += 1) {
          const t = tokens[i]!;
          if (a.terms.has(t.term)) {
            if (i - lastB <= 2) best = Math.max(best, i - lastB === 1 ? 0.7 : 0.4);
            lastA = i;
          }
          if (b.terms.has(t.term)) {
            if (i - lastA === 1) best = 1;
            else if (i - lastA === 2) best = Math.max(best, 0.6);
            lastB = i;
          }
        }
      }
      near += best;
    }
    return pairs ? near / pairs : 0;
  }
}

/**
 * Whether the words follow one another from token `i` on. A literal word (n+1, c++)
 * is a match of its text that starts after the previous word and at the latest where
 * the next token starts, and ends where a token ends or between tokens: it may cover
 * several tokens (n, 1) and the punctuation around them.
 */
function sequenceAt(words: WordMatcher[], found: (LiteralMatches | undefined)[], tokens: TokenAt[], i: number, text: string): boolean {
  let at = i;
  let from = i > 0 ? tokens[i - 1]!.end : 0;
  for (let w = 0; w < words.length; w += 1) {
    const m = words[w]!;
    const token = tokens[at];
    if (!m.pattern) {
      if (!token || !m.terms.has(token.term)) return false;
      from = token.end;
      at += 1;
      continue;
    }
    m.pattern.lastIndex = 0;
    if (token && m.pattern.test(text.slice(token.start, token.end))) {
      from = token.end;
      at += 1;
      continue;
    }
    const { starts, ends } = found[w]!;
    // The first match at or after `from` (binary search: a long text has many tokens).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    if (lo === starts.length || starts[lo]! > (token ? token.start : text.length)) return false;
    const end = ends[lo]!;
    while (at < tokens.length && tokens[at]!.start < end) at += 1;
    if (at > 0 && tokens[at - 1]!.end > end && tokens[at - 1]!.start >= from) return false;
    from = end;
  }
  return true;
}

interface LiteralMatches {
  starts: number[];
  ends: number[];
}

/** Every place a literal word matches a text (overlapping ones too), in order. */
function literalMatches(pattern: RegExp, text: string): LiteralMatches {
  const starts: number[] = [];
  const ends: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match && match[0] !== ""; match = pattern.exec(text)) {
    starts.push(match.index);
    ends.push(match.index + match[0].length);
    pattern.lastIndex = match.index + 1;
  }
  return { starts, ends };
}

/** The stretches of a text that match any of the words, which words matched, and how well (higher is better). */
export function findRanges(text: string, matchers: WordMatcher[]): { ranges: [number, number][]; words: Set<number>; quality: number } {
  const ranges: [number, number][] = [];
  const words = new Set<number>();
  let quality = 0;
  const tokens = matchers.some((m) => !m.pattern) ? tokensAt(text) : [];
  matchers.forEach((m, w) => {
    let best = 0;
    if (m.pattern) {
      m.pattern.lastIndex = 0;
      for (let match = m.pattern.exec(text); match; match = m.pattern.exec(text)) {
        if (match[0] === "") break;
        ranges.push([match.index, match.index + match[0].length]);
        best = QUALITY.same;
      }
    } else {
      for (const token of tokens) {
        const q = m.terms.get(token.term);
        if (q === undefined) continue;
        ranges.push([token.start, token.end]);
        if (q > best) best = q;
      }
    }
    if (best > 0) {
      words.add(w);
      quality += best;
    }
  });
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return { ranges: merged, words, quality };
}
