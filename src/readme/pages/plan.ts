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
import { hrefBetween, plural } from "../links.js";
import { ByteCounter, PageWriter, type Sink } from "./bytes.js";
import { challengePut, challengeShort, challengeTextBytes, EntryLinks, timelinePut, timelineTextBytes, topicPut, topicShorts, topicTextBytes, utf8Length } from "./items.js";
import { PAGE_LIMIT, paginateRuns } from "./paginate.js";
import { uniqueSlugs } from "./slugs.js";

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
const month = (e: LoadedEntry) => e.date.slice(0, 7);
// Entries come sorted by date: the year of the one before is most often the same string.
let lastYear = "";
const year = (e: LoadedEntry) => (e.date.length >= 4 && e.date.startsWith(lastYear) && lastYear.length === 4 ? lastYear : (lastYear = e.date.slice(0, 4)));

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
  /**
   * An item on a page at `from`: its text (`text`, or put piece by piece by `put`, whose
   * UTF-8 length `textBytes` tells), then the bytes that follow it (sections in short), if any.
   */
  text?: (from: string, item: T) => string;
  put?: (out: Sink, from: string, item: T) => void;
  textBytes?: (from: string, item: T) => number;
  bytes?: (out: Sink, item: T) => void;
  files: GeneratedFiles;
}

const counter = new ByteCounter();

/** Writes one page set: a single page, or a main page listing its parts. */
function writeSet<T>(spec: SetSpec<T>): PageSet {
  const { list, bytes, section } = spec;
  const put = spec.put ?? ((out: Sink, from: string, item: T) => out.putText(spec.text!(from, item)));
  const mainPath = `${spec.folder}/${spec.base}.md`;
  const main: PageLink = { label: spec.title, path: mainPath, count: list.length };
  const home = (from: string) => `[Journal index](${hrefBetween(from, `${spec.root}/README.md`)}) · [README](${hrefBetween(from, "README.md")})`;
  // A page and its parts are in one folder, so an item's links are the same on each:
  // every item is measured here, and made only when its page is made.
  const sizes = new Float64Array(list.length);
  for (let i = 0; i < list.length; i += 1) {
    counter.count = spec.textBytes ? spec.textBytes(mainPath, list[i]!) : utf8Length(spec.text!(mainPath, list[i]!));
    bytes?.(counter, list[i]!);
    sizes[i] = counter.count;
  }
  // Room for the title and the links between parts.
  const parts = paginateRuns(list.length, (i) => spec.group(list[i]!), (i) => sizes[i]! + 2, PAGE_LIMIT - 20_000);
  /** `head`, the items [start, end) separated by blank lines with a heading over each section, `empty` when that is nothing, and a newline. */
  const page = (head: string, start: number, end: number, empty: string) => {
    const out = new PageWriter();
    out.putText(head);
    const first = out.used;
    let last: string | undefined;
    for (let i = start; i < end; i += 1) {
      if (i > start) out.putText("\n\n");
      const here = section?.(list[i]!);
      if (here && here !== last) out.putText(`## ${here}\n\n`);
      last = here;
      const before = out.used;
      put(out, mainPath, list[i]!);
      bytes?.(out, list[i]!);
      if (out.used - before !== sizes[i]) throw new Error(`generated page ${mainPath}: item ${i} is ${out.used - before} bytes, measured ${sizes[i]}`);
    }
    if (out.used === first) out.putText(empty);
    out.putText("\n");
    return out.bytes();
  };
  if (parts.length === 1) {
    spec.files.set(mainPath, () => page(`# ${spec.title}\n\n${spec.intro} ${home(mainPath)}\n\n`, 0, list.length, "_Nothing yet._"));
    return { main, parts: [] };
  }
  const links: PageLink[] = parts.map((part) => ({ label: escapeInline(part.label), path: `${spec.folder}/${spec.base}--${part.suffix}.md`, count: part.end - part.start }));
  spec.files.set(
    mainPath,
    () => `# ${spec.title}\n\n${spec.intro} ${home(mainPath)}\n\nIn ${links.length} pages:\n\n${links.map((l) => `- ${link(mainPath, l)} · ${plural(l.count, "entry", "entries")}`).join("\n")}\n`,
  );
  parts.forEach((part, i) => {
    const from = links[i]!.path;
    const nav = links.map((l, j) => (j === i ? `**${l.label}**` : link(from, l))).join(" · ");
    spec.files.set(from, () => page(`# ${spec.title}: ${links[i]!.label}\n\nPart of ${link(from, main)}: ${nav}. ${home(from)}\n\n`, part.start, part.end, ""));
  });
  return { main, parts: links };
}

export function planPages(model: ReadmeModel, folder: string): PagePlan {
  const files: GeneratedFiles = new Map();
  const newest = [...model.entries].reverse();
  const topics: Topic[] = model.groups.flatMap((g) => g.topics);
  const slugs = uniqueSlugs(topics.map((t) => topicKey(t.name)));
  const links = new EntryLinks(model.summaries);

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
        put: (out, from, e) => topicPut(out, from, e, links),
        textBytes: (from, e) => topicTextBytes(from, e, links),
        bytes: (out, e) => topicShorts(out, e, links),
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
    put: (out, from, e) => challengePut(out, from, e, links),
    textBytes: (from, e) => challengeTextBytes(from, e, links),
    bytes: (out, e) => challengeShort(out, e, links),
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
    put: (out, from, e) => timelinePut(out, from, e, links),
    textBytes: (from, e) => timelineTextBytes(from, e, links),
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
    text: (from, t) => {
      const set = topicSets.get(topicKey(t.name))!;
      const more = set.parts.length ? ` (${set.parts.map((p) => link(from, p)).join(", ")})` : "";
      return `- ${link(from, set.main)} · ${plural(t.entries.length, "entry", "entries")} · latest ${t.entries.at(-1)!.date}${more}`;
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
