// ATX headings (`## Title ##`) read in one pass: the same reading as the
// CommonMark regex, without its backtracking (a 100,000-character heading of
// spaces or #s would take seconds there).

export interface AtxHeading {
  level: number;
  /** The heading's text, without the closing #s. */
  text: string;
}

const isBlank = (ch: string | undefined) => ch === " " || ch === "\t";

export function atxHeading(line: string): AtxHeading | undefined {
  let i = 0;
  while (i < 3 && line[i] === " ") i += 1;
  let level = 0;
  while (line[i + level] === "#") level += 1;
  if (level < 1 || level > 6) return undefined;
  const rest = line.slice(i + level);
  if (rest && !isBlank(rest[0])) return undefined;
  let text = rest.trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end -= 1;
  if (end === 0) text = "";
  else if (end < text.length && isBlank(text[end - 1])) text = text.slice(0, end).trimEnd();
  return { level, text };
}

/** Removes emphasis around the whole text (`**Python**`, `__*Docker*__`), at most three layers deep. */
export function unwrapEmphasis(text: string): string {
  let out = text;
  for (let layer = 0; layer < 3; layer += 1) {
    const mark = out[0];
    if (mark !== "*" && mark !== "_") break;
    const double = out.length > 4 && out.startsWith(mark + mark) && out.endsWith(mark + mark);
    const width = double ? 2 : out.length > 2 && out.endsWith(mark) ? 1 : 0;
    if (!width) break;
    out = out.slice(width, out.length - width).trim();
  }
  return out;
}

/** A heading of a document: ATX (`## Title`) or setext (`Title` over a line of `=` or `-`). */
export interface DocumentHeading extends AtxHeading {
  /** 0-based line of its text. */
  line: number;
  /** A setext heading's underline (0-based line), which is part of the heading. */
  underline: number | undefined;
}

const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that are not paragraph text: a setext underline after them is a rule, not a heading. */
const NOT_PARAGRAPH = /^(?: {4}|\t| {0,3}(?:[-*+>|<]|\d{1,9}[.)]|#{1,6}(?:[ \t]|$)|`{3}|~{3}))/;

/**
 * The headings of a document outside its code blocks, in order, as CommonMark reads
 * them: ATX headings, and setext headings of one line of text (the common form; a
 * paragraph of several lines over `---` is read as text and a rule).
 */
export function documentHeadings(lines: readonly string[], inCode: (line: string) => boolean): DocumentHeading[] {
  const out: DocumentHeading[] = [];
  let previous: { text: string; line: number; alone: boolean } | undefined;
  let blankBefore = true;
  lines.forEach((line, index) => {
    const code = inCode(line);
    const atx = code ? undefined : atxHeading(line);
    const underline = code ? undefined : SETEXT.exec(line);
    if (underline && previous?.alone && previous.line === index - 1) {
      out.push({ level: underline[1]![0] === "=" ? 1 : 2, text: previous.text.trim(), line: previous.line, underline: index });
      previous = undefined;
      blankBefore = false;
      return;
    }
    if (atx) out.push({ ...atx, line: index, underline: undefined });
    const blank = !line.trim();
    previous = !code && !atx && !blank && !NOT_PARAGRAPH.test(line) ? { text: line, line: index, alone: blankBefore } : undefined;
    blankBefore = blank || Boolean(atx) || code;
  });
  return out;
}
