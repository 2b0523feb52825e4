// What the site's search files and the browser's store (browser/store.ts) agree on:
// how the postings are split into a base and a tail, which tail file holds a term,
// and how the words are written. Pure, bundled into both.
import { forEachNumber } from "../journal/codec.js";

/** How many files hold the tail's postings. */
export const TAIL_SHARDS = 8;

/**
 * The base holds the entries before the last whole block of this many: 8 for a
 * small journal (so both parts are used and tested), up to 128 from 8,192 entries.
 */
export function tailBlock(count: number): number {
  return Math.min(128, Math.max(8, 2 ** Math.floor(Math.log2(Math.max(1, count / 64)))));
}

/** The tail file of a term: a hash of its UTF-16 code units (FNV-1a). */
export function shardOf(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return (h >>> 0) % TAIL_SHARDS;
}

/** The longest prefix a word shares with the one before, as frontCode writes it. */
const MAX_SHARED = 60;

/** Words as one text: each as a character saying how many code units it shares with the one before, then the rest; a line each. */
export function frontCode(words: readonly string[]): string {
  let previous = "";
  return words
    .map((word) => {
      let shared = 0;
      while (shared < MAX_SHARED && shared < word.length && shared < previous.length && word.charCodeAt(shared) === previous.charCodeAt(shared)) shared += 1;
      // A surrogate pair is never cut in two.
      if (shared > 0 && shared < word.length && (word.charCodeAt(shared) & 0xfc00) === 0xdc00) shared -= 1;
      previous = word;
      return String.fromCharCode(48 + shared) + word.slice(shared);
    })
    .join("\n");
}

/** The words frontCode wrote. */
export function frontDecode(text: string): string[] {
  if (!text) return [];
  let previous = "";
  return text.split("\n").map((line) => {
    previous = previous.slice(0, line.charCodeAt(0) - 48) + line.slice(1);
    return previous;
  });
}

/** Calls `visit` with each number of a text of encoded numbers (journal/codec.ts). */
export function decodeNumbers(text: string, visit: (n: number) => void): void {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  forEachNumber(bytes, 0, bytes.length, visit);
}
