// The code blocks of an entry's markdown, as GitHub will read them in the README.
// What is inside one is shown as written, `<` and all, so nexus must never take for
// code a line that GitHub reads as text. A fence indented one to three spaces may be
// inside a list item, where a less indented line, or a fence indented up to three
// spaces past the item's own indentation, ends it; a fence after a list marker or a
// `>`, or after a tab, may open a block or not, depending on what is around it. So:
// - a fence nexus opens is a line of three or more backticks or tildes indented at
//   most three spaces (CommonMark's rule at the top level, where it always opens);
// - every other line that could be a fence somewhere (after a `>` or a list marker,
//   or indented further once a list item may have started) is written so that it is
//   one nowhere (a backslash before its backticks or tildes);
// - in a block opened at indentation N after a line that may have started a list item
//   (the README puts the text at the top level, so no other container can hold the
//   fence), a line indented less than N ends the block first (a closing fence at N is
//   put before it), and a closing fence indented up to N + 3 is written at N: either
//   way GitHub ends the block there too;
// - a block left open at the end is closed, at its indentation.

export interface BlockLine {
  text: string;
  /** Part of a code block (its fences included): shown as written. */
  code: boolean;
}

/** Columns of leading whitespace (a tab to the next multiple of four), and where the rest starts. */
function indentOf(line: string): { columns: number; end: number } {
  let columns = 0;
  let end = 0;
  for (; end < line.length; end += 1) {
    if (line[end] === " ") columns += 1;
    else if (line[end] === "\t") columns += 4 - (columns % 4);
    else break;
  }
  return { columns, end };
}

/** A fence nexus opens: indented at most three spaces (no tab); a backtick fence's info has no backtick. */
const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** A run of three backticks or tildes after what could be a container's start (`>`, a list marker, indentation). */
const FENCE_SOMEWHERE = /^((?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*)(?=`{3}|~{3})/;

interface Open {
  indent: number;
  fence: string;
  /** A list item may hold the block: its lines are measured against its indentation. */
  listed: boolean;
}

/** A line that may start a list item (any indentation: nested ones too). */
const LIST_ITEM = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

function opening(line: string, listed: boolean): Open | undefined {
  const match = OPENING.exec(line);
  if (!match || (match[2]![0] === "`" && match[3]!.includes("`"))) return undefined;
  return { indent: match[1]!.length, fence: match[2]!, listed };
}

/** A line that closes `open` somewhere it may be (indented up to three past the block's own), or undefined. */
function closing(line: string, open: Open): number | undefined {
  const { columns, end } = indentOf(line);
  const rest = line.slice(end);
  const run = /^(`+|~+)[ \t]*$/.exec(rest);
  if (!run || run[1]![0] !== open.fence[0] || run[1]!.length < open.fence.length) return undefined;
  // At the top level a closing fence is indented at most three spaces; in a list item, three past the item's indentation.
  return columns <= (open.listed ? open.indent + 3 : 3) ? columns : undefined;
}

/** The lines of a markdown text, each marked as code or not, with fence lines rewritten as above. */
export function codeBlocks(lines: readonly string[]): BlockLine[] {
  const out: BlockLine[] = [];
  let open: Open | undefined;
  let listed = false;
  const closer = (o: Open) => `${" ".repeat(o.indent)}${o.fence}`;
  for (const line of lines) {
    if (open) {
      const columns = closing(line, open);
      if (columns !== undefined) {
        out.push({ text: columns > 3 || (open.listed && columns < open.indent) ? closer(open) : line, code: true });
        open = undefined;
        continue;
      }
      if (line.trim() === "" || !open.listed || indentOf(line).columns >= open.indent) {
        out.push({ text: line, code: true });
        continue;
      }
      // Less indented than the block: GitHub may end the block before it; nexus ends it there.
      out.push({ text: closer(open), code: true });
      open = undefined;
    }
    open = opening(line, listed);
    if (open) {
      // Its info string (a language) is text to a reader that takes no fence there: no `<` of it starts HTML.
      out.push({ text: line.replace(/</g, "&lt;"), code: true });
      continue;
    }
    if (LIST_ITEM.test(line)) listed = true;
    // A fence that opens nothing (a backtick in its info) is written so too: once its code spans are
    // written as <code>, it would open one. (At the top level, indentation alone, four columns or
    // more, opens no code block: only a container could.)
    const somewhere = FENCE_SOMEWHERE.exec(line);
    const could = somewhere && (listed || /[^ \t]/.test(somewhere[1]!) || indentOf(somewhere[1]!).columns <= 3);
    out.push({ text: could ? `${line.slice(0, somewhere[1]!.length)}\\${line.slice(somewhere[1]!.length)}` : line, code: false });
  }
  if (open) out.push({ text: closer(open), code: true });
  return out;
}
