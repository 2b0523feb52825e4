// Text from entries goes into a README that GitHub renders. Titles, topics and tags
// are plain text: every character that markdown or HTML would read as syntax is
// escaped, so they come out as the literal characters. Section bodies (challenge,
// solution, takeaway) are markdown by design, but they may not inject HTML, a
// heading that breaks the README's outline, or a nexus marker.

import { FenceTracker } from "../domain/fences.js";
import { atxHeading } from "../domain/headings.js";
import { codeBlocks, type BlockLine } from "./code-blocks.js";
import { escapeHtml } from "./code-spans.js";

// C0 and C1 controls (newline and tab are handled by the callers) and DEL.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates make text display in another order than it reads.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
// Markdown and HTML syntax characters, plus `$` (GitHub renders $...$ as math)
// and `~` (strikethrough). A backslash before ASCII punctuation is a literal.
const INLINE_SPECIAL = /[\\`*_[\]<>|~&#$]/g;

// Text escapeInline changes: a character stripControls or the escaping changes, or white space trim() takes off (\s is what trim() takes).
const INLINE_CHANGED = /[\\`*_[\]<>|~&#$\t\r\n\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|^\s|\s$/;

// Any character stripControls changes: most text has none and is returned as it is.
const STRIPPED = /[\t\r\n\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Removes control and bidirectional-override characters; newlines and tabs become spaces. */
export function stripControls(text: string): string {
  if (!STRIPPED.test(text)) return text;
  return text.replace(/[\t\r\n]+/g, " ").replace(CONTROL, "").replace(BIDI, "");
}

/**
 * A one-line text (title, topic, tag) as markdown that renders as exactly those
 * characters: each syntax character backslash-escaped, and `<` written `&lt;` (a reader
 * that takes `https://x\\` for a link would leave a `\\<` bare: code-spans.ts).
 */
export function escapeInline(text: string): string {
  if (!INLINE_CHANGED.test(text)) return text;
  return stripControls(text).trim().replace(INLINE_SPECIAL, (ch) => (ch === "<" ? "&lt;" : `\\${ch}`));
}

const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line that could read as a nexus marker comment. */
const MARKER_LIKE = /<!--\s*nexus:/;

/**
 * Escapes `<` outside inline code spans of one line, so that no HTML tag, comment or
 * marker can start on it (a code span holding `<` becomes `<code>`: code-spans.ts).
 * Backslash escapes already in the text are kept.
 */
export function escapeHtmlOutsideCode(line: string): string {
  return escapeHtml([line])[0]!;
}

export interface BlockOptions {
  /** Keep raw HTML (for text the journal's owner wrote in nexus.config.json). */
  html?: boolean;
  /** Keep headings (same). */
  headings?: boolean;
}

/** Runs of text lines between blank lines and code blocks: what a code span may run across. */
function* textRuns(lines: readonly BlockLine[]): Generator<{ start: number; end: number }> {
  let start = -1;
  for (let i = 0; i <= lines.length; i += 1) {
    const inRun = i < lines.length && !lines[i]!.code && lines[i]!.text.trim() !== "";
    if (inRun && start < 0) start = i;
    if (!inRun && start >= 0) {
      yield { start, end: i };
      start = -1;
    }
  }
}

/**
 * Makes a markdown body safe to place inside a generated README section: control
 * characters removed; outside code, no `<` of the text can start HTML (escaped, or in
 * a `<code>` of nexus's own: code-spans.ts), no line can open a code block GitHub would
 * read otherwise (code-blocks.ts), and headings become bold lines (the README's
 * outline stays the template's); a code block left open is closed so it cannot
 * swallow the text after it.
 */
export function sanitizeBlock(markdown: string, options: BlockOptions = {}): string {
  const lines = codeBlocks(markdown.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(BIDI, "").split("\n"));
  for (const { start, end } of textRuns(lines)) {
    const run = lines.slice(start, end).map((l) => l.text);
    // Raw HTML is kept only where asked, and never a line that would read as a nexus marker.
    const escaped = options.html ? run.map((line) => (MARKER_LIKE.test(line) ? escapeHtmlOutsideCode(line) : line)) : escapeHtml(run);
    escaped.forEach((text, i) => (lines[start + i]!.text = text));
  }
  const out: string[] = [];
  for (const { text: line, code } of lines) {
    if (code) {
      out.push(line);
      continue;
    }
    let text = line;
    if (!options.headings) {
      const heading = atxHeading(text);
      if (heading) {
        const title = heading.text.trim();
        if (!title) continue;
        text = `**${title}**`;
      } else {
        const previous = out[out.length - 1];
        if (SETEXT_UNDERLINE.test(text) && previous !== undefined && previous.trim() !== "") {
          // Under a line of text, === or --- would make that line a heading.
          text = `\\${text.trimStart()}`;
        }
      }
    }
    out.push(text);
  }
  while (out.length && !out[out.length - 1]!.trim()) out.pop();
  while (out.length && !out[0]!.trim()) out.shift();
  return out.join("\n");
}

/**
 * The first paragraph of a markdown text on one line, for one-line summaries:
 * the first item when it starts with a list, markers and heading signs removed.
 */
export function firstParagraph(markdown: string): string {
  const text = markdown.includes("\r") ? markdown.replace(/\r\n?/g, "\n") : markdown;
  const picked: string[] = [];
  const code = new FenceTracker();
  // Line by line up to the end of the first paragraph, not the whole text.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const raw = text.slice(start, end);
    start = end + 1;
    const wasInCode = code.open !== undefined;
    if (code.inCode(raw)) {
      // A code block ends the paragraph; its code is not a summary.
      if (!wasInCode && picked.length) break;
      continue;
    }
    const line = raw.trim();
    if (!line) {
      if (picked.length) break;
      continue;
    }
    const item = /^([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      if (picked.length) break;
      picked.push(item[2]!);
      continue;
    }
    picked.push(line.replace(/^#{1,6}\s+/, "").replace(/^>\s?/, ""));
  }
  return picked.join(" ");
}

/** One line of markdown (from an entry) that stays one inline run: no HTML, no line-start syntax. */
export function inlineMarkdown(markdown: string): string {
  const line = escapeHtmlOutsideCode(stripControls(markdown).trim());
  return line.replace(/^[#>+=-]/, "\\$&").replace(/^(\d+)([.)])/, "$1\\$2");
}
