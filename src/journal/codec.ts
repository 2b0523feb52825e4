// Whole numbers as short strings of printable ASCII, the way the search index is
// stored in the cache: base 45, a number's last digit from one alphabet and its
// other digits from a second, so numbers follow each other with no separator and
// a byte tells on its own whether a number ends there.
export const BASE = 45;
const ALPHABET = Array.from({ length: 126 - 35 + 1 }, (_, i) => String.fromCharCode(35 + i))
  .filter((ch) => ch !== "\\")
  .slice(0, BASE * 2);
const LAST = ALPHABET.slice(0, BASE);
const MORE = ALPHABET.slice(BASE);
/** Char code → digit, +BASE for a leading digit, -1 for anything else. */
export const DIGIT = new Int16Array(256).fill(-1);
ALPHABET.forEach((ch, i) => (DIGIT[ch.charCodeAt(0)] = i));

/** The digits of one number (0 or more). */
export function encodeNumber(n: number): string {
  let digits = LAST[n % BASE]!;
  for (let rest = Math.floor(n / BASE); rest > 0; rest = Math.floor(rest / BASE)) digits = MORE[rest % BASE]! + digits;
  return digits;
}

/**
 * Calls `visit` with each number of `bytes[start, end)`; returns false when they
 * are not encoded numbers (a byte outside the alphabet, or a number cut short).
 */
export function forEachNumber(bytes: Uint8Array, start: number, end: number, visit: (n: number) => void): boolean {
  let value = 0;
  let open = false;
  for (let i = start; i < end; i += 1) {
    const digit = DIGIT[bytes[i]!]!;
    if (digit < 0) return false;
    if (digit >= BASE) {
      value = value * BASE + (digit - BASE);
      open = true;
    } else {
      visit(value * BASE + digit);
      value = 0;
      open = false;
    }
  }
  return !open;
}

/** The most digits a number below 2^32 takes. */
export const MAX_DIGITS = 6;
const LAST_CODES = Uint8Array.from(LAST, (ch) => ch.charCodeAt(0));
const MORE_CODES = Uint8Array.from(MORE, (ch) => ch.charCodeAt(0));

/** How many digits encodeNumber gives `n`. */
export function numberLength(n: number): number {
  let length = 1;
  for (let rest = Math.floor(n / BASE); rest > 0; rest = Math.floor(rest / BASE)) length += 1;
  return length;
}

/** Writes the digits of encodeNumber(n) into `bytes` at `at` (which must have room); returns where they end. */
export function writeNumber(bytes: Uint8Array, at: number, n: number): number {
  const end = at + numberLength(n);
  let i = end - 1;
  bytes[i] = LAST_CODES[n % BASE]!;
  for (let rest = Math.floor(n / BASE); rest > 0; rest = Math.floor(rest / BASE)) bytes[--i] = MORE_CODES[rest % BASE]!;
  return end;
}

/**
 * The terms of one entry as a read keeps them until they are stored by term
 * (postings.ts): one string of (term id, packed counts) pairs, in encoded numbers.
 * What a packed number says is the analyzer's business (search/index-terms.ts).
 */
export function encodePairs(pairs: Iterable<[id: number, packed: number]>): string {
  const out: string[] = [];
  for (const [id, packed] of pairs) out.push(encodeNumber(id), encodeNumber(packed));
  return out.join("");
}

/** Calls `visit` with each (term id, packed counts) pair of an entry's encoded terms. */
export function forEachPair(pairs: string, visit: (id: number, packed: number) => void): void {
  const bytes = Buffer.from(pairs, "latin1");
  let id = -1;
  forEachNumber(bytes, 0, bytes.length, (n) => {
    if (id < 0) id = n;
    else {
      visit(id, n);
      id = -1;
    }
  });
}
