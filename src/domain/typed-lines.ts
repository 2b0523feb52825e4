// Lines typed one by one at a prompt, as the markdown of a section. A person who
// presses Enter means a new line, but markdown joins the lines of a paragraph into
// one: two lines of prose in a row get a hard line break (two spaces at the end of
// the first), so they stay two lines in `show` and on GitHub. Blank lines are kept
// (paragraphs); code blocks, lists, quotes, tables and headings are left as typed.

import { FenceTracker } from "./fences.js";

/** A line that markdown reads as prose that a hard break may end (not a list, quote, table, heading or HTML). */
const PROSE = /^(?! {0,3}(?:[-+*>|#<]|\d{1,9}[.)]|`{3,}|~{3,}|={2,}\s*$|-{2,}\s*$))\s{0,3}\S/;

/** The section's markdown from the lines as typed; blank lines at either end are dropped. */
export function typedLinesToMarkdown(lines: string[]): string {
  const all = lines.map((line) => line.replace(/\r$/, ""));
  while (all.length && !all[0]!.trim()) all.shift();
  while (all.length && !all.at(-1)!.trim()) all.pop();
  const code = new FenceTracker({ indented: true });
  const inCode = all.map((line) => code.inCode(line));
  return all
    .map((line, i) => {
      const next = all[i + 1];
      const prose = (text: string | undefined, index: number) => text !== undefined && !inCode[index] && PROSE.test(text);
      // A hard break only between two lines of one paragraph: it would show at a paragraph's end.
      return prose(line, i) && prose(next, i + 1) && !line.endsWith("\\") && !/ {2}$/.test(line) ? `${line.trimEnd()}  ` : line;
    })
    .join("\n");
}
