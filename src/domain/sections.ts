import { FenceTracker } from "./fences.js";
import { atxHeading } from "./headings.js";

// The body of an entry is markdown. Three level-2 headings are special:
// Challenge, Solution and Takeaway. Everything else is kept as notes.

export const SECTION_NAMES = ["challenge", "solution", "takeaway"] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const HEADINGS: Record<string, SectionName> = {
  challenge: "challenge",
  problem: "challenge",
  solution: "solution",
  takeaway: "takeaway",
  takeaways: "takeaway",
  "key takeaway": "takeaway",
};

export const SECTION_TITLES: Record<SectionName, string> = {
  challenge: "Challenge",
  solution: "Solution",
  takeaway: "Takeaway",
};

export interface Sections {
  challenge: string;
  solution: string;
  takeaway: string;
  /** Markdown outside the three sections (other headings and text). */
  notes: string;
  /** Headings of a section that appears more than once, as 0-based body lines. */
  duplicates: { name: SectionName; line: number }[];
}


/** Trims blank lines around a block and trailing white space, keeping inner indentation. */
export function trimBlock(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}

/** Splits a body (LF line ends) into the three sections and the notes. */
export function splitSections(body: string): Sections {
  const lines = body.split("\n");
  const parts: Record<SectionName, string[][]> = { challenge: [], solution: [], takeaway: [] };
  const notes: string[][] = [[]];
  const duplicates: Sections["duplicates"] = [];
  let current: string[] = notes[0]!;
  const code = new FenceTracker();

  lines.forEach((line, index) => {
    if (code.inCode(line)) {
      current.push(line);
      return;
    }
    const heading = atxHeading(line);
    if (heading && heading.level <= 2) {
      const name = heading.level === 2 ? HEADINGS[heading.text.replace(/:$/, "").trim().toLowerCase()] : undefined;
      if (name) {
        if (parts[name].length > 0) duplicates.push({ name, line: index });
        current = [];
        parts[name].push(current);
        return;
      }
      current = [];
      notes.push(current);
    }
    current.push(line);
  });

  const join = (blocks: string[][]) =>
    blocks
      .map((block) => trimBlock(block.join("\n")))
      .filter(Boolean)
      .join("\n\n");
  return {
    challenge: join(parts.challenge),
    solution: join(parts.solution),
    takeaway: join(parts.takeaway),
    notes: join(notes),
    duplicates,
  };
}

/** Builds a body from sections: each non-empty section under its heading, notes last. */
export function joinSections(sections: Partial<Record<SectionName | "notes", string>>): string {
  const blocks: string[] = [];
  for (const name of SECTION_NAMES) {
    const text = trimBlock(sections[name] ?? "");
    if (text) blocks.push(`## ${SECTION_TITLES[name]}\n\n${text}`);
  }
  const notes = trimBlock(sections.notes ?? "");
  if (notes) blocks.push(notes);
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}

/** The first sentence or line of a markdown text, for one-line summaries. */
export function firstLine(markdown: string): string {
  const line = markdown
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !/^(```|~~~)/.test(l));
  return (line ?? "").replace(/^([-*+]|\d+\.)\s+/, "");
}
