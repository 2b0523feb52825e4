// The text of a hand-written README as a tree of headings with the lines under each, and
// the reading of a section: its own text, its labelled blocks (Problem / Solution /
// Takeaway) and its heading as a title (readme.ts makes entries of them).

import { FenceTracker } from "../domain/fences.js";
import { findDate } from "./draft.js";
import { documentHeadings } from "./heading.js";
import { cleanHeading, readLabel, type Part } from "./labels.js";

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export interface Node {
  level: number;
  /** The heading as written (without the #s). */
  heading: string;
  /** 0-based line of the heading; -1 for the text before any heading. */
  line: number;
  /** Lines under the heading up to the next heading. */
  body: string[];
  parent: Node | undefined;
  children: Node[];
}

/**
 * Splits the document into headings (ATX or setext) with the lines under each. A
 * heading that reads as a label (`#### Problem`) stays in the body of its section,
 * where it starts a labelled block, when it is deeper than that section and has no
 * sub-headings of its own; a group heading such as `## Challenges` (with challenges
 * under it) or a section under the document's title stays a heading.
 */
export function outline(lines: string[]): Node {
  const root: Node = { level: 0, heading: "", line: -1, body: [], parent: undefined, children: [] };
  const code = new FenceTracker();
  const headings = documentHeadings(lines, (line) => code.inCode(line));
  const starts = new Map(headings.map((h, i) => [h.line, { heading: h, parent: headings[i + 1] !== undefined && headings[i + 1]!.level > h.level }]));
  const underlines = new Set(headings.map((h) => h.underline));
  let current = root;
  lines.forEach((line, index) => {
    if (underlines.has(index)) return;
    const found = starts.get(index);
    if (!found) {
      current.body.push(line);
      return;
    }
    const { heading: h, parent: hasSubheadings } = found;
    const title = current.level === 1 && current.parent === root && root.children.length === 1;
    if (!hasSubheadings && current !== root && !title && current.level < h.level && readLabel(`${"#".repeat(h.level)} ${h.text}`)) {
      current.body.push(h.underline === undefined ? line : `${"#".repeat(h.level)} ${h.text}`);
      return;
    }
    let parent = current;
    while (parent.level >= h.level) parent = parent.parent!;
    const node: Node = { level: h.level, heading: h.text, line: index, body: [], parent, children: [] };
    parent.children.push(node);
    current = node;
  });
  return root;
}

/** A section's own text: separators (`---` after a blank line) dropped, blank lines around trimmed. */
export function ownText(body: string[]): string {
  const kept: string[] = [];
  const code = new FenceTracker();
  for (const line of body) {
    const inCode = code.inCode(line);
    const previous = kept[kept.length - 1];
    if (!inCode && THEMATIC_BREAK.test(line) && (previous === undefined || !previous.trim())) continue;
    // A separator's blank lines collapse into one.
    if (!inCode && !line.trim() && previous !== undefined && !previous.trim()) continue;
    kept.push(line);
  }
  return kept.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}

/** The whole markdown of a node: its own text, then each sub-section with its heading. */
export function wholeText(node: Node): string {
  const blocks = [ownText(node.body)];
  for (const child of node.children) {
    blocks.push(`${"#".repeat(Math.max(3, child.level))} ${child.heading}`, wholeText(child));
  }
  return blocks.filter(Boolean).join("\n\n");
}

interface Split {
  parts: Record<Part, string>;
  notes: string;
  unknownLabels: string[];
  labelled: boolean;
}

/** Cuts a section's text at its labels: Problem / Solution / Takeaway; text before the first label is returned as notes. */
export function splitLabels(text: string): Split {
  const blocks: Record<Part | "notes", string[]> = { challenge: [], solution: [], takeaway: [], notes: [] };
  const unknownLabels: string[] = [];
  let current: string[] = blocks.notes;
  let labelled = false;
  let previousBlank = true;
  const code = new FenceTracker();
  for (const line of text.split("\n")) {
    if (code.inCode(line)) {
      current.push(line);
      previousBlank = false;
      continue;
    }
    // A known label in bold or a heading starts its block on any line (`**Solution:**` right under the
    // problem, after a hard break); a plain `Solution:` or a label nexus does not know only starts a paragraph.
    const read = readLabel(line);
    const label = previousBlank || (read?.part && !read.plain) ? read : undefined;
    if (label?.part) {
      labelled = true;
      current = blocks[label.part];
      if (current.length) current.push("");
      if (label.rest.trim()) current.push(label.rest);
    } else {
      if (label) unknownLabels.push(label.label);
      current.push(line);
    }
    previousBlank = !line.trim();
  }
  const join = (lines: string[]) => lines.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  return {
    parts: { challenge: join(blocks.challenge), solution: join(blocks.solution), takeaway: join(blocks.takeaway) },
    notes: join(blocks.notes),
    unknownLabels,
    labelled,
  };
}

const CHALLENGE_NUMBER = /^(challenge|problem|issue|bug)\s*#?\s*\d+\s*[:.)\-–—]\s*/i;

/** A title without "Challenge 3:" (the README numbers challenges itself) and without a date in it. */
export function titleOf(heading: string): { title: string; numbered: boolean; date: string | undefined } {
  let title = cleanHeading(heading);
  const date = findDate(title);
  if (date) title = cleanHeading(title.replace(new RegExp(`\\s*[(\\[]?${date}[)\\]]?\\s*`), " "));
  const numbered = CHALLENGE_NUMBER.test(title);
  if (numbered) title = cleanHeading(title.replace(CHALLENGE_NUMBER, "")) || title;
  return { title, numbered, date };
}

