// What the generated pages show of an entry's body: its sections in short (the
// first paragraph, at most SHORT characters, as one inline line), made once per
// entry while its body is read, so that the bodies themselves need not be kept.

import type { LoadedEntry } from "../journal/read.js";
import { firstParagraph, inlineMarkdown } from "./escape.js";
import { ItemBytes } from "./pages/bytes.js";

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

/**
 * Gives each entry's sections to `each`, in order. The command passes a reader of
 * the entry files (journal/bodies.ts) that keeps no body in memory; by default the
 * entries' own fields.
 */
export type BodyReader = (entries: readonly LoadedEntry[], each: (entry: LoadedEntry, fields: SectionFields) => void) => void;

export const ownFields: BodyReader = (entries, each) => {
  for (const entry of entries) each(entry, entry);
};

const FIELDS: readonly Field[] = ["challenge", "solution", "takeaway"];

/**
 * Every entry's sections in short ("" for a blank one) and which sections it has,
 * kept as UTF-8 bytes (ItemBytes), not as three strings an entry: at 100,000
 * entries that is tens of megabytes less for the garbage collector to go through.
 */
export class Summaries {
  private readonly bytes = new ItemBytes();
  /** Entry -> the index of its challenge in `bytes` (solution and takeaway follow). */
  private readonly first = new Map<LoadedEntry, number>();
  /** Entry -> which sections it has (a bit per field, in FIELDS order). */
  private readonly present = new Map<LoadedEntry, number>();

  add(entry: LoadedEntry, fields: SectionFields): void {
    let bits = 0;
    FIELDS.forEach((field, i) => {
      const has = fields[field].trim() !== "";
      if (has) bits |= 1 << i;
      const index = this.bytes.add(has ? shortText(fields[field]) : "");
      if (i === 0) this.first.set(entry, index);
    });
    this.present.set(entry, bits);
  }

  /** Whether the entry has the section at all (not blank). */
  has(entry: LoadedEntry, field: Field): boolean {
    return ((this.present.get(entry) ?? 0) & (1 << FIELDS.indexOf(field))) !== 0;
  }

  /** The section in short, "" when it is blank. */
  short(entry: LoadedEntry, field: Field): string {
    const first = this.first.get(entry);
    return first === undefined ? "" : this.bytes.text(first + FIELDS.indexOf(field));
  }
}
