// Marker comments delimit the generated parts of a README:
//   <!-- nexus:begin NAME -->
//   ...generated...
//   <!-- nexus:end NAME -->
// Only the text between a pair is ever replaced; every byte outside stays.
// Markers are whole lines; inside code blocks (fenced or indented) they are text, not markers.

import { FenceTracker } from "../domain/fences.js";

const MARKER = /^\uFEFF?[ \t]*<!--[ \t]*nexus:(begin|end)(?:[ \t]+(\S+))?[ \t]*-->[ \t]*$/;
// A line that starts like a marker but is not one is an error; a mention inside prose is text.
const LOOSE = /^\uFEFF?\s*<!--\s*nexus:(begin|end)\b/;
export const MARKER_NAME = /^[a-z0-9][a-z0-9._:-]*$/;

export class MarkerError extends Error {
  constructor(
    message: string,
    /** 1-based line. */
    readonly line: number,
  ) {
    super(message);
    this.name = "MarkerError";
  }
}

export interface Line {
  /** The line without its line end. */
  text: string;
  /** Offset of the line's first character. */
  start: number;
  /** Offset just after its line end. */
  end: number;
}

export interface MarkerBlock {
  name: string;
  /** 1-based lines of the begin and end markers. */
  beginLine: number;
  endLine: number;
  /** Offsets of the text between the markers (after the begin line, before the end line). */
  contentStart: number;
  contentEnd: number;
}

/** Splits text into lines, keeping each line's offsets (LF or CRLF line ends). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl + 1;
    const bare = text.slice(start, nl === -1 ? text.length : nl);
    lines.push({ text: bare.endsWith("\r") ? bare.slice(0, -1) : bare, start, end });
    start = end;
  }
  return lines;
}

/** The line end a file uses: CRLF when its first line ends so, else LF. */
export function lineEnding(text: string): "\n" | "\r\n" {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
}

/**
 * Finds the marker pairs of a document. Throws MarkerError (with the line) for a
 * malformed, unbalanced, nested or duplicated marker.
 */
export function parseMarkers(text: string): MarkerBlock[] {
  const blocks: MarkerBlock[] = [];
  const seen = new Map<string, number>();
  let open: { name: string; line: number; contentStart: number } | undefined;
  const code = new FenceTracker({ indented: true });
  splitLines(text).forEach((line, index) => {
    const lineNo = index + 1;
    if (code.inCode(line.text)) return;
    const match = MARKER.exec(line.text);
    if (!match) {
      if (LOOSE.test(line.text)) {
        throw new MarkerError("malformed marker: a marker is a line of its own, `<!-- nexus:begin NAME -->` or `<!-- nexus:end NAME -->`", lineNo);
      }
      return;
    }
    const kind = match[1]!;
    const name = match[2];
    if (!name) throw new MarkerError(`\`nexus:${kind}\` marker without a name`, lineNo);
    if (!MARKER_NAME.test(name)) {
      throw new MarkerError(`invalid marker name "${name}": use lower-case letters, digits and . _ : -`, lineNo);
    }
    if (kind === "begin") {
      if (open) throw new MarkerError(`nested marker: "${name}" begins inside "${open.name}" (opened on line ${open.line})`, lineNo);
      const first = seen.get(name);
      if (first !== undefined) throw new MarkerError(`duplicate marker "${name}" (first on line ${first})`, lineNo);
      seen.set(name, lineNo);
      open = { name, line: lineNo, contentStart: line.end };
      return;
    }
    if (!open) throw new MarkerError(`\`nexus:end ${name}\` without a matching \`nexus:begin ${name}\``, lineNo);
    if (open.name !== name) {
      throw new MarkerError(`\`nexus:end ${name}\` does not match \`nexus:begin ${open.name}\` on line ${open.line}`, lineNo);
    }
    blocks.push({ name, beginLine: open.line, endLine: lineNo, contentStart: open.contentStart, contentEnd: line.start });
    open = undefined;
  });
  if (open) {
    throw new MarkerError(`\`nexus:begin ${open.name}\` is never closed: add \`<!-- nexus:end ${open.name} -->\` after it`, open.line);
  }
  return blocks;
}

/**
 * Replaces the content of each block with `contents[name]` (LF text, converted
 * to the document's line end). Everything outside the blocks is kept byte for byte.
 */
export function replaceBlocks(text: string, blocks: MarkerBlock[], contents: ReadonlyMap<string, string>): string {
  const eol = lineEnding(text);
  let out = "";
  let last = 0;
  for (const block of [...blocks].sort((a, b) => a.contentStart - b.contentStart)) {
    const content = contents.get(block.name);
    if (content === undefined) continue;
    // A begin marker on the last line has no line end yet: the content must start on a new line.
    const prefix = block.contentStart > 0 && text[block.contentStart - 1] !== "\n" ? eol : "";
    out += text.slice(last, block.contentStart) + prefix + (content ? `${content.replace(/\n/g, eol)}${eol}` : "");
    last = block.contentEnd;
  }
  return out + text.slice(last);
}

/** The marker lines around a block's content (LF). */
export function wrapBlock(name: string, content: string): string {
  return `<!-- nexus:begin ${name} -->\n${content ? `${content}\n` : ""}<!-- nexus:end ${name} -->`;
}
