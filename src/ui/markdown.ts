import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";
import { inertText } from "../domain/sanitize.js";

const SGR = /\u001b\[[0-9;]*m/g;

const STYLE_KEYS = [
  "code", "blockquote", "html", "heading", "firstHeading", "hr", "listitem", "table",
  "paragraph", "strong", "em", "codespan", "del", "link", "href",
] as const;

/**
 * Renders markdown for the terminal with marked-terminal. Control characters are
 * made inert before and after rendering; without colour every style is plain text.
 */
export function renderMarkdown(markdown: string, options: { color: boolean; width: number }): string {
  const plain: Record<string, unknown> = {};
  if (!options.color) for (const key of STYLE_KEYS) plain[key] = (text: string) => text;
  const marked = new Marked(
    markedTerminal({
      ...plain,
      width: Math.max(40, Math.min(options.width, 100)),
      reflowText: true,
      tab: 2,
      emoji: false,
      showSectionPrefix: !options.color,
    }),
  );
  const rendered = marked.parse(inertText(markdown), { async: false }) as string;
  // The source was made inert, so any escape now is marked-terminal's own styling:
  // colour (SGR) sequences are kept when colour is on, anything else is shown inert.
  const styled = options.color ? rendered : rendered.replace(SGR, "");
  return styled.replace(/\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]/g, "\ufffd").trimEnd();
}
