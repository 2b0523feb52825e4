// What a person typed, turned into words to look for. Plain words (`celery`) are
// matched as terms: exactly, as a prefix or with a typo. Code-ish words (`n+1`,
// `asyncio.gather`, `retry-after`, `c++`, `/api/v1/`) are matched literally, as
// text, ignoring case; their letters and digits only narrow the entries to check.
import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { MAX_TERM_LENGTH, normalizeTerm, tokensAt } from "./tokens.js";

export const MAX_WORDS = 24;
export const MAX_WORD_LENGTH = 100;

export type QueryWord =
  | { kind: "term"; text: string; term: string }
  | { kind: "literal"; text: string; literal: string; parts: string[] };

// Punctuation around a word that is not part of it: quotes, brackets, sentence marks, slashes.
const EDGES = /^[\s"'`([{<,.;:!?/\\]+|[\s"'`)\]}>,.;:!?/\\]+$/gu;
const EMPTY_CALL = /(\(\)|\[\]|\{\})+$/u;
const ONE_TOKEN = /^[\p{L}\p{N}_]+$/u;

/** The word without the punctuation around it: `select_related()` → `select_related`, `/api/v1/` → `api/v1`. */
export function coreOf(word: string): string {
  let core = word;
  for (let previous = ""; previous !== core; ) {
    previous = core;
    core = core.replace(EMPTY_CALL, "").replace(EDGES, "");
  }
  return core;
}

function quoted(text: string): string {
  const shown = inertLine(text);
  return `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`;
}

/**
 * Splits the arguments into words (a quoted argument with spaces is several
 * words) and classifies each. Returns [] when there is nothing but white space.
 * Throws a UsageError for a query too long to be a search.
 */
export function parseQuery(args: string[]): QueryWord[] {
  const texts = args.join(" ").split(/\s+/u).filter(Boolean);
  const long = texts.find((t) => t.length > MAX_WORD_LENGTH);
  if (long) {
    throw new UsageError(`a search word can be at most ${MAX_WORD_LENGTH} characters; ${quoted(long)} has ${long.length}`);
  }
  const words: QueryWord[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const core = coreOf(text);
    let word: QueryWord;
    if (core && ONE_TOKEN.test(core)) {
      word = { kind: "term", text, term: normalizeTerm(core) };
    } else {
      const literal = core || text;
      const parts = [...new Set(tokensAt(literal).filter((t) => !t.part && t.term.length <= MAX_TERM_LENGTH).map((t) => t.term))];
      word = { kind: "literal", text, literal, parts };
    }
    const key = word.kind === "term" ? `t:${word.term}` : `l:${word.literal.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  if (words.length > MAX_WORDS) {
    throw new UsageError(`a search can have at most ${MAX_WORDS} words; this one has ${words.length}`, {
      hint: "every word must match, so a few distinctive words find more",
    });
  }
  return words;
}
