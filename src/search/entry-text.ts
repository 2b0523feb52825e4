// The text of an entry's fields as search reads it when the index is not enough:
// literal words in entries with a chunk too long to keep, phrases, excluded
// phrases, the bonus for words side by side, and the ranges to highlight.
import { readBodyFields, type BodyFields } from "../journal/lazy-entry.js";
import type { LoadedEntry } from "../journal/read.js";
import { FIELDS, type Field } from "./fields.js";
import { QUALITY, type WordMatcher } from "./matcher.js";
import { initialsOf, tokensAt, type TokenAt } from "./tokens.js";

/** The initials (tokensAt) of the terms some matchers look for. */
export const matchedInitials = (matchers: readonly WordMatcher[]): string => initialsOf(matchers.flatMap((m) => [...m.terms.keys()]));

/** Where a word of an entry stands, for the bonus of words side by side (adjacentShare). */
export interface WordPlace {
  term: string;
  /** The fields' words counted one after another in FIELDS order, each field FIELD_GAP places past the last one's words. */
  at: number;
}

/** Places between two fields: more than the two that count as near, so no words of two fields are near. */
export const FIELD_GAP = 3;

/** A field's text in NFC, as the index and the query words are: an NFD café.x in a file is found as when typed. */
export function fieldText(entry: Pick<LoadedEntry, "title" | "topic" | "tags">, body: () => BodyFields, field: Field): string {
  const text = field === "title" || field === "topic" ? entry[field] : field === "tags" ? entry.tags.join(" \n ") : body()[field];
  return text.normalize("NFC");
}

/** Calls `visit` with the place of each of an entry's words, given the terms of each field's words in order (of its words, joined words whole: EntryText, forEachWordTerm); a word without a term ("") is left out. */
export function forEachPlace(eachWord: (field: Field, visit: (term: string) => void) => void, visit: (term: string, at: number) => void): void {
  let at = 0;
  for (const field of FIELDS) {
    eachWord(field, (term) => {
      if (term) visit(term, at);
      at += 1;
    });
    at += FIELD_GAP;
  }
}

/**
 * The share (0 to 1) of neighbouring query words that stand side by side (or with one
 * word between) in some field, from the places of an entry's words: at least those of
 * the query's terms, in order. The CLI finds them in the text (EntryText), the site
 * in its index of places (site/search-base.ts): one code, one bonus.
 */
export function adjacentShare(matchers: readonly WordMatcher[], places: readonly WordPlace[]): number {
  let pairs = 0;
  let near = 0;
  for (let w = 0; w + 1 < matchers.length; w += 1) {
    const a = matchers[w]!;
    const b = matchers[w + 1]!;
    if (a.pattern || b.pattern) continue;
    pairs += 1;
    let best = 0;
    let lastA = -Infinity;
    let lastB = -Infinity;
    for (let i = 0; i < places.length && best < 1; i += 1) {
      const { term, at } = places[i]!;
      if (a.terms.has(term)) {
        if (at - lastB <= 2) best = Math.max(best, at - lastB === 1 ? 0.7 : 0.4);
        lastA = at;
      }
      if (b.terms.has(term)) {
        if (at - lastA === 1) best = 1;
        else if (at - lastA === 2) best = Math.max(best, 0.6);
        lastB = at;
      }
    }
    near += best;
  }
  return pairs ? near / pairs : 0;
}

/** Whether the bonus of words side by side needs any places: a pair of neighbouring query words that are not literal. */
export const hasWordPairs = (matchers: readonly WordMatcher[]): boolean => matchers.some((m, w) => w > 0 && !m.pattern && !matchers[w - 1]!.pattern);

/** The text of an entry's fields, read from its file on demand, with its tokens. */
export class EntryText {
  private body: BodyFields | undefined;
  private readonly tokens = new Map<Field, TokenAt[]>();

  /** `initials`: of every term its callers look for (tokensAt); the others are not stemmed. */
  constructor(
    private readonly entry: LoadedEntry,
    private readonly initials?: string,
  ) {}

  private readonly texts = new Map<Field, string>();

  /** A field's text in NFC (fieldText). */
  text(field: Field): string {
    let text = this.texts.get(field);
    if (text === undefined) this.texts.set(field, (text = fieldText(this.entry, () => (this.body ??= readBodyFields(this.entry.file)), field)));
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
  private readonly allTokens = new Map<Field, TokenAt[]>();

  /** Every token of a field, joined words whole and then by their parts (tokensAt), cut once. */
  private all(field: Field): TokenAt[] {
    let t = this.allTokens.get(field);
    if (!t) this.allTokens.set(field, (t = tokensAt(this.text(field), this.initials)));
    return t;
  }

  /** The words of a field, joined words whole. */
  private words(field: Field): TokenAt[] {
    let t = this.tokens.get(field);
    if (!t) this.tokens.set(field, (t = this.all(field).filter((x) => !x.part)));
    return t;
  }

  /** The words of a field with each joined word (RollingUpdate, select_related) in its parts instead; undefined when it has none. */
  private parts(field: Field): TokenAt[] | undefined {
    if (!this.parted.has(field)) {
      const all = this.all(field);
      const split = all.filter((x, i) => x.part || !all[i + 1]?.part);
      this.parted.set(field, split.length === this.words(field).length ? undefined : split);
    }
    return this.parted.get(field);
  }

  /** True when some field has the words one after another (a literal word: the text it matches, n+1 or c++, or a token that contains it). */
  hasSequence(words: WordMatcher[]): boolean {
    for (const field of FIELDS) {
      const text = this.text(field);
      const found = words.map((m) => (m.pattern ? literalMatches(m.pattern, text) : undefined));
      if (found.some((f) => f && f.starts.length === 0)) continue;
      for (const tokens of [this.words(field), this.parts(field)]) {
        if (!tokens) continue;
        for (let i = 0; i < tokens.length; i += 1) {
          if (sequenceAt(words, found, tokens, i, text)) return true;
        }
      }
    }
    return false;
  }

  /** The share (0 to 1) of neighbouring query words that stand side by side (adjacentShare), from this text. */
  adjacentPairs(matchers: WordMatcher[]): number {
    return hasWordPairs(matchers) ? adjacentShare(matchers, this.places()) : 0;
  }

  /** The places of the entry's words (forEachPlace), in order. */
  places(): WordPlace[] {
    const places: WordPlace[] = [];
    forEachPlace(
      (field, visit) => this.words(field).forEach((w) => visit(w.term)),
      (term, at) => places.push({ term, at }),
    );
    return places;
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
  const tokens = matchers.some((m) => !m.pattern) ? tokensAt(text, matchedInitials(matchers)) : [];
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
      // Chinese, Japanese or Korean inside longer words (東京 in 東京タワー).
      if (m.infix) {
        for (let at = text.indexOf(m.infix); at >= 0; at = text.indexOf(m.infix, at + m.infix.length)) {
          ranges.push([at, at + m.infix.length]);
          if (QUALITY.pair > best) best = QUALITY.pair;
        }
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
