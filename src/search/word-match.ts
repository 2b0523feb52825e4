// A query word matched against the journal's vocabulary of terms (stems, see tokens.ts):
// the same term, a term it is the start of, or a term within one or two typos, each with
// a quality from 1 down; a literal word (`n+1`) by the chunks that hold it; a CJK word
// also inside longer words, by its pairs of characters.
import { lazyRegExp } from "../domain/lazy-regexp.js";
import { boundedDistance, mayBeWithin } from "./distance.js";
import type { QueryWord } from "./query.js";
import { QUALITY, type WordMatcher } from "./matcher.js";
import { foldChunk, isAsciiText, isPairedWord, pairsOf } from "./tokens.js";

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

/** How many typos a word of this length may have. */
export function typosAllowed(length: number): number {
  return length <= 3 ? 0 : length <= 6 ? 1 : 2;
}

export interface MatchOptions {
  /** Only the same term (for phrases and exclusions). */
  exact?: boolean;
  /** The word may be half typed (the query's last word): it also matches a term it starts with. */
  typing?: boolean;
}

/** The terms of the vocabulary that count as the word. */
export function matchWord(vocabulary: readonly string[], word: QueryWord, options: MatchOptions = {}): WordMatcher {
  if (word.kind === "literal") return matchLiteral(vocabulary, word);
  const terms = new Map<string, number>();
  const ids = new Map<number, number>();
  const { term: w, raw } = word;
  if (options.exact) {
    vocabulary.forEach((t, id) => {
      if (t === w || t === raw) {
        terms.set(t, QUALITY.same);
        ids.set(id, QUALITY.same);
      }
    });
    return { word, terms, ids, pattern: undefined };
  }
  const quality = termQuality(vocabulary, w, raw, options.typing === true);
  // Chinese, Japanese or Korean: also inside longer words, by its pairs of characters.
  const pairs = isPairedWord(raw) ? new Map(pairsOf(raw).map((p) => [p, -1])) : undefined;
  for (let id = 0; id < vocabulary.length; id += 1) {
    const t = vocabulary[id]!;
    if (t.charCodeAt(0) <= 2) {
      if (pairs?.has(t)) pairs.set(t, id);
      continue;
    }
    const q = quality(t);
    if (q === undefined) continue;
    terms.set(t, q);
    ids.set(id, q);
  }
  return { word, terms, ids, pattern: undefined, ...pairMatch(pairs, ids, raw) };
}

/** A literal word: the chunks of the vocabulary that hold it (and the one that says to read the text), when it can be inside one. */
function matchLiteral(vocabulary: readonly string[], word: Extract<QueryWord, { kind: "literal" }>): WordMatcher {
  const terms = new Map<string, number>();
  const ids = new Map<number, number>();
  const pattern = new RegExp(escapeRegExp(word.literal), "giu");
  const literal = foldChunk(word.literal);
  const ascii = isAsciiText(literal);
  if (!(ascii ? ASCII_WORD_ENDS : WORD_ENDS()).test(literal) || !(ascii ? ASCII_NOT_WORD_CHAR : NOT_WORD_CHAR()).test(literal)) return { word, terms, ids, pattern };
  let verify: number | undefined;
  vocabulary.forEach((t, id) => {
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

/** How well a term of the vocabulary matches the word (its stem `w`, as written `raw`); undefined: not at all. */
function termQuality(vocabulary: readonly string[], w: string, raw: string, typing: boolean): (t: string) => number | undefined {
  const known = vocabulary.includes(w) || vocabulary.includes(raw);
  const prefix = raw.length >= 3;
  // Short words that the journal has (whole or as the start of a word) are not
  // widened by typos: `csrf` and `etag` find csrf and ETags, not every
  // four-letter word one letter away.
  const typos = w.length <= 5 && (known || (prefix && vocabulary.some((t) => t.startsWith(raw)))) ? 0 : typosAllowed(w.length);
  const rawTypos = Math.min(typos, typosAllowed(raw.length) - 1);
  const typoQuality = (d: number) => (d <= 1 ? QUALITY.oneTypo : QUALITY.twoTypos) * (known ? QUALITY.knownWord : 1);
  return (t) => {
    if (t === w || t === raw) return QUALITY.same;
    if (prefix && t.startsWith(raw)) return QUALITY.prefix;
    if (typing && t.length >= 4 && raw.length - t.length <= 3 && raw.startsWith(t)) return QUALITY.prefix;
    if (typos <= 0 || t.length < 3) return undefined;
    if (Math.abs(t.length - w.length) <= typos && mayBeWithin(w, t, typos)) {
      const d = boundedDistance(w, t, typos);
      if (d <= typos) return typoQuality(d);
    }
    // A typo can keep a word from stemming (idempotnecy): the start of it, up to
    // the length of a stem, within fewer typos, followed by a short ending.
    if (rawTypos >= 0 && t.length >= 5 && raw.length > t.length && raw.length - t.length <= 4 && mayBeWithin(raw, t, rawTypos)) {
      const d = boundedDistance(raw.slice(0, t.length), t, rawTypos);
      if (d <= rawTypos) return typoQuality(d + 1);
    }
    return undefined;
  };
}

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
