// File names for generated pages. A topic comes from an entry, so its name may be
// anything: `../../x`, `<script>`, `CON`, emoji, Chinese. The slug is lower-case
// ASCII letters, digits and single `-` (domain/slug.ts), so it can never leave its
// folder, hide as a dot file or differ only by case; `--` never occurs in a slug
// and is kept for the parts of a split page (`python--2026.md`).

import { createHash } from "node:crypto";
import { slugify } from "../../domain/slug.js";

// Names Windows reserves in any folder, with any extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin|conout)$/;

const shortHash = (text: string) => createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 8);

/** A page name for one name: its slug, or `topic-HASH` when it has no Latin letters or digits. */
export function readmePageSlug(name: string): string {
  let slug = slugify(name);
  if (slug.startsWith("entry-") && !/[a-z0-9]/i.test(name.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))) slug = `topic-${shortHash(name)}`;
  if (RESERVED.test(slug)) slug = `${slug}-topic`;
  return slug;
}

/**
 * Unique slugs for keys (already unique, such as lower-cased topics): the key that
 * sorts first keeps the plain slug, the others that share it get a hash of their
 * own key, so a name depends on its key and its rivals, never on the order of files.
 */
export function uniqueSlugs(keys: string[]): Map<string, string> {
  const byslug = new Map<string, string[]>();
  for (const key of keys) {
    const slug = readmePageSlug(key);
    const list = byslug.get(slug);
    if (list) list.push(key);
    else byslug.set(slug, [key]);
  }
  const out = new Map<string, string>();
  const taken = new Set(byslug.keys());
  for (const [slug, list] of byslug) {
    list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    list.forEach((key, i) => {
      if (i === 0) return out.set(key, slug);
      let candidate = `${slug.slice(0, 50)}-${shortHash(key)}`;
      for (let n = 2; taken.has(candidate); n += 1) candidate = `${slug.slice(0, 50)}-${shortHash(`${key}#${n}`)}`;
      taken.add(candidate);
      out.set(key, candidate);
    });
  }
  return out;
}
