// The README template is markdown with placeholders, each on a line of its own:
//   {{title}}  {{toc}}  {{topics}}  {{takeaways}}  {{challenges}}  {{stats}}  {{pages}}  {{charts}}  {{config.KEY}}
//   {{topics:GROUP}}  {{takeaways:GROUP}}   (one group of nexus.config.json)
//   {{config.KEY:## Heading}}  (the value under its heading; both left out when there is no value)
// and comments: from a line starting with `{{!` to the first line ending with `}}`,
// left out of the README.
// A placeholder becomes a marker pair with the generated text between; its
// headings nest under the template heading above it. Placeholders inside code
// blocks (fenced or indented), or not alone on their line, are plain text.
// A comment must be closed before the next placeholder: `{{! TODO` left open is
// an error with its line, not a comment that swallows what follows.

import { FenceTracker } from "../domain/fences.js";

export const SECTION_KINDS = ["title", "toc", "topics", "takeaways", "challenges", "stats", "pages", "charts", "config"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Placeholder {
  kind: SectionKind;
  /** Group title for topics/takeaways, key for config. */
  arg: string | undefined;
  /** For config: the heading line above its value (`## Contact`), left out with it when there is no value. */
  heading?: string | undefined;
  /** The marker name in the README. */
  name: string;
  /** 1-based template line. */
  line: number;
  /** Level of the nearest heading above it in the template (1 when there is none). */
  level: number;
}

export type TemplatePart = { text: string } | { placeholder: Placeholder };

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

const PLACEHOLDER = /^[ \t]*\{\{[ \t]*([A-Za-z][\w.-]*)[ \t]*(?::[ \t]*([^}]*?))?[ \t]*\}\}[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+\S/;

/** A group title as part of a marker name: `Key Technologies Covered` -> `key-technologies-covered`. */
export function nameSlug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "group"
  );
}

export function parseTemplate(text: string): TemplatePart[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const parts: TemplatePart[] = [];
  const names = new Map<string, number>();
  let buffer: string[] = [];
  const code = new FenceTracker({ indented: true });
  let comment: number | undefined;
  let level = 1;
  /** The last line was paragraph text (a setext underline after it makes it a heading). */
  let paragraph = false;
  const flush = () => {
    if (buffer.length) parts.push({ text: buffer.join("\n") });
    buffer = [];
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (comment !== undefined) {
      // A placeholder or another comment inside a comment: the comment was never closed.
      if (PLACEHOLDER.test(line) || /^[ \t]*\{\{!/.test(line)) throw new TemplateError(`comment \`{{!\` is not closed with \`}}\` before line ${lineNo}, so it would swallow what follows`, comment);
      if (line.trimEnd().endsWith("}}")) comment = undefined;
      return;
    }
    if (code.inCode(line)) {
      buffer.push(line);
      paragraph = false;
      return;
    }
    if (/^[ \t]*\{\{!/.test(line)) {
      if (!line.trimEnd().endsWith("}}")) comment = lineNo;
      return;
    }
    if (/^\s*<!--\s*nexus:(begin|end)\b/.test(line)) {
      throw new TemplateError("a template has no markers of its own: write a placeholder such as {{topics}}, and nexus adds the markers", lineNo);
    }
    const heading = HEADING.exec(line);
    if (heading) level = heading[1]!.length;
    // A setext heading: a line of text over `===` (level 1) or `---` (level 2).
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (underline && paragraph) level = underline[1]![0] === "=" ? 1 : 2;
    paragraph = !heading && !underline && Boolean(line.trim()) && !/^ {0,3}([-*+>|]|\d{1,9}[.)]|\{\{)/.test(line);
    const match = PLACEHOLDER.exec(line);
    if (!match) {
      buffer.push(line);
      return;
    }
    const [head, ...rest] = match[1]!.split(".");
    const kind = SECTION_KINDS.find((k) => k === head);
    const arg = match[2]?.trim() || undefined;
    if (!kind || (kind === "config") !== rest.length > 0 || rest.length > 1) {
      throw new TemplateError(
        `unknown placeholder {{${match[1]}}}: use one of {{title}}, {{toc}}, {{topics}}, {{takeaways}}, {{challenges}}, {{stats}}, {{pages}}, {{charts}}, {{config.KEY}}`,
        lineNo,
      );
    }
    if (arg !== undefined && kind !== "topics" && kind !== "takeaways" && kind !== "config") {
      throw new TemplateError(`{{${match[1]}}} takes no argument (only {{topics:GROUP}}, {{takeaways:GROUP}} and {{config.KEY:## Heading}} do)`, lineNo);
    }
    const partHeading = kind === "config" && arg !== undefined ? HEADING.exec(arg) : undefined;
    if (kind === "config" && arg !== undefined && (!partHeading || /<!--|[\u0000-\u001f\u007f]/.test(arg))) {
      throw new TemplateError(`{{${match[1]}:${arg}}}: after the colon comes the heading of the part (one line, no HTML comment), such as {{${match[1]}:## Contact}}`, lineNo);
    }
    const key = rest[0];
    const name = kind === "config" ? `config.${key!.toLowerCase()}` : arg ? `${kind}:${nameSlug(arg)}` : kind;
    const first = names.get(name);
    if (first !== undefined) throw new TemplateError(`{{${match[1]}${arg ? `:${arg}` : ""}}} is already used on line ${first}`, lineNo);
    names.set(name, lineNo);
    flush();
    parts.push({ placeholder: { kind, arg: kind === "config" ? key : arg, heading: partHeading ? arg : undefined, name, line: lineNo, level } });
    // What follows nests under the title, or under the part's heading.
    if (kind === "title") level = 1;
    else if (partHeading) level = partHeading[1]!.length;
  });
  if (comment !== undefined) throw new TemplateError("comment `{{!` is never closed with `}}`", comment);
  flush();
  return parts;
}
