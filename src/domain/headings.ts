// ATX headings (`## Title ##`) as CommonMark reads them, in one pass over the line.
// A regular expression with a lazy text group between runs of white space took
// seconds on a hostile line (`# a` and 20,000 spaces): entries come from strangers.

const START = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const blank = (c: string | undefined) => c === " " || c === "\t";

/** The level and text of an ATX heading line, or undefined when the line is not one. */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  const start = START.exec(line);
  if (!start) return undefined;
  const open = start[0].length;
  let end = line.length;
  while (end > open && blank(line[end - 1])) end--;
  // A closing run of # counts when white space (or the opening run) stands before it.
  let hashes = end;
  while (hashes > open && line[hashes - 1] === "#") hashes--;
  if (hashes < end && (hashes === open || blank(line[hashes - 1]))) end = hashes;
  let from = open;
  while (from < end && blank(line[from])) from++;
  while (end > from && blank(line[end - 1])) end--;
  return { level: start[1]!.length, text: line.slice(from, end) };
}
