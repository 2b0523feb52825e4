// The generated pages beside the README: one page per topic, a page of all
// challenges, a timeline of every entry, a list of topics and an index. Each page
// that would pass PAGE_LIMIT is split (paginate.ts) and the README links every part,
// so every entry is two clicks from the README. Pure: each file comes back as a
// function that makes its content (its items are rendered once, kept as bytes).

import type { GeneratedFiles } from "../../journal/generated.js";
import type { LoadedEntry } from "../../journal/read.js";
import { escapeInline } from "../escape.js";
import type { ReadmeModel, Topic } from "../model.js";
import { topicKey } from "../model.js";
import { entryTitle, hrefBetween, hrefTo, linkTarget, plural, tagList, type LinkTarget } from "../links.js";
import { ItemBytes } from "./bytes.js";
import { PAGE_LIMIT, paginate } from "./paginate.js";
import { uniqueSlugs } from "./slugs.js";
import type { Summaries } from "../summary.js";

export type { GeneratedFiles };

export interface PageLink {
  /** Link text (escaped markdown). */
  label: string;
  /** Relative to the journal root, `/` separators. */
  path: string;
  count: number;
}

/** A page and, when it was split, its parts (the page then lists them). */
export interface PageSet {
  main: PageLink;
  parts: PageLink[];
}

export interface PagePlan {
  folder: string;
  index: PageLink;
  /** By topicKey. */
  topics: Map<string, PageSet>;
  topicList: PageSet;
  challenges: PageSet;
  timeline: PageSet;
  /** Path relative to the journal root -> its content, made when asked for (one page at a time). */
  files: GeneratedFiles;
}

const link = (from: string, to: PageLink) => `[${to.label}](${hrefBetween(from, to.path)})`;
const year = (e: LoadedEntry) => e.date.slice(0, 4);
const month = (e: LoadedEntry) => e.date.slice(0, 7);

/**
 * What the pages show of every entry, worked out once for the three pages that list
 * it: its title as link text, its file as a link target, its topic escaped.
 */
class EntryLinks {
  private readonly labels = new Map<LoadedEntry, { label: string; target: LinkTarget }>();
  private readonly topics = new Map<string, string>();

  /** `[title](href)` from the file `from`, as entryLinkFrom makes it. */
  link(from: string, entry: LoadedEntry): string {
    let known = this.labels.get(entry);
    if (!known) {
      known = { label: `[${entryTitle(entry)}](`, target: linkTarget(entry.path) };
      this.labels.set(entry, known);
    }
    return `${known.label}${hrefTo(from, known.target)})`;
  }

  topic(entry: LoadedEntry): string {
    let escaped = this.topics.get(entry.topic);
    if (escaped === undefined) {
      escaped = escapeInline(entry.topic);
      this.topics.set(entry.topic, escaped);
    }
    return escaped;
  }
}

const TOPIC_FIELDS: [first: string, next: string, field: 0 | 1 | 2][] = [
  ["\n\n- **Challenge:** ", "\n- **Challenge:** ", 0],
  ["\n\n- **Solution:** ", "\n- **Solution:** ", 1],
  ["\n\n- **Takeaway:** ", "\n- **Takeaway:** ", 2],
];

/**
 * An entry on its topic's page: a heading link, date and tags, and its sections in
 * short (a list item each, for the ones not blank), their bytes copied as they are.
 */
function topicItem(out: ItemBytes, from: string, entry: LoadedEntry, links: EntryLinks, summaries: Summaries): void {
  const tags = tagList(entry);
  out.putText(`### ${links.link(from, entry)}\n\n${entry.date}${tags ? ` · ${tags}` : ""}${entry.featured ? " · ★ featured" : ""}`);
  const slot = summaries.slotOf(entry);
  let first = true;
  for (const [label, nextLabel, field] of TOPIC_FIELDS) {
    if (!summaries.hasShort(slot, field)) continue;
    out.putText(first ? label : nextLabel);
    summaries.shortInto(slot, field, out);
    first = false;
  }
}

/** A challenge on the challenges page: one line with its problem in short (the topic page has the rest). */
function challengeItem(out: ItemBytes, from: string, entry: LoadedEntry, links: EntryLinks, summaries: Summaries): void {
  out.putText(`- ${entry.date} · ${links.link(from, entry)} · ${links.topic(entry)}${entry.featured ? " · ★" : ""} — `);
  summaries.shortInto(summaries.slotOf(entry), 0, out);
}

interface SetSpec<T> {
  /** The pages folder (its README.md is the journal index). */
  root: string;
  folder: string;
  /** File name without `.md`, relative to `folder`. */
  base: string;
  title: string;
  /** A line under the title of the main page. */
  intro: string;
  /** The items in order: each one's group (year) and section (a heading over a run of items). */
  list: readonly T[];
  group: (item: T) => string;
  section?: (item: T) => string;
  /** Writes an item's pieces into `out` for a page at `from`. */
  render: (out: ItemBytes, from: string, item: T) => void;
  files: GeneratedFiles;
}

/** Writes one page set: a single page, or a main page listing its parts. */
function writeSet<T>(spec: SetSpec<T>): PageSet {
  const mainPath = `${spec.folder}/${spec.base}.md`;
  const main: PageLink = { label: spec.title, path: mainPath, count: spec.list.length };
  const home = (from: string) => `[Journal index](${hrefBetween(from, `${spec.root}/README.md`)}) · [README](${hrefBetween(from, "README.md")})`;
  // A page and its parts are in one folder, so an item's links are the same on each:
  // rendered once, kept as bytes, and copied into a page only when it is compared or written.
  const bytes = new ItemBytes();
  const items = spec.list.map((item) => {
    bytes.begin();
    spec.render(bytes, mainPath, item);
    return { group: spec.group(item), index: bytes.end() };
  });
  const section = spec.section;
  // Room for the title and the links between parts.
  const parts = paginate(items, PAGE_LIMIT - 20_000, (item) => bytes.size(item.index) + 2);
  const page = (head: string, list: typeof items, empty: string) =>
    bytes.page(
      head,
      list.map((item) => item.index),
      // A section heading before the first item of each section.
      section
        ? (i) => {
            const here = section(spec.list[list[i]!.index]!);
            return here && (i === 0 || here !== section(spec.list[list[i - 1]!.index]!)) ? `## ${here}` : undefined;
          }
        : () => undefined,
      empty,
      "\n",
    );
  if (parts.length === 1) {
    spec.files.set(mainPath, () => page(`# ${spec.title}\n\n${spec.intro} ${home(mainPath)}\n\n`, items, "_Nothing yet._"));
    return { main, parts: [] };
  }
  const links: PageLink[] = parts.map((part) => ({ label: escapeInline(part.label), path: `${spec.folder}/${spec.base}--${part.suffix}.md`, count: part.items.length }));
  spec.files.set(
    mainPath,
    () => `# ${spec.title}\n\n${spec.intro} ${home(mainPath)}\n\nIn ${links.length} pages:\n\n${links.map((l) => `- ${link(mainPath, l)} · ${plural(l.count, "entry", "entries")}`).join("\n")}\n`,
  );
  parts.forEach((part, i) => {
    const from = links[i]!.path;
    const nav = links.map((l, j) => (j === i ? `**${l.label}**` : link(from, l))).join(" · ");
    spec.files.set(from, () => page(`# ${spec.title}: ${links[i]!.label}\n\nPart of ${link(from, main)}: ${nav}. ${home(from)}\n\n`, part.items, ""));
  });
  return { main, parts: links };
}

export function planPages(model: ReadmeModel, folder: string): PagePlan {
  const files: GeneratedFiles = new Map();
  const newest = [...model.entries].reverse();
  const topics: Topic[] = model.groups.flatMap((g) => g.topics);
  const slugs = uniqueSlugs(topics.map((t) => topicKey(t.name)));
  const links = new EntryLinks();
  const summaries = model.summaries;

  const topicSets = new Map<string, PageSet>();
  for (const topic of topics) {
    const key = topicKey(topic.name);
    const name = escapeInline(topic.name) || "(unnamed topic)";
    const list = [...topic.entries].reverse();
    topicSets.set(
      key,
      writeSet({
        root: folder,
        folder: `${folder}/topics`,
        base: slugs.get(key)!,
        title: name,
        intro: `${plural(list.length, "entry", "entries")} on ${name}, newest first.`,
        list,
        group: year,
        render: (out, from, e) => topicItem(out, from, e, links, summaries),
        files,
      }),
    );
  }

  const challenges = [...model.challenges].reverse();
  const challengeSet = writeSet({
    root: folder,
    folder,
    base: "challenges",
    title: "Challenges and solutions",
    intro: `${plural(challenges.length, "challenge")}, newest first.`,
    list: challenges,
    group: year,
    section: month,
    render: (out, from, e) => challengeItem(out, from, e, links, summaries),
    files,
  });

  const timeline = writeSet({
    root: folder,
    folder,
    base: "timeline",
    title: "Every entry by date",
    intro: `${plural(newest.length, "entry", "entries")}, newest first.`,
    list: newest,
    group: year,
    section: month,
    render: (out, from, e) => out.putText(`- ${e.date} · ${links.link(from, e)} · ${links.topic(e)}`),
    files,
  });

  const byName = [...topics].sort((a, b) => b.entries.length - a.entries.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const topicList = writeSet({
    root: folder,
    folder,
    base: "topics",
    title: "Topics",
    intro: `${plural(topics.length, "topic")}, most entries first.`,
    list: byName,
    group: () => "",
    render: (out, from, t) => {
      const set = topicSets.get(topicKey(t.name))!;
      const more = set.parts.length ? ` (${set.parts.map((p) => link(from, p)).join(", ")})` : "";
      out.putText(`- ${link(from, set.main)} · ${plural(t.entries.length, "entry", "entries")} · latest ${t.entries.at(-1)!.date}${more}`);
    },
    files,
  });

  const indexPath = `${folder}/README.md`;
  const index: PageLink = { label: "The journal", path: indexPath, count: newest.length };
  const span = newest.length ? ` from ${newest.at(-1)!.date} to ${newest[0]!.date}` : "";
  const indexText =
    [
      `# The journal`,
      `${plural(newest.length, "entry", "entries")} in ${plural(topics.length, "topic")}${span}, generated by \`nexus build-readme\` from the entries: do not edit these pages, edit the entries. Back to the [README](${hrefBetween(indexPath, "README.md")}).`,
      [
        `- ${link(indexPath, topicList.main)} · ${plural(topics.length, "topic")}`,
        `- ${link(indexPath, challengeSet.main)} · ${plural(challenges.length, "challenge")}`,
        `- ${link(indexPath, timeline.main)} · ${plural(newest.length, "entry", "entries")}`,
      ].join("\n"),
    ].join("\n\n") + "\n";
  files.set(indexPath, () => indexText);
  return { folder, index, topics: topicSets, topicList, challenges: challengeSet, timeline, files };
}
