// A hand-written README (like the seed) into entries: each heading with text
// under it is one learning, titled by the heading and a topic of its own, grouped
// in nexus.config.json under the heading it sits under (a challenge is an entry of
// that heading's topic). Problem / Solution / Takeaway blocks land in those sections. Sections
// about the person (overview, goals, contact, license, notes) become `readme`
// values of nexus.config.json. The document's outline and the reading of one section
// are in readme-outline.ts.

import { slugify } from "../domain/slug.js";
import { emptyDraft, findDate, fitLabel, fitTitle, importTags, toLf, type FallbackDate, type ImportDraft, type ParsedSource, type ParseOptions } from "./draft.js";
import { headingFormat, readmeLayout, type Layout, type Role } from "./readme-layout.js";
import { MAX_HEADING, personKeyOf, type Part, type PersonKey } from "./labels.js";
import { outline, ownText, splitLabels, titleOf, wholeText, type Node } from "./readme-outline.js";
import { LIMITS } from "../domain/entry.js";
import type { TopicGroup } from "../journal/config.js";

export interface ReadmeInput {
  text: string;
  /** The file's name, for `source:` and messages. */
  name: string;
  /** The date for sections that name none. */
  fallback: FallbackDate;
}

/** What a section's heading and text say: its title, date, sections and the guesses made. */
interface Content {
  rawTitle: string;
  title: string;
  numbered: boolean;
  headingDate: string | undefined;
  date: string | undefined;
  parts: Record<Part, string>;
  notes: string;
  guesses: string[];
}

export function parseReadme(input: ReadmeInput, options: ParseOptions = {}): ParsedSource {
  return new ReadmeReader(input, options).read();
}

/** One README being read: the drafts, the person's values and the groups found so far. */
class ReadmeReader {
  private readonly lines: string[];
  private readonly root: Node;
  private readonly drafts: ImportDraft[] = [];
  private readonly readme: Partial<Record<PersonKey, string>> = {};
  private readonly sources = new Map<string, number>();
  private readonly groups: TopicGroup[] = [];
  private readonly extraTags: string[];
  // What each heading became, for the README's layout as a template (readme-layout.ts).
  private readonly roles = new Map<Node, Role>();
  private readonly person = new Set<Node>();
  private readonly ungrouped: string[] = [];
  /** The group of learnings with no heading above them: the document's title, or "Learnings". */
  private ownGroup = "";

  constructor(
    private readonly input: ReadmeInput,
    private readonly options: ParseOptions,
  ) {
    this.lines = toLf(input.text).replace(/^\ufeff/, "").split("\n");
    this.root = outline(this.lines);
    this.extraTags = importTags([], options.tags).tags;
  }

  read(): ParsedSource {
    // One level-1 heading at the top is the document's title: its text is the introduction.
    const root = this.root;
    const titleNode = root.children.length === 1 && root.children[0]!.level === 1 ? root.children[0]! : undefined;
    this.ownGroup = fitLabel((titleNode && titleOf(titleNode.heading).title) || "Learnings", LIMITS.topic);
    this.addValue("overview", ownText(root.body));
    if (titleNode) this.addValue("overview", ownText(titleNode.body));
    for (const node of titleNode ? titleNode.children : root.children) {
      const personKey = personKeyOf(node.heading);
      if (personKey) {
        this.addValue(personKey, wholeText(node));
        this.person.add(node);
      } else this.visit(node, undefined);
    }
    return { drafts: this.drafts, problems: [], readme: this.readme, groups: this.groups, layout: this.layout() };
  }

  private addValue(key: PersonKey, text: string): void {
    if (text) this.readme[key] = this.readme[key] ? `${this.readme[key]}\n\n${text}` : text;
  }

  private addToGroup(title: string, topic: string): void {
    let group = this.groups.find((g) => g.title === title);
    if (!group) this.groups.push((group = { title, topics: [] }));
    if (!group.topics.includes(topic)) group.topics.push(topic);
  }

  private visit(node: Node, topicNode: Node | undefined): void {
    const text = ownText(node.body);
    if (text) this.drafts.push(this.draftOf(node, topicNode, text));
    for (const child of node.children) this.visit(child, node);
  }

  /** A section's title, date and labelled parts, with what was guessed. */
  private contentOf(node: Node, text: string): Content {
    const { title: rawTitle, numbered, date: headingDate } = titleOf(node.heading);
    const guesses: string[] = [];
    const fitted = fitTitle(rawTitle || `Section at line ${node.line + 1}`);
    if (!rawTitle) guesses.push("the heading has no text: titled by its line");
    const date = headingDate ?? findDate(text);
    const fallback = this.input.fallback;
    if (!date) guesses.push(`no date in the section: dated ${fallback.date} (${fallback.why})`);
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
    return { rawTitle, title: fitted.title, numbered, headingDate, date, parts, notes, guesses };
  }

  /**
   * A learning is a topic of its own (Python, Caching Strategies), listed in nexus.config.json under
   * the heading above it (Key Technologies Covered), as the README shows it. A challenge is one
   * entry of the topic its heading sits under (Challenges Faced and Solutions Implemented).
   */
  private topicOf(node: Node, topicNode: Node | undefined, content: Content, featured: boolean): { topic: string; group: string } {
    const chosen = this.options.topic?.trim();
    const group = topicNode ? fitLabel(titleOf(topicNode.heading).title, LIMITS.topic) : "";
    const isChallenge = content.numbered || featured;
    const topic = fitLabel(chosen || (isChallenge ? group : "") || fitLabel(content.title, LIMITS.topic) || "Imported", LIMITS.topic);
    if (!chosen && isChallenge && !group) content.guesses.push("no heading above it: its own title is its topic");
    if (!chosen && group && !isChallenge) this.addToGroup(group, topic);
    const { rawTitle, headingDate: date, numbered } = content;
    const format = headingFormat(node.heading, { title: rawTitle, date, numbered, field: isChallenge ? "title" : "topic" });
    this.roles.set(node, isChallenge ? { kind: "challenge", format } : { kind: "learning", group: group || this.ownGroup, format: topic === rawTitle ? format : undefined });
    if (!isChallenge && !group && !this.ungrouped.includes(topic)) this.ungrouped.push(topic);
    return { topic, group };
  }

  /** The draft's `source:`, unique in this README (`-2` for a second section of the same name). */
  private sourceOf(group: string, topic: string, title: string): string {
    const source = `readme:${this.input.name}#${slugify(group || topic)}/${slugify(title)}`;
    const seen = (this.sources.get(source) ?? 0) + 1;
    this.sources.set(source, seen);
    return seen > 1 ? `${source}-${seen}` : source;
  }

  private draftOf(node: Node, topicNode: Node | undefined, text: string): ImportDraft {
    const content = this.contentOf(node, text);
    // A README's challenges are its showcase: one with a problem and its solution is featured.
    const featured = Boolean(content.parts.challenge && content.parts.solution);
    const { topic, group } = this.topicOf(node, topicNode, content, featured);
    const fallback = this.input.fallback;
    return emptyDraft({
      title: content.title,
      topic,
      date: content.date ?? fallback.date,
      dated: content.date ? "text" : fallback.source,
      tags: this.extraTags,
      ...content.parts,
      notes: content.notes,
      featured,
      source: this.sourceOf(group, topic, content.title),
      origin: { path: this.input.name, line: node.line + 1 },
      guesses: content.guesses,
    });
  }

  /** The layout, when its placeholders can name the groups: not with --topic (no groups), nor with a group title a placeholder cannot hold. */
  private layout(): (Layout & { groups: TopicGroup[] }) | undefined {
    const groups = this.groups.map((g) => ({ ...g, topics: [...g.topics] }));
    if (this.ungrouped.length) {
      const same = groups.find((g) => g.title === this.ownGroup);
      if (same) same.topics.push(...this.ungrouped.filter((t) => !same.topics.includes(t)));
      else groups.push({ title: this.ownGroup, topics: this.ungrouped });
    }
    if (this.options.topic?.trim() || groups.some((g) => /[{}]/.test(g.title))) return undefined;
    return { ...readmeLayout({ lines: this.lines, root: this.root, roles: this.roles, person: this.person, groups }), groups };
  }
}
