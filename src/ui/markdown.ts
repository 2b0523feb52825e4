import { Chalk } from "chalk";
import { Marked } from "marked";
import { markedTerminal } from "marked-terminal";
import { inertText } from "../domain/sanitize.js";

const SGR = /\u001b\[[0-9;]*m/g;

/** marked-terminal's own styles, from a chalk of the level we chose (its own chalk guesses). */
function styles(level: 0 | 1 | 2 | 3) {
  const c = new Chalk({ level });
  return {
    code: c.yellow,
    blockquote: c.gray.italic,
    html: c.gray,
    heading: c.green.bold,
    firstHeading: c.magenta.underline.bold,
    hr: c.reset,
    listitem: c.reset,
    table: c.reset,
    paragraph: c.reset,
    strong: c.bold,
    em: c.italic,
    codespan: c.yellow,
    del: c.dim.gray.strikethrough,
    link: c.blue,
    href: c.blue.underline,
  };
}

/**
 * Renders markdown for the terminal with marked-terminal. Control characters are
 * made inert before and after rendering; without colour every style is plain text.
 */
export function renderMarkdown(markdown: string, options: { color: boolean; width: number }): string {
  const marked = new Marked(
    markedTerminal({
      ...styles(options.color ? 2 : 0),
      width: Math.max(40, Math.min(options.width, 100)),
      reflowText: true,
      tab: 2,
      emoji: false,
      showSectionPrefix: !options.color,
    }),
  );
  // marked-terminal renders the text of a tight list item without its inline
  // markdown (code spans, bold: marked-terminal issue #371); render it here.
  marked.use({
    renderer: {
      text(token) {
        return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
      },
    },
  });
  const rendered = marked.parse(inertText(markdown), { async: false }) as string;
  // The source was made inert, so any escape now is marked-terminal's own styling:
  // colour (SGR) sequences are kept when colour is on, anything else is shown inert.
  const styled = options.color ? rendered : rendered.replace(SGR, "");
  return styled.replace(/\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]/g, "\ufffd").trimEnd();
}
