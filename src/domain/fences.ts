// Code blocks, as CommonMark reads them at the top level of a document:
// a run of three or more backticks or tildes, indented at most three spaces. The
// entry parser and the README writer use this one definition, so both agree on
// what is code: a line indented four spaces or a tab is not a fence, since
// GitHub renders the lines after it as ordinary markdown (and HTML).

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** Is this line a fence that opens a code block? Returns the fence (``` or ~~~ run). */
function openingFence(line: string): string | undefined {
  const match = FENCE.exec(line);
  if (!match) return undefined;
  const fence = match[2]!;
  // An info string after a backtick fence may not contain backticks.
  if (fence[0] === "`" && match[3]!.includes("`")) return undefined;
  return fence;
}

/** Does this line close a code block opened with `fence`? */
function closesFence(line: string, fence: string): boolean {
  const match = FENCE.exec(line);
  return Boolean(match && match[2]![0] === fence[0] && match[2]!.length >= fence.length && !match[3]!.trim());
}

/** Indented four columns or more (a tab counts to the next multiple of four). */
const INDENTED = /^(?: {4}| {0,3}\t)/;
const BLANK = /^[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/**
 * Follows code blocks through a document, one line at a time: fenced ones, and
 * with `{indented: true}` indented ones too (lines indented four columns that do
 * not continue a paragraph, as CommonMark reads them outside lists). The README
 * template and its markers use both; entry parsing only fences.
 */
export class FenceTracker {
  /** The fence of the code block that is open after the last line, if any. */
  open: string | undefined;
  private readonly indented: boolean;
  /** The last line was blank, the first line, or part of an indented code block. */
  private mayStartIndented = true;
  private inIndented = false;

  constructor(options: { indented?: boolean } = {}) {
    this.indented = options.indented ?? false;
  }

  /** Feeds the next line: true when it is part of a code block, its opening and closing fences included. */
  inCode(line: string): boolean {
    if (this.open) {
      if (closesFence(line, this.open)) this.open = undefined;
      // After a closing fence an indented line starts a code block (no paragraph to continue).
      this.mayStartIndented = this.open === undefined;
      return true;
    }
    if (this.indented) {
      const blank = BLANK.test(line);
      if (this.inIndented && blank) return true; // a blank line may be inside the block
      if (!blank && INDENTED.test(line) && (this.mayStartIndented || this.inIndented)) {
        this.inIndented = true;
        return true;
      }
      this.inIndented = false;
      this.mayStartIndented = blank || HEADING.test(line);
    }
    this.open = openingFence(line);
    if (this.open) this.mayStartIndented = false;
    return this.open !== undefined;
  }
}
