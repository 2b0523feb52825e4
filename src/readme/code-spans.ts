// No `<` from an entry starts HTML in the README, whatever a markdown reader makes of
// the backticks around it. Outside code spans a `<` is written `&lt;` (not `\<`: a
// reader that takes `https://x\` for a link leaves the `<` bare). A code span
// cannot escape anything, so one that holds a `<` is written as HTML of nexus's own,
// `<code>` with every character of the code as an entity or a plain letter: shown the
// same on GitHub, and harmless read either way. Whether GitHub pairs the backticks as
// nexus did (across lines, around a link's destination, in a table cell) no longer
// matters: every `<` of the entry comes out escaped.

/** Characters written as entities inside `<code>`: HTML, and what markdown would read as syntax there. */
const IN_CODE = /[&<>`\\*_[\]~$|]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const entity = (ch: string) => ENTITIES[ch] ?? `&#${ch.charCodeAt(0)};`;

/**
 * A code span's content as `<code>` elements, one per line it runs over (no element
 * spans a line end, so no line is an HTML tag alone); indentation stays outside.
 */
function codeElements(content: string): string {
  let lines = content.split("\n");
  // CommonMark: a space on both sides (not all spaces) is one space of padding on each.
  const joined = lines.join(" ");
  if (lines.length === 1 && joined.length > 2 && joined.startsWith(" ") && joined.endsWith(" ") && joined.trim()) lines = [joined.slice(1, -1)];
  return lines
    .map((line, i) => {
      const indent = i === 0 ? "" : /^[ \t]*/.exec(line)![0];
      const code = line.slice(indent.length);
      return code ? `${indent}<code>${code.replace(IN_CODE, entity)}</code>` : indent;
    })
    .join("\n");
}

/** Where the run of `run` backticks that closes a code span opened before `from` starts; -1 when there is none. */
function closingRun(text: string, from: number, run: number): number {
  const ticks = "`".repeat(run);
  let at = from;
  while ((at = text.indexOf(ticks, at)) !== -1) {
    let end = at;
    while (text[end] === "`") end += 1;
    if (end - at === run && text[at - 1] !== "`") return at;
    at = end;
  }
  return -1;
}

/** The first backtick of a word that holds what starts a bare link (`://`, `www.`, an address's `@`); -1 when there is none. */
function firstLinkedBacktick(text: string): number {
  for (const word of text.matchAll(/\S+/g)) {
    if (word[0].includes("`") && /:\/\/|www\.|@/i.test(word[0])) return word.index + word[0].indexOf("`");
  }
  return -1;
}

interface Span {
  /** Where its opening run starts, and where its closing run ends. */
  start: number;
  end: number;
  run: number;
}

/** The code spans of a text as CommonMark pairs backticks in one paragraph, and whether a run was left unpaired. */
function codeSpans(text: string): { spans: Span[]; unpaired: boolean } {
  const spans: Span[] = [];
  let unpaired = false;
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === "\\") {
      i += 2;
      continue;
    }
    if (ch !== "`") {
      i += 1;
      continue;
    }
    let run = 1;
    while (text[i + run] === "`") run += 1;
    const close = closingRun(text, i + run, run);
    if (close === -1) {
      unpaired = true;
      i += run;
      continue;
    }
    spans.push({ start: i, end: close + run, run });
    i = close + run;
  }
  return { spans, unpaired };
}

/**
 * Lines of markdown text (a paragraph or a few, no code block among them) with every
 * `<` made harmless: `&lt;` outside code spans, and a code span holding one written
 * as `<code>` (see above). Backticks are paired across the lines, as CommonMark pairs
 * them within a paragraph. A code span is kept as written when no reader can pair its
 * backticks otherwise: it holds no `<`; or every backtick of the text pairs on its own
 * line, no span holds a table bar, and no `]` comes before the span's end (a link's
 * destination or label could take its backticks), nor a backtick in a word that starts
 * like a bare link (a reader may take the backtick into the link). Returns as many
 * lines as it was given.
 */
export function escapeHtml(lines: readonly string[]): string[] {
  const text = lines.join("\n");
  if (!text.includes("<")) return [...lines];
  const { spans, unpaired } = codeSpans(text);
  // A table splits its cells at `|` before it looks for code: a span may not hold one.
  const plain = !unpaired && spans.every((span) => !/[\n|]/.test(text.slice(span.start, span.end)));
  // Past a `]` (a link's destination or label) or a backtick in a word that a reader may take for a bare link, the pairing may differ.
  const unsure = Math.min(...[text.indexOf("]"), firstLinkedBacktick(text)].map((at) => (at === -1 ? Infinity : at)));
  const keep = (span: Span) => plain && span.end <= unsure;
  let out = "";
  let i = 0;
  for (const span of [...spans, { start: text.length, end: text.length, run: 0 }]) {
    // The text before the span: every `<` (and `\<`) as `&lt;`; other backslash escapes as written.
    out += text.slice(i, span.start).replace(/\\[\s\S]|</g, (m) => (m === "<" || m === "\\<" ? "&lt;" : m));
    if (span.run) {
      const content = text.slice(span.start + span.run, span.end - span.run);
      out += content.includes("<") && !keep(span) ? codeElements(content) : text.slice(span.start, span.end);
    }
    i = span.end;
  }
  return out.split("\n");
}
