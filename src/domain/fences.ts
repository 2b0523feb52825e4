// Fenced code blocks, as CommonMark reads them at the top level of a document:
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

/** Follows fenced code blocks through a document, one line at a time. */
export class FenceTracker {
  /** The fence of the code block that is open after the last line, if any. */
  open: string | undefined;

  /** Feeds the next line: true when it is part of a code block, its opening and closing fences included. */
  inCode(line: string): boolean {
    if (this.open) {
      if (closesFence(line, this.open)) this.open = undefined;
      return true;
    }
    this.open = openingFence(line);
    return this.open !== undefined;
  }
}
