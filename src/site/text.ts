// Text from entries as HTML: escaped, and without the characters HTML or XML cannot
// hold or that would make text read in another order than it is written.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NONCHARACTER = /[\ufdd0-\ufdef\ufffe\uffff]/g;

/** A character cleanText may change (any surrogate: the pairs are looked at closer); most text has none. */
const TO_CLEAN = /[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/;
/** White space cleanLine changes: other than one space between words. */
const TO_SPACE = /[^\S ]| {2}|^ | $/;

/** Text without control characters (newlines and tabs kept), bidirectional overrides, lone surrogates or noncharacters. */
export function cleanText(text: string): string {
  if (!TO_CLEAN.test(text)) return text;
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(BIDI, "").replace(LONE_SURROGATE, "").replace(NONCHARACTER, "");
}

/** One line of text (a title, a topic, a tag): cleaned, runs of white space as one space, trimmed. */
export function cleanLine(text: string): string {
  const clean = cleanText(text);
  return TO_SPACE.test(clean) ? clean.replace(/\s+/g, " ").trim() : clean;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML character data or a quoted attribute value. */
export function escapeHtml(text: string): string {
  const clean = cleanText(text);
  return /[&<>"']/.test(clean) ? clean.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!) : clean;
}

/** A one-line text escaped for HTML. */
export const htmlLine = (text: string): string => escapeHtml(cleanLine(text));

/** At most `max` characters of a one-line text, cut at a space, with an ellipsis when cut. */
export function clipLine(text: string, max: number): string {
  const line = cleanLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const at = cut.lastIndexOf(" ");
  return `${(at > max / 2 ? cut.slice(0, at) : cut).replace(/[\ud800-\udbff]$/, "").trimEnd()}…`;
}

/** Markdown as plain one-line text, for descriptions: no code fences, marks, links or tags. */
export function plainOfMarkdown(markdown: string): string {
  return cleanLine(
    markdown
      .replace(/^\s*(```|~~~)[^\n]*$/gm, " ")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]*>/g, " ")
      .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+[.)]|>)\s+/gm, "")
      .replace(/[`*_~]+/g, ""),
  );
}
