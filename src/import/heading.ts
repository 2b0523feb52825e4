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
