// What the generated pages show of an entry's body: its sections in short (the
// first paragraph, at most SHORT characters, as one inline line), made once per
// entry while its body is read, so that the bodies themselves need not be kept.

import type { LoadedEntry } from "../journal/read.js";
import { firstParagraph, inlineMarkdown } from "./escape.js";

const SHORT = 240;

/** The first paragraph of a section, at most SHORT characters, as one inline line. */
export function shortText(markdown: string): string {
  // The first paragraph starts within the first lines; a long section is not split whole.
  let text = firstParagraph(markdown.length > 4 * 1024 ? markdown.slice(0, 4 * 1024) : markdown);
  if (text.length > SHORT) {
    const cut = text.slice(0, SHORT);
    text = cut.slice(0, Math.max(cut.lastIndexOf(" "), SHORT / 2)).replace(/[\ud800-\udbff]$/, "");
    // A code span cut in half would run into the text after it.
    if ((text.match(/`/g)?.length ?? 0) % 2) text = text.slice(0, text.lastIndexOf("`"));
    text = `${text.trimEnd()} …`;
  }
  return inlineMarkdown(text);
}

export type Field = "challenge" | "solution" | "takeaway";
export type SectionFields = Pick<LoadedEntry, Field>;

/** An entry's sections in short ("" for a blank one), and which of them are there at all. */
export interface EntrySummary {
  challenge: string;
  solution: string;
  takeaway: string;
  hasChallenge: boolean;
  hasSolution: boolean;
  hasTakeaway: boolean;
}

/**
 * Gives each entry's sections to `each`, in order. The command passes a reader of
 * the entry files (journal/bodies.ts) that keeps no body in memory; by default the
 * entries' own fields.
 */
export type BodyReader = (entries: readonly LoadedEntry[], each: (entry: LoadedEntry, fields: SectionFields) => void) => void;

export const ownFields: BodyReader = (entries, each) => {
  for (const entry of entries) each(entry, entry);
};

/**
 * A copy of a short text that holds nothing else: a short text may be a slice of
 * the whole file's text, which would otherwise stay in memory as long as it does.
 */
const own = (text: string) => (text.length > 12 ? Buffer.from(text, "utf8").toString("utf8") : text);

export function summarize(fields: SectionFields): EntrySummary {
  const hasChallenge = fields.challenge.trim() !== "";
  const hasSolution = fields.solution.trim() !== "";
  const hasTakeaway = fields.takeaway.trim() !== "";
  return {
    challenge: hasChallenge ? own(shortText(fields.challenge)) : "",
    solution: hasSolution ? own(shortText(fields.solution)) : "",
    takeaway: hasTakeaway ? own(shortText(fields.takeaway)) : "",
    hasChallenge,
    hasSolution,
    hasTakeaway,
  };
}
