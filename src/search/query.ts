// What a person typed, turned into what to look for. The syntax, as on GitHub and
// in web search engines:
//   words              every word must match (as a word form, a prefix or with a typo)
//   "exact phrase"     these words, in this order
//   -word, -"phrase"   no entry with it
//   topic:NAME tag:NAME since:YYYY-MM-DD until:YYYY-MM-DD   (a value with spaces in quotes)
// Plain words (`celery`) are matched as terms; code-ish words (`n+1`,
// `asyncio.gather`, `retry-after`, `c++`, `/api/v1/`) literally, as text in any
// case (tokens.ts indexes the punctuated chunks of text they can be found in).
import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { lazyRegExp } from "../domain/lazy-regexp.js";
import { dateFlag, type EntryFilter } from "../journal/filter.js";
import { coreOf, isAsciiText, MAX_TERM_LENGTH, normalizeTerm, queryWordParts, stemTerm, tokensAt } from "./tokens.js";

export const MAX_WORDS = 24;
export const MAX_WORD_LENGTH = 100;

export type QueryWord =
  | { kind: "term"; text: string; term: string; raw: string }
  | { kind: "literal"; text: string; literal: string; parts: string[] };

export interface Query {
  /** Words every result has (phrase words included). */
  words: QueryWord[];
  /** Each phrase as the indexes of its words in `words`, in order. */
  phrases: number[][];
  /** Words (or phrases, as several words) no result has. */
  excluded: QueryWord[][];
  /** topic:, tag:, since:, until:. */
  filter: EntryFilter;
}

const ONE_TOKEN = lazyRegExp(String.raw`^[\p{L}\p{M}\p{N}_]+$`, "u");
const ONE_ASCII_TOKEN = /^[A-Za-z0-9_]+$/;
const FILTER = /^(topic|tag|since|until):/iu;

export { coreOf } from "./tokens.js";

function quoted(text: string): string {
  const shown = inertLine(text);
  return `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`;
}

/** One word of a query, classified. */
export function queryWord(text: string): QueryWord {
  const core = coreOf(text);
  if (core && (isAsciiText(core) ? ONE_ASCII_TOKEN : ONE_TOKEN()).test(core) && core.length <= MAX_TERM_LENGTH) {
    const raw = normalizeTerm(core);
    return { kind: "term", text, term: stemTerm(raw), raw };
  }
  const literal = (core || text).normalize("NFC");
  const parts = [...new Set(tokensAt(literal).filter((t) => !t.part).map((t) => t.term))];
  return { kind: "literal", text, literal, parts };
}

const keyOf = (w: QueryWord) => (w.kind === "term" ? `t:${w.term}` : `l:${w.literal.toLowerCase()}`);

interface Piece {
  negated: boolean;
  /** A quoted phrase (its words), or one word. */
  phrase: boolean;
  text: string;
  filter?: string;
}

/** Cuts the query into pieces: words, quoted phrases, negations and filters. */
function pieces(query: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    if (/\s/u.test(query[i]!)) {
      i += 1;
      continue;
    }
    const start = i;
    let negated = false;
    if (query[i] === "-" && i + 1 < n && !/[\s-]/u.test(query[i + 1]!)) {
      negated = true;
      i += 1;
    }
    const filter = FILTER.exec(query.slice(i));
    let key: string | undefined;
    if (filter && !negated) {
      key = filter[1]!.toLowerCase();
      i += filter[0].length;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new UsageError(`the quote opened in ${quoted(query.slice(start))} is never closed`, { hint: 'a phrase goes in double quotes: "connection pool"' });
      out.push({ negated, phrase: key === undefined, text: query.slice(i + 1, close), ...(key ? { filter: key } : {}) });
      i = close + 1;
      continue;
    }
    let end = i;
    while (end < n && !/\s/u.test(query[end]!)) end += 1;
    out.push({ negated, phrase: false, text: query.slice(i, end), ...(key ? { filter: key } : {}) });
    i = end;
  }
  return out;
}

/**
 * Parses the arguments of a search (joined by spaces: a quoted shell argument with
 * spaces is several words). Throws a UsageError for a malformed or overlong query.
 */
export function parseSearch(args: string[]): Query {
  const text = args.join(" ").normalize("NFC");
  const query: Query = { words: [], phrases: [], excluded: [], filter: {} };
  const seen = new Map<string, number>();
  const add = (word: QueryWord): number => {
    const key = keyOf(word);
    const known = seen.get(key);
    if (known !== undefined) return known;
    seen.set(key, query.words.length);
    query.words.push(word);
    return query.words.length - 1;
  };
  let count = 0;
  for (const piece of pieces(text)) {
    if (piece.filter) {
      applyFilter(query.filter, piece.filter, piece.text.trim());
      continue;
    }
    const texts = piece.text.split(/\s+/u).filter(Boolean);
    const long = texts.find((t) => t.length > MAX_WORD_LENGTH);
    if (long) throw new UsageError(`a search word can be at most ${MAX_WORD_LENGTH} characters; ${quoted(long)} has ${long.length}`);
    if (texts.length === 0) {
      if (piece.phrase) throw new UsageError('an empty phrase ("") in the query', { hint: 'a phrase goes in double quotes: "connection pool"' });
      continue;
    }
    // A word of Chinese, Japanese or Thai is cut as the entries' text is: its words one after another.
    const cut = texts.map(queryWordParts);
    const all = cut.flat();
    count += all.length;
    if (piece.negated) query.excluded.push(all.map(queryWord));
    else if (piece.phrase && all.length > 1) query.phrases.push(all.map((word) => add(queryWord(word))));
    else {
      for (const parts of cut) {
        const indexes = parts.map((part) => add(queryWord(part)));
        if (indexes.length > 1) query.phrases.push(indexes);
      }
    }
  }
  if (count > MAX_WORDS) {
    throw new UsageError(`a search can have at most ${MAX_WORDS} words; this one has ${count}`, {
      hint: "every word must match, so a few distinctive words find more",
    });
  }
  return query;
}

function applyFilter(filter: EntryFilter, key: string, value: string): void {
  if (!value) {
    const example = key === "since" || key === "until" ? `${key}:2024-01-31` : key === "tag" ? "tag:orm" : 'topic:Django or topic:"REST APIs"';
    throw new UsageError(`${key}: in the query needs a ${key === "since" || key === "until" ? "date" : "name"}, such as ${example}`);
  }
  if (key === "topic") {
    if (filter.topic !== undefined && filter.topic.toLowerCase() !== value.toLowerCase()) {
      throw new UsageError(`the query names two topics (${quoted(filter.topic)} and ${quoted(value)}); an entry has one`);
    }
    filter.topic = value;
  } else if (key === "tag") filter.tags = [...(filter.tags ?? []), value];
  else {
    const date = dateFlag(`${key}:`, value)!;
    if (key === "since") filter.since = filter.since && filter.since > date ? filter.since : date;
    else filter.until = filter.until && filter.until < date ? filter.until : date;
  }
}

/** The words of a query without syntax (kept for callers that only need words). */
export function parseQuery(args: string[]): QueryWord[] {
  return parseSearch(args).words;
}

/** Merges the query's filters with the command's flags: both must hold. */
export function mergeFilters(flags: EntryFilter, inQuery: EntryFilter): EntryFilter {
  if (flags.topic !== undefined && inQuery.topic !== undefined && flags.topic.trim().toLowerCase() !== inQuery.topic.toLowerCase()) {
    throw new UsageError(`--topic ${quoted(flags.topic)} and topic:${quoted(inQuery.topic)} in the query differ; an entry has one topic`);
  }
  const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : a ?? b);
  const earlier = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : a ?? b);
  return {
    topic: flags.topic ?? inQuery.topic,
    tags: [...(flags.tags ?? []), ...(inQuery.tags ?? [])],
    since: later(flags.since, inQuery.since),
    until: earlier(flags.until, inQuery.until),
  };
}
