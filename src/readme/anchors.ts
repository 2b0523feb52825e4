// Table of contents links: GitHub gives each heading an anchor made from its
// rendered text: lower-cased, punctuation and emoji removed, each space a `-`,
// and `-1`, `-2` ... for repeated headings (github-slugger does the same).

import { FenceTracker } from "../domain/fences.js";

export interface Heading {
  level: number;
  /** The heading's markdown, as written. */
  text: string;
  /** 0-based line in the document. */
  line: number;
  anchor: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/** The text GitHub renders for a heading's markdown: links as their text, escapes and emphasis resolved. */
export function headingPlainText(markdown: string): string {
  // `&lt;` is how nexus writes a `<` of a title (escape.ts): it renders as `<`.
  const text = markdown.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/&lt;/g, "<");
  let out = "";
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      out += text[i + 1];
      i += 1;
    } else if (ch === "*" || ch === "`") {
      // emphasis and code span delimiters are not text
    } else if (ch === "_") {
      const inWord = /[\p{L}\p{N}]/u.test(text[i - 1] ?? "") && /[\p{L}\p{N}]/u.test(text[i + 1] ?? "");
      if (inWord) out += ch;
    } else {
      out += ch;
    }
  }
  return out;
}

/** GitHub's anchor for a heading text (before de-duplication). */
export function githubSlug(markdown: string): string {
  return headingPlainText(markdown)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every ATX heading outside code blocks, with its de-duplicated anchor. */
export function findHeadings(document: string): Heading[] {
  const headings: Heading[] = [];
  const counts = new Map<string, number>();
  const code = new FenceTracker();
  document.split("\n").forEach((line, index) => {
    if (code.inCode(line)) return;
    const match = ATX.exec(line);
    if (!match || !match[2]) return;
    const base = githubSlug(match[2]);
    const seen = counts.get(base);
    counts.set(base, (seen ?? -1) + 1);
    const anchor = seen === undefined ? base : `${base}-${seen + 1}`;
    headings.push({ level: match[1]!.length, text: match[2].trim(), line: index, anchor });
  });
  return headings;
}

/** A nested list of links to the `##` (to `depth`) headings after line `afterLine`. */
export function tableOfContents(document: string, afterLine: number, depth: number): string {
  const lines = findHeadings(document)
    .filter((h) => h.line > afterLine && h.level >= 2 && h.level <= depth)
    .map((h) => {
      // A link inside a link is not allowed: a heading's own links become their text.
      const label = h.text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");
      return `${"  ".repeat(h.level - 2)}- [${label}](#${h.anchor})`;
    });
  return lines.join("\n");
}
