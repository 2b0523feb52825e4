import { createHash } from "node:crypto";
import { lazyRegExp } from "./lazy-regexp.js";
import { isAsciiText } from "./unicode.js";

const FOLDS: Record<string, string> = {
  ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ø: "o", Ø: "o", đ: "d", Đ: "d",
  ł: "l", Ł: "l", þ: "th", Þ: "th", ð: "d", Ð: "d", ı: "i",
};

const MAX_SLUG = 60;

/** The title with Latin accents folded (NFKD, marks dropped, ß to ss...), C++ and C# spelled out, lower-case. */
function fold(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // Lower-case first: the capital sharp s (ẞ) is folded as ß is.
    .toLowerCase()
    .replace(/[ßæÆœŒøØđĐłŁþÞðÐı]/g, (ch) => FOLDS[ch] ?? ch)
    .replace(/([a-z])\+\+/gi, "$1pp") // C++ -> cpp
    .replace(/([a-z])#/gi, "$1sharp"); // C# -> csharp
}

/** The words joined by `-` up to `max` characters; a first word longer than that is cut (by code points). */
function joinWords(words: string[], max = MAX_SLUG): string {
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) break;
    slug = next;
  }
  if (slug || !words[0]) return slug;
  let cut = "";
  for (const ch of words[0]) {
    if (cut.length + ch.length > max) break;
    cut += ch;
  }
  return cut;
}

const shortHash = (text: string) => createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 8);

/** `entry-` and a short hash of the title: different titles get different, stable names. */
function hashedSlug(title: string): string {
  return `entry-${shortHash(title)}`;
}

/**
 * A URL- and file-name-safe slug: lower-case ASCII words joined by `-`, accents folded.
 * A title with no Latin letters or digits gets `entry-` and a short hash of the
 * title, so different titles still get different, stable names. Page names and anchors.
 */
export function slugify(title: string): string {
  return joinWords(fold(title).split(/[^a-z0-9]+/).filter(Boolean)) || hashedSlug(title);
}

/**
 * An ASCII page name for a file name (the site's entry pages): slugify's, where it keeps
 * every word. A name with words slugify drops (`2026-12-01-東京タワーの高さ`, `cafe-が`)
 * gets the Latin words and digits it has and a short hash of the whole name, so that two
 * such names on a day never share a page and a page keeps its name when others are added.
 */
export function pageSlug(name: string): string {
  const folded = fold(name);
  if (isAsciiText(folded)) return slugify(name);
  const words = joinWords(folded.split(/[^a-z0-9]+/).filter(Boolean), MAX_SLUG - 9);
  return `${words || "entry"}-${shortHash(name)}`;
}

// Letters and digits of any script, with their marks (a kana's voicing, a Devanagari vowel sign).
const WORD_BREAK = lazyRegExp(String.raw`[^\p{L}\p{N}\p{M}]+`, "u");
const LEADING_MARKS = lazyRegExp(String.raw`^\p{M}+`, "u");

/**
 * The slug of an entry's file name: as slugify, but words of any script are kept as they
 * are, in NFC (`2026-12-06-東京タワーの高さ.md`, `...-привет-мир.md`), where slugify
 * gives `entry-` and a hash. Latin titles get slugify's slug. Only letters, digits and
 * their marks are kept: no separator, dot, control, format (bidi) or emoji character.
 */
export function fileSlug(title: string): string {
  const folded = fold(title);
  // ASCII (all Latin titles, once folded): the same words as slugify, without making the Unicode classes.
  if (isAsciiText(folded)) return slugify(title);
  const words = folded
    .normalize("NFC")
    .split(WORD_BREAK())
    .map((word) => word.replace(LEADING_MARKS(), ""))
    .filter(Boolean);
  return joinWords(words) || hashedSlug(title);
}
