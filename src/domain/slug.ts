import { createHash } from "node:crypto";

const FOLDS: Record<string, string> = {
  ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ø: "o", Ø: "o", đ: "d", Đ: "d",
  ł: "l", Ł: "l", þ: "th", Þ: "th", ð: "d", Ð: "d", ı: "i",
};

const MAX_SLUG = 60;

/**
 * A file-name-safe slug: lower-case ASCII words joined by `-`, accents folded.
 * A title with no Latin letters or digits gets `entry-` and a short hash of the
 * title, so different titles still get different, stable names.
 */
export function slugify(title: string): string {
  const folded = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[ßæÆœŒøØđĐłŁþÞðÐı]/g, (ch) => FOLDS[ch] ?? ch)
    .replace(/([a-z])\+\+/gi, "$1pp") // C++ -> cpp
    .replace(/([a-z])#/gi, "$1sharp") // C# -> csharp
    .toLowerCase();
  const words = folded.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, MAX_SLUG);
  if (slug) return slug;
  const hash = createHash("sha256").update(title.normalize("NFC")).digest("hex").slice(0, 8);
  return `entry-${hash}`;
}
