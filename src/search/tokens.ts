// Words as search sees them (the analyzer), used the same way when indexing and
// when reading a query:
// - a word is a run of letters, marks, digits and `_`; text without spaces between
//   words (Chinese, Japanese, Thai...) is cut into words by Intl.Segmenter;
// - a word is compared in lower case, without accents, in any Unicode form (NFC
//   and NFD alike), so `Café`, `cafe` and `CAFE` are one term;
// - an English word is reduced to its stem (Porter2), so cache, cached and caching
//   are one term; words with digits or `_` are kept as they are;
// - a word joined by `_` (select_related) is also a term by each of its parts.
import stem from "wink-porter2-stemmer";
import { lazyRegExp } from "../domain/lazy-regexp.js";
import { isAsciiText } from "../domain/unicode.js";

// The classes of Unicode letters, marks and digits are made only for text that is not all
// ASCII (lazy-regexp.ts): in ASCII they are [A-Za-z0-9_], and most text of a journal is.
export { isAsciiText };
const ASCII_TOKEN = /[A-Za-z0-9_]+/g;
const TOKEN = lazyRegExp(String.raw`[\p{L}\p{M}\p{N}_]+`, "gu");
const MARKS = lazyRegExp(String.raw`\p{M}+`, "gu");
const ASCII_WORD = /^[a-z0-9_]*$/;
const STEMMABLE = /^[a-z]{3,}$/;
/** Scripts written without spaces between words. */
const UNSPACED = lazyRegExp(String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]`, "u");

/** The longest term kept whole (as long as a query word may be); longer runs are kept by their parts. */
export const MAX_TERM_LENGTH = 100;

/** The form a word is compared in: lower case, accents removed, any Unicode form, a Greek final sigma as σ (ΟΔΟΣ, οδος and οδοσ are one word). */
export function normalizeTerm(token: string): string {
  const lower = token.toLowerCase();
  return ASCII_WORD.test(lower) ? lower : lower.normalize("NFKD").replace(MARKS(), "").normalize("NFC").replace(/ς/g, "σ");
}

const stems = new Map<string, string>();

/** The term of a normalized word: its English stem when it is a word of letters a to z. */
export function stemTerm(term: string): string {
  if (!STEMMABLE.test(term)) return term;
  let s = stems.get(term);
  if (s === undefined) {
    s = stem(term);
    if (stems.size < 100_000) stems.set(term, s);
  }
  return s;
}

/** The term a word of text or of a query counts as. */
export const termOf = (word: string): string => stemTerm(normalizeTerm(word));

/** The terms of the words of a text as written, each on its own (tokensAt without the parts of joined words), for texts read by the thousand. */
export function forEachWordTerm(text: string, visit: (term: string) => void): void {
  forEachWord(text, (raw) => {
    if (raw.length > MAX_TERM_LENGTH) return;
    let term = wordTerms.get(raw);
    if (term === undefined) {
      term = termOf(raw);
      if (wordTerms.size < 200_000) wordTerms.set(raw, term);
    }
    visit(term);
  });
}
const wordTerms = new Map<string, string>();

/** A token of a text and where it is. */
export interface TokenAt {
  term: string;
  start: number;
  end: number;
  /** A part of an underscore-joined word. */
  part: boolean;
}

let segmenter: Intl.Segmenter | undefined;

/** Calls `visit` with each word of the text (raw, as written) and where it starts. */
function forEachWord(text: string, visit: (raw: string, start: number) => void): void {
  if (isAsciiText(text)) {
    ASCII_TOKEN.lastIndex = 0;
    for (let match = ASCII_TOKEN.exec(text); match; match = ASCII_TOKEN.exec(text)) visit(match[0], match.index);
    return;
  }
  const token = TOKEN();
  token.lastIndex = 0;
  for (let match = token.exec(text); match; match = token.exec(text)) {
    const raw = match[0];
    if (!UNSPACED().test(raw)) {
      visit(raw, match.index);
      continue;
    }
    segmenter ??= new Intl.Segmenter("und", { granularity: "word" });
    for (const s of segmenter.segment(raw)) if (s.isWordLike) visit(s.segment, match.index + s.index);
  }
}

// Only words whose every part is a lower-case run (RollingUpdate, getElementById):
// names such as PostgreSQL, GraphQL or OAuth are not cut into pieces of a name.
const CAMEL_CASE = /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/;
const CAMEL_PART = /[A-Z]?[a-z]+/g;

/**
 * The parts of a joined word, each with where it starts in the word: the words of
 * `select_related` and of camelCase (`RollingUpdate`, `getElementById`); none for
 * a word of one part.
 */
export function wordParts(raw: string): { part: string; offset: number }[] {
  const joined = raw.includes("_");
  if (!joined && (raw.length < 5 || !CAMEL_CASE.test(raw))) return [];
  const out: { part: string; offset: number }[] = [];
  let offset = 0;
  for (const piece of joined ? raw.split("_") : [raw]) {
    if (CAMEL_CASE.test(piece)) {
      CAMEL_PART.lastIndex = 0;
      for (let m = CAMEL_PART.exec(piece); m; m = CAMEL_PART.exec(piece)) out.push({ part: m[0], offset: offset + m.index });
    } else if (piece) out.push({ part: piece, offset });
    offset += piece.length + 1;
  }
  return out.length > 1 ? out.filter((p) => p.part.length <= MAX_TERM_LENGTH) : [];
}

/**
 * A query word as the indexer cuts text: a run of Chinese, Japanese or Thai (which
 * is written without spaces) in its words, as Intl.Segmenter finds them (缓存 may
 * be 缓 and 存); any other word as it is.
 */
export function queryWordParts(word: string): string[] {
  if (isAsciiText(word) || !UNSPACED().test(word)) return [word];
  const parts: string[] = [];
  forEachWord(word, (raw) => parts.push(raw));
  // Only a word that is all letters is cut: n+1 or a mixed literal stays whole.
  return parts.length > 1 && parts.join("") === word ? parts : [word];
}

/**
 * Tokens of a text with their positions. Joined words (select_related,
 * RollingUpdate) come once whole and once per part, each part with its own position.
 *
 * Given `initials` (initialsOf the terms looked for), a token whose term cannot start
 * with one of them gets "" as its term, unstemmed: stemming every word of a text
 * costs more than reading it. The term of a word that starts with a character
 * a to z, A to Z, 0 to 9 or `_` starts with that character in lower case (lower case
 * keeps it, accents and marks are removed after it, and a stem keeps a word's start).
 */
export function tokensAt(text: string, initials?: string): TokenAt[] {
  const out: TokenAt[] = [];
  const term = initials === undefined ? termOf : (word: string) => (mayStartWith(word, initials) ? termOf(word) : "");
  forEachWord(text, (raw, start) => {
    if (raw.length <= MAX_TERM_LENGTH) out.push({ term: term(raw), start, end: start + raw.length, part: false });
    for (const { part, offset } of wordParts(raw)) out.push({ term: term(part), start: start + offset, end: start + offset + part.length, part: true });
  });
  return out;
}

/** Whether the term of a word may start with one of `initials`. */
function mayStartWith(word: string, initials: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 0x80) return true;
  return initials.includes(String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c));
}

/** The first characters of some terms, for tokensAt. */
export function initialsOf(terms: Iterable<string>): string {
  const initials = new Set<string>();
  for (const term of terms) if (term) initials.add(term[0]!);
  return [...initials].join("");
}

/** How often each term occurs in some texts (a word and its parts each count). */
export function termCounts(texts: string[], into: Map<string, number> = new Map()): Map<string, number> {
  const add = (word: string) => {
    if (!word || word.length > MAX_TERM_LENGTH) return;
    const term = termOf(word);
    into.set(term, (into.get(term) ?? 0) + 1);
  };
  for (const text of texts) {
    forEachWord(text, (raw) => {
      add(raw);
      for (const { part } of wordParts(raw)) add(part);
    });
  }
  return into;
}

// Punctuation around a word that is not part of it: quotes, brackets, sentence marks, slashes.
const EDGES = /^[\s"'`([{<,.;:!?/\\]+|[\s"'`)\]}>,.;:!?/\\]+$/gu;
const EMPTY_CALL = /(\(\)|\[\]|\{\})+$/u;

/** The word without the punctuation around it: `select_related()` → `select_related`, `/api/v1/` → `api/v1`. */
export function coreOf(word: string): string {
  let core = word;
  for (let previous = ""; previous !== core; ) {
    previous = core;
    core = core.replace(EMPTY_CALL, "").replace(EDGES, "");
  }
  return core;
}

/**
 * Starts a term that is a chunk of text with punctuation inside (`n+1`,
 * `asyncio.gather`, `api/v1`), not a word: what code-like query words are found
 * in. The mark alone stands for a chunk too long to keep (the entry's text is
 * then read to check).
 */
export const CHUNK_MARK = "\u0001";

/**
 * A chunk or a code-like query word in one case, as a case-insensitive RegExp
 * compares them when an entry's text is read: lower case, with the final sigma
 * (ς, which toLowerCase makes of Σ at a word's end) as σ, as the RegExp folds it.
 */
export const foldChunk = (text: string): string => text.toLowerCase().replace(/ς/gu, "σ");
/** The longest chunk kept. */
export const MAX_CHUNK_LENGTH = 200;
const WORD_CHAR = lazyRegExp(String.raw`[\p{L}\p{M}\p{N}_]`, "u");
const NOT_WORD_CHAR = lazyRegExp(String.raw`[^\p{L}\p{M}\p{N}_]`, "u");
const ASCII_WORD_CHAR = /[A-Za-z0-9_]/;
const ASCII_NOT_WORD_CHAR = /[^A-Za-z0-9_]/;
const SPACES = /\s+/u;

/**
 * How often each punctuated chunk occurs in some texts: the runs between spaces
 * with a letter or digit and punctuation inside them, without the punctuation
 * around them (coreOf), in lower case. A code-like word whose first and last
 * characters are letters or digits is inside such a chunk wherever it occurs.
 */
export function chunkCounts(texts: string[], into: Map<string, number> = new Map()): Map<string, number> {
  for (const text of texts) {
    const ascii = isAsciiText(text);
    const notWordChar = ascii ? ASCII_NOT_WORD_CHAR : NOT_WORD_CHAR();
    if (!notWordChar.test(text)) continue;
    for (const chunk of text.split(SPACES)) {
      if (!notWordChar.test(chunk)) continue;
      const core = coreOf(chunk);
      if (!notWordChar.test(core) || !(ascii ? ASCII_WORD_CHAR : WORD_CHAR()).test(core)) continue;
      const term = core.length > MAX_CHUNK_LENGTH ? CHUNK_MARK : CHUNK_MARK + foldChunk(core.normalize("NFC"));
      into.set(term, (into.get(term) ?? 0) + 1);
    }
  }
  return into;
}

/**
 * Starts a term that is two neighbouring characters of Chinese, Japanese or Korean
 * text (東京 of 東京タワー): a word of two such characters finds the longer words
 * and compounds that hold it, and a longer word the text where all its pairs are.
 */
export const PAIR_MARK = "\u0002";
/** Characters of the scripts indexed by pairs too (with ー and 々, which belong to no script of their own). */
const PAIRED = lazyRegExp(String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]`, "u");
const PAIRED_RUN = lazyRegExp(String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]{2,}`, "gu");

const ALL_PAIRED = lazyRegExp(String.raw`^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]{2,}$`, "u");
/** Whether a word is two or more characters of the scripts indexed by pairs of characters. */
export const isPairedWord = (word: string): boolean => !isAsciiText(word) && ALL_PAIRED().test(word);

/** The overlapping pairs of characters of a word of those scripts (東京タワー: 東京 京タ タワ ワー), as terms. */
export function pairsOf(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(PAIR_MARK + chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * How often each pair of neighbouring characters of Chinese, Japanese or Korean occurs
 * in some texts, across the words the segmenter cuts them into; a pair that is a word
 * of its own there is left out (the word is its term already), so it counts once.
 */
export function pairCounts(texts: string[], into: Map<string, number> = new Map()): Map<string, number> {
  for (const text of texts) {
    if (isAsciiText(text) || !PAIRED().test(text)) continue;
    // Compatibility forms first: half-width ﾃﾞｰﾀ is データ (its marks are no letters of the script).
    const normal = text.normalize("NFKC");
    const pairedRun = PAIRED_RUN();
    pairedRun.lastIndex = 0;
    for (let found = pairedRun.exec(normal); found; found = pairedRun.exec(normal)) {
      // Pairs of the run as a query word's are made: of its normal form (ｶﾞ is カ, が is か).
      const run = normalizeTerm(found[0]);
      const whole = new Set<number>();
      forEachWord(run, (raw, start) => {
        if ([...raw].length === 2) whole.add(start);
      });
      let at = 0;
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i += 1) {
        if (!whole.has(at)) {
          const term = PAIR_MARK + chars[i]! + chars[i + 1]!;
          into.set(term, (into.get(term) ?? 0) + 1);
        }
        at += chars[i]!.length;
      }
    }
  }
  return into;
}

/** The distinct terms of some texts. */
export function termsOf(texts: string[]): Set<string> {
  return new Set(termCounts(texts).keys());
}
