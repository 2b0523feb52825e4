// A hand-written README (like the seed) into entries: each heading with text
// under it is one learning, titled by the heading and a topic of its own, grouped
// in nexus.config.json under the heading it sits under (a challenge is an entry of
// that heading's topic). Problem / Solution / Takeaway blocks land in those sections. Sections
// about the person (overview, goals, contact, license, notes) become `readme`
// values of nexus.config.json.

import { FenceTracker } from "../domain/fences.js";
import { slugify } from "../domain/slug.js";
import { emptyDraft, findDate, fitLabel, fitTitle, importTags, toLf, type FallbackDate, type ImportDraft, type ParsedSource, type ParseOptions } from "./draft.js";
import { documentHeadings } from "./heading.js";
import { headingFormat, readmeLayout, type Role } from "./readme-layout.js";
import { cleanHeading, MAX_HEADING, personKeyOf, readLabel, type Part, type PersonKey } from "./labels.js";
import { LIMITS } from "../domain/entry.js";
import type { TopicGroup } from "../journal/config.js";

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

interface Node {
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
function outline(lines: string[]): Node {
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
function ownText(body: string[]): string {
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
function wholeText(node: Node): string {
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
function splitLabels(text: string): Split {
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
function titleOf(heading: string): { title: string; numbered: boolean; date: string | undefined } {
  let title = cleanHeading(heading);
  const date = findDate(title);
  if (date) title = cleanHeading(title.replace(new RegExp(`\\s*[(\\[]?${date}[)\\]]?\\s*`), " "));
  const numbered = CHALLENGE_NUMBER.test(title);
  if (numbered) title = cleanHeading(title.replace(CHALLENGE_NUMBER, "")) || title;
  return { title, numbered, date };
}

export interface ReadmeInput {
  text: string;
  /** The file's name, for `source:` and messages. */
  name: string;
  /** The date for sections that name none. */
  fallback: FallbackDate;
}

export function parseReadme(input: ReadmeInput, options: ParseOptions = {}): ParsedSource {
  const lines = toLf(input.text).replace(/^\ufeff/, "").split("\n");
  const root = outline(lines);
  const drafts: ImportDraft[] = [];
  const readme: Partial<Record<PersonKey, string>> = {};
  const addValue = (k: PersonKey, text: string) => {
    if (text) readme[k] = readme[k] ? `${readme[k]}\n\n${text}` : text;
  };
  const sources = new Map<string, number>();
  const groups: TopicGroup[] = [];
  const addToGroup = (title: string, topic: string) => {
    let group = groups.find((g) => g.title === title);
    if (!group) groups.push((group = { title, topics: [] }));
    if (!group.topics.includes(topic)) group.topics.push(topic);
  };
  const { tags: extraTags } = importTags([], options.tags);
  // What each heading became, for the README's layout as a template (readme-layout.ts).
  const roles = new Map<Node, Role>();
  const person = new Set<Node>();
  const ungrouped: string[] = [];

  // One level-1 heading at the top is the document's title: its text is the introduction.
  const titleNode = root.children.length === 1 && root.children[0]!.level === 1 ? root.children[0]! : undefined;
  // Learnings with no heading above them are shown together, under the document's title.
  const ownGroup = fitLabel((titleNode && titleOf(titleNode.heading).title) || "Learnings", LIMITS.topic);
  const top = titleNode ? titleNode.children : root.children;
  addValue("overview", ownText(root.body));
  if (titleNode) addValue("overview", ownText(titleNode.body));

  const visit = (node: Node, topicNode: Node | undefined): void => {
    const text = ownText(node.body);
    if (text) drafts.push(draftOf(node, topicNode, text));
    for (const child of node.children) visit(child, node);
  };

  const draftOf = (node: Node, topicNode: Node | undefined, text: string): ImportDraft => {
    const { title: rawTitle, numbered, date: headingDate } = titleOf(node.heading);
    const guesses: string[] = [];
    const fitted = fitTitle(rawTitle || `Section at line ${node.line + 1}`);
    if (!rawTitle) guesses.push("the heading has no text: titled by its line");
    const date = headingDate ?? findDate(text);
    if (!date) guesses.push(`no date in the section: dated ${input.fallback.date} (${input.fallback.why})`);

    const split = splitLabels(text);
    for (const label of split.unknownLabels) guesses.push(`label "${label}" is not one nexus knows: kept as written`);
    const parts = { ...split.parts };
    let notes = split.notes;
    if (!split.labelled) {
      // No labels: a numbered challenge is a problem described; anything else is what was learned.
      parts[numbered ? "challenge" : "takeaway"] = notes;
      notes = "";
    }
    // A title cut to fit keeps the whole heading, as written, in the text.
    if (fitted.cut || node.heading.length > MAX_HEADING) notes = [node.heading, notes].filter(Boolean).join("\n\n");

    // A learning is a topic of its own (Python, Caching Strategies), listed in nexus.config.json under
    // the heading above it (Key Technologies Covered), as the README shows it. A challenge is one
    // entry of the topic its heading sits under (Challenges Faced and Solutions Implemented).
    const featured = Boolean(parts.challenge && parts.solution);
    const groupTitle = topicNode ? fitLabel(titleOf(topicNode.heading).title, LIMITS.topic) : "";
    const isChallenge = numbered || featured;
    let topic = options.topic?.trim() || (isChallenge ? groupTitle : "") || fitLabel(fitted.title, LIMITS.topic) || "Imported";
    if (!options.topic?.trim() && isChallenge && !groupTitle) guesses.push("no heading above it: its own title is its topic");
    if (!options.topic?.trim() && groupTitle && !isChallenge) addToGroup(groupTitle, topic);
    topic = fitLabel(topic, LIMITS.topic);
    const format = headingFormat(node.heading, { title: rawTitle, date: headingDate, numbered, field: isChallenge ? "title" : "topic" });
    roles.set(node, isChallenge ? { kind: "challenge", format } : { kind: "learning", group: groupTitle || ownGroup, format: topic === rawTitle ? format : undefined });
    if (!isChallenge && !groupTitle && !ungrouped.includes(topic)) ungrouped.push(topic);

    let source = `readme:${input.name}#${slugify(groupTitle || topic)}/${slugify(fitted.title)}`;
    const seen = (sources.get(source) ?? 0) + 1;
    sources.set(source, seen);
    if (seen > 1) source += `-${seen}`;

    return emptyDraft({
      title: fitted.title,
      topic,
      date: date ?? input.fallback.date,
      dated: date ? "text" : input.fallback.source,
      tags: extraTags,
      ...parts,
      notes,
      // A README's challenges are its showcase: one with a problem and its solution is featured.
      featured,
      source,
      origin: { path: input.name, line: node.line + 1 },
      guesses,
    });
  };

  for (const node of top) {
    const personKey = personKeyOf(node.heading);
    if (personKey) {
      addValue(personKey, wholeText(node));
      person.add(node);
    } else visit(node, undefined);
  }
  // The layout, when its placeholders can name the groups: not with --topic (no groups), nor with a group title a placeholder cannot hold.
  const layoutGroups = groups.map((g) => ({ ...g, topics: [...g.topics] }));
  if (ungrouped.length) {
    const same = layoutGroups.find((g) => g.title === ownGroup);
    if (same) same.topics.push(...ungrouped.filter((t) => !same.topics.includes(t)));
    else layoutGroups.push({ title: ownGroup, topics: ungrouped });
  }
  const layout =
    options.topic?.trim() || layoutGroups.some((g) => /[{}]/.test(g.title))
      ? undefined
      : { ...readmeLayout({ lines, root, roles, person, groups: layoutGroups }), groups: layoutGroups };
  return { drafts, problems: [], readme, groups, layout };
}
