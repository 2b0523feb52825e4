// Words as search sees them: runs of letters, digits and `_`, in lower case and
// without accents, so `Café`, `cafe` and `CAFE` are one term. A word joined by
// `_` (select_related) is also indexed by its parts (select, related).

const TOKEN = /[\p{L}\p{N}_]+/gu;
const MARKS = /\p{M}+/gu;
const ASCII_WORD = /^[a-z0-9_]*$/;

/** The form a term is compared in: lower case, accents removed. */
export function normalizeTerm(token: string): string {
  const lower = token.toLowerCase();
  return ASCII_WORD.test(lower) ? lower : lower.normalize("NFKD").replace(MARKS, "");
}

/** A token of a text and where it is. */
export interface TokenAt {
  term: string;
  start: number;
  end: number;
  /** A part of an underscore-joined word. */
  part: boolean;
}

/**
 * Tokens of a text with their positions. Underscore-joined words come once
 * whole and once per part, each part with its own position.
 */
export function tokensAt(text: string): TokenAt[] {
  const out: TokenAt[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const raw = match[0];
    const start = match.index;
    out.push({ term: normalizeTerm(raw), start, end: start + raw.length, part: false });
    if (raw.includes("_")) {
      let offset = 0;
      for (const part of raw.split("_")) {
        if (part && part.length !== raw.length) out.push({ term: normalizeTerm(part), start: start + offset, end: start + offset + part.length, part: true });
        offset += part.length + 1;
      }
    }
  }
  return out;
}

/** The distinct terms of some texts. */
export function termsOf(texts: string[], into: Set<string> = new Set()): Set<string> {
  for (const text of texts) {
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
      const raw = match[0];
      const term = normalizeTerm(raw);
      // Very long runs (hashes, base64) are not words anyone types; they are left out.
      if (term.length > MAX_TERM_LENGTH) continue;
      into.add(term);
      if (raw.includes("_")) for (const part of term.split("_")) if (part) into.add(part);
    }
  }
  return into;
}

export const MAX_TERM_LENGTH = 64;

// Term ids are stored as short strings of printable ASCII inside the JSON cache:
// base 45, each id's last digit from one alphabet and the others from a second.
export const BASE = 45;
const ALPHABET = Array.from({ length: 126 - 35 + 1 }, (_, i) => String.fromCharCode(35 + i))
  .filter((ch) => ch !== "\\")
  .slice(0, BASE * 2);
const LAST = ALPHABET.slice(0, BASE);
const MORE = ALPHABET.slice(BASE);
/** Char code → digit, +BASE for a leading digit, -1 for anything else. */
export const DIGIT = new Int16Array(256).fill(-1);
ALPHABET.forEach((ch, i) => (DIGIT[ch.charCodeAt(0)] = i));

export function encodeIds(ids: Iterable<number>): string {
  // Joined, not concatenated: `+=` would keep a rope of small strings per entry.
  const out: string[] = [];
  for (const id of ids) {
    let digits = LAST[id % BASE]!;
    for (let rest = Math.floor(id / BASE); rest > 0; rest = Math.floor(rest / BASE)) digits = MORE[rest % BASE]! + digits;
    out.push(digits);
  }
  return out.join("");
}

/** A space separates groups of ids in one string. */
export const GROUP_SEPARATOR = 32;

/** Calls `visit` for each id of an encoded list (spaces between groups are skipped); returns false when the text is not an encoded list. */
export function forEachId(encoded: string, visit: (id: number) => void): boolean {
  let value = 0;
  for (let i = 0; i < encoded.length; i += 1) {
    const code = encoded.charCodeAt(i);
    if (code === GROUP_SEPARATOR && value === 0) continue;
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0) return false;
    if (digit >= BASE) value = value * BASE + (digit - BASE);
    else {
      visit(value * BASE + digit);
      value = 0;
    }
  }
  return value === 0;
}

export function decodeIds(encoded: string): number[] | undefined {
  const ids: number[] = [];
  return forEachId(encoded, (id) => ids.push(id)) ? ids : undefined;
}
