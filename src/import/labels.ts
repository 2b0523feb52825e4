// The labels of a hand-written README: "Problem:", "**Fix**", "#### Lessons learned"
// and the section titles that are about the person (overview, goals, contact ...).

import { atxHeading, unwrapEmphasis } from "./heading.js";

export type Part = "challenge" | "solution" | "takeaway";

const PART_LABELS: [RegExp, Part][] = [
  [/^(the )?(problem|challenge|issue|bug|symptom|context)s?$/, "challenge"],
  [/^(the )?(solution|fix|resolution|approach|answer)s?$|^(what i did|how i (solved|fixed) it|how it was (solved|fixed))$/, "solution"],
  [/^(key )?(takeaway|lesson|learning)s?( learned| learnt)?$|^(learned|learnt|what i learned|what i learnt|tl;?dr)$/, "takeaway"],
];

/** Values of `readme` in nexus.config.json that sections about the person fill. */
export const PERSON_KEYS = ["overview", "goals", "contact", "license", "notes"] as const;
export type PersonKey = (typeof PERSON_KEYS)[number];

const PERSON_TITLES: [RegExp, PersonKey][] = [
  [/^(overview|introduction|intro|summary|welcome|about( me| this( repo(sitory)?| project)?)?)$/, "overview"],
  [/\b(future|next steps|what'?s next|roadmap|goals?|to ?do|plans?)\b/, "goals"],
  [/\b(contact|connect|reach (me|out)|get in touch|find me|socials?)\b/, "contact"],
  [/\blicen[cs]e\b/, "license"],
  [/^(notes?|acknowledge?ments?|credits|thanks|(useful )?(resources|references|links)|further reading|reading list)$/, "notes"],
];

/** Longer headings are not titles: only their start is read for one (the whole heading is kept in the text). */
export const MAX_HEADING = 1000;

const EMOJI = /(?:\p{Extended_Pictographic}|\p{Emoji_Presentation}|\p{Emoji_Modifier}|[\u{1F1E6}-\u{1F1FF}]|\uFE0F|\u200D|\u20E3)/gu;

/** A heading's text as a title: no emoji, emphasis, trailing colon or closing #s. */
export function cleanHeading(text: string): string {
  const out = text
    .slice(0, MAX_HEADING)
    .replace(EMOJI, " ")
    .replace(/\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ ?:$/, "");
  return unwrapEmphasis(out).replace(/ ?:$/, "").replace(/^[-–—•·:|]+ ?| ?[-–—•·:|]+$/g, "").trim();
}

/** The lower-case words of a label, for matching. */
const key = (text: string) => cleanHeading(text).toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, " ");

export function partOfLabel(label: string): Part | undefined {
  const k = key(label);
  return PART_LABELS.find(([re]) => re.test(k))?.[1];
}

export function personKeyOf(title: string): PersonKey | undefined {
  const k = key(title);
  return PERSON_TITLES.find(([re]) => re.test(k))?.[1];
}

export interface LabelLine {
  /** The section it starts, or undefined for a label nexus does not know. */
  part: Part | undefined;
  label: string;
  /** Text after the label on the same line. */
  rest: string;
  /** `Solution: text` with no emphasis and no heading: a label only where a paragraph starts. */
  plain?: boolean;
}

/**
 * Reads a line that starts a labelled block: `**Problem:** text`, `**Fix**: text`,
 * `Solution: text`, `_Lesson learned:_`, or a heading `#### Problem`. A bold label
 * nexus does not know (`**Root cause:** ...`) comes back with no part; a plain
 * `Word: text` line is a label only when the word is known. List items, indented
 * lines and everything else are not labels.
 */
export function readLabel(line: string): LabelLine | undefined {
  const text = line.replace(EMOJI, "").replace(/^ {0,3}/, "");
  if (/^\s/.test(text) || /^([-*+]|\d{1,9}[.)])\s/.test(text)) return undefined;
  const heading = atxHeading(text);
  if (heading) {
    const part = partOfLabel(heading.text);
    return part ? { part, label: cleanHeading(heading.text), rest: "" } : undefined;
  }
  const emphasized = /^(\*\*|__|\*|_)([^*_]{1,40}?)(:?)\1(:?)\s*(.*)$/.exec(text);
  if (emphasized) {
    const [, , label, colonIn, colonOut, rest] = emphasized;
    const hasColon = Boolean(colonIn || colonOut);
    if (!hasColon && rest) return undefined;
    const part = partOfLabel(label!);
    if (part) return { part, label: label!.trim(), rest: rest! };
    return hasColon ? { part: undefined, label: label!.trim(), rest: rest! } : undefined;
  }
  const plain = /^([A-Za-z][\w '’/;-]{0,30}?)\s*:\s*(.*)$/.exec(text);
  if (plain) {
    const part = partOfLabel(plain[1]!);
    if (part) return { part, label: plain[1]!.trim(), rest: plain[2]!, plain: true };
  }
  return undefined;
}
