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
import { entryLinkFrom, hrefBetween, plural, tagList } from "../links.js";
import { ItemBytes, type Piece } from "./bytes.js";
import { PAGE_LIMIT, paginate } from "./paginate.js";
import { uniqueSlugs } from "./slugs.js";
import type { Field, Summaries } from "../summary.js";

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

const TOPIC_FIELDS: [label: string, field: Field][] = [["Challenge", "challenge"], ["Solution", "solution"], ["Takeaway", "takeaway"]];

/**
 * An entry on its topic's page: a heading link, date and tags, and its sections in
 * short (a list item each, for the ones not blank), their bytes copied as they are.
 */
function topicItem(from: string, entry: LoadedEntry, summaries: Summaries): Piece[] {
  const tags = tagList(entry);
  const pieces: Piece[] = [`### ${entryLinkFrom(from, entry)}\n\n${entry.date}${tags ? ` · ${tags}` : ""}${entry.featured ? " · ★ featured" : ""}`];
  for (const [label, field] of TOPIC_FIELDS) {
    const short = summaries.shortBytes(entry, field);
    if (short) pieces.push(`${pieces.length === 1 ? "\n\n" : "\n"}- **${label}:** `, short);
  }
  return pieces;
}

/** A challenge on the challenges page: one line with its problem in short (the topic page has the rest). */
function challengeItem(from: string, entry: LoadedEntry, summaries: Summaries): Piece[] {
  const head = `- ${entry.date} · ${entryLinkFrom(from, entry)} · ${escapeInline(entry.topic)}${entry.featured ? " · ★" : ""} — `;
  const short = summaries.shortBytes(entry, "challenge");
  return short ? [head, short] : [head];
}

interface SetSpec {
  /** The pages folder (its README.md is the journal index). */
  root: string;
  folder: string;
  /** File name without `.md`, relative to `folder`. */
  base: string;
  title: string;
  /** A line under the title of the main page. */
  intro: string;
  /** Items in order; `render` makes each one's text for a page at `from`. */
  entries: { group: string; section?: string; render: (from: string) => string | Piece[] }[];
  count: number;
  files: GeneratedFiles;
}

/** Writes one page set: a single page, or a main page listing its parts. */
function writeSet(spec: SetSpec): PageSet {
  const mainPath = `${spec.folder}/${spec.base}.md`;
  const main: PageLink = { label: spec.title, path: mainPath, count: spec.count };
  const home = (from: string) => `[Journal index](${hrefBetween(from, `${spec.root}/README.md`)}) · [README](${hrefBetween(from, "README.md")})`;
  // A page and its parts are in one folder, so an item's links are the same on each:
  // rendered once, kept as bytes, and copied into a page only when it is compared or written.
  const bytes = new ItemBytes();
  const items = spec.entries.map((e) => ({ group: e.group, section: e.section, index: bytes.add(e.render(mainPath)) }));
  // Room for the title and the links between parts.
  const parts = paginate(items, PAGE_LIMIT - 20_000, (item) => bytes.size(item.index) + 2);
  const page = (head: string, list: typeof items, empty: string) =>
    bytes.page(
      head,
      list.map((item) => item.index),
      // A section heading before the first item of each section.
      (i) => (list[i]!.section && list[i]!.section !== list[i - 1]?.section ? `## ${list[i]!.section}` : undefined),
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
        entries: list.map((e) => ({ group: year(e), render: (from: string) => topicItem(from, e, model.summaries) })),
        count: list.length,
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
    entries: challenges.map((e) => ({ group: year(e), section: e.date.slice(0, 7), render: (from: string) => challengeItem(from, e, model.summaries) })),
    count: challenges.length,
    files,
  });

  const timeline = writeSet({
    root: folder,
    folder,
    base: "timeline",
    title: "Every entry by date",
    intro: `${plural(newest.length, "entry", "entries")}, newest first.`,
    entries: newest.map((e) => ({
      group: year(e),
      section: e.date.slice(0, 7),
      render: (from: string) => `- ${e.date} · ${entryLinkFrom(from, e)} · ${escapeInline(e.topic)}`,
    })),
    count: newest.length,
    files,
  });

  const byName = [...topics].sort((a, b) => b.entries.length - a.entries.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const topicList = writeSet({
    root: folder,
    folder,
    base: "topics",
    title: "Topics",
    intro: `${plural(topics.length, "topic")}, most entries first.`,
    entries: byName.map((t) => ({
      group: "",
      render: (from: string) => {
        const set = topicSets.get(topicKey(t.name))!;
        const more = set.parts.length ? ` (${set.parts.map((p) => link(from, p)).join(", ")})` : "";
        return `- ${link(from, set.main)} · ${plural(t.entries.length, "entry", "entries")} · latest ${t.entries.at(-1)!.date}${more}`;
      },
    })),
    count: topics.length,
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
