// The journal as the site shows it: each entry with its page, the topics, tags and
// months with theirs. Every order is fixed by the data alone (code-unit order,
// never the locale or the clock), so an unchanged journal gives the same site.
import { pageSlug } from "../domain/slug.js";
import type { LoadedEntry } from "../journal/read.js";
import { compareNames, topicKey } from "../readme/model.js";
import { cleanLine } from "./text.js";

/** What the site shows of an entry: its fields without the body (the body is rendered apart, see render.ts). */
export type EntryMeta = Pick<LoadedEntry, "title" | "topic" | "tags" | "date" | "featured" | "path">;

export interface SiteEntry {
  meta: EntryMeta;
  /** Its place in the journal's order, newest first (as search numbers entries). */
  at: number;
  slug: string;
  /** Its page, relative to the site's root. */
  page: string;
  topic: Group;
  /** Its place in its topic's entries. */
  inTopic: number;
  tags: Group[];
}

/** A topic, a tag or a month: a name, a page, and its entries newest first. */
export interface Group {
  name: string;
  slug: string;
  page: string;
  entries: SiteEntry[];
}

export interface Month {
  /** `YYYY-MM`. */
  key: string;
  label: string;
  /** One page per MONTH_PAGE entries, newest first. */
  pages: { page: string; entries: SiteEntry[] }[];
}

export interface SiteModel {
  /** Newest first, as the journal orders them. */
  entries: SiteEntry[];
  byPath: Map<string, SiteEntry>;
  topics: Group[];
  tags: Group[];
  /** Newest first. */
  months: Month[];
  /** Featured entries, newest first; none featured: every entry. */
  featured: { explicit: boolean; entries: SiteEntry[] };
}

/** At most this many entries on one page of a month (a month of an import can hold thousands). */
export const MONTH_PAGE = 250;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Unique slugs for names, in a fixed order: the first keeps its slug, the next get -2, -3... */
function slugsFor(names: string[], base: (name: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    const slug = base(name);
    let unique = slug;
    for (let n = 2; used.has(unique); n += 1) unique = `${slug}-${n}`;
    used.add(unique);
    out.set(name, unique);
  }
  return out;
}

const fileSlug = (path: string) => pageSlug(path.replace(/^.*\//, "").replace(/\.md$/i, ""));

/** A function of a name, worked out once per name (10,000 entries have a few hundred topics and tags). */
function once<T>(of: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    let value = known.get(name);
    if (value === undefined && !known.has(name)) known.set(name, (value = of(name)));
    return value as T;
  };
}

function groupBy(entries: SiteEntry[], keysOf: (e: SiteEntry) => string[], folder: string): { groups: Group[]; of: Map<string, Group> } {
  const lists = new Map<string, SiteEntry[]>();
  const spellings = new Map<string, Map<string, number>>();
  const keyOf = once(topicKey);
  const cleaned = once(cleanLine);
  for (const e of entries) {
    for (const name of keysOf(e)) {
      const key = keyOf(name);
      if (!key) continue;
      const list = lists.get(key);
      if (list) list.push(e);
      else lists.set(key, [e]);
      let counts = spellings.get(key);
      if (!counts) spellings.set(key, (counts = new Map<string, number>()));
      const spelt = cleaned(name);
      counts.set(spelt, (counts.get(spelt) ?? 0) + 1);
    }
  }
  const named = [...lists.entries()].map(([key, list]) => {
    const counts = [...spellings.get(key)!.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { key, name: counts[0]![0], list };
  });
  named.sort((a, b) => compareNames(a.name, b.name) || (a.key < b.key ? -1 : 1));
  const slugs = slugsFor(named.map((n) => n.key), pageSlug);
  const of = new Map<string, Group>();
  const groups = named.map(({ key, name, list }) => {
    const slug = slugs.get(key)!;
    const group = { name, slug, page: `${folder}/${slug}.html`, entries: list };
    of.set(key, group);
    return group;
  });
  return { groups, of };
}

function monthsOf(entries: SiteEntry[]): Month[] {
  const byKey = new Map<string, SiteEntry[]>();
  for (const e of entries) {
    const key = e.meta.date.slice(0, 7);
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  return [...byKey.entries()]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([key, list]) => {
      const pages: Month["pages"] = [];
      for (let i = 0; i < list.length; i += MONTH_PAGE) {
        const n = i / MONTH_PAGE + 1;
        pages.push({ page: pagedPath(`timeline/${key}`, n), entries: list.slice(i, i + MONTH_PAGE) });
      }
      return { key, label: `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`, pages };
    });
}

/** The model of the site for the journal's entries, given newest first. */
export function buildSiteModel(metas: readonly EntryMeta[]): SiteModel {
  const byPathOrder = metas.map((meta, at) => ({ meta, at })).sort((a, b) => (a.meta.path < b.meta.path ? -1 : 1));
  const slugs = slugsFor(byPathOrder.map((e) => e.meta.path), fileSlug);
  const placeholder: Group = { name: "", slug: "", page: "", entries: [] };
  const entries: SiteEntry[] = metas.map((meta, at) => {
    const slug = slugs.get(meta.path)!;
    return { meta, at, slug, page: `entries/${slug}.html`, topic: placeholder, inTopic: 0, tags: [] };
  });
  const topics = groupBy(entries, (e) => [e.meta.topic], "topics");
  const tags = groupBy(entries, (e) => e.meta.tags, "tags");
  const keyOf = once(topicKey);
  for (const e of entries) {
    e.topic = topics.of.get(keyOf(e.meta.topic)) ?? placeholder;
    e.tags = [...new Set(e.meta.tags.map((t) => tags.of.get(keyOf(t))).filter((g): g is Group => g !== undefined))];
  }
  for (const group of topics.groups) group.entries.forEach((e, i) => (e.inTopic = i));
  const featured = entries.filter((e) => e.meta.featured);
  return {
    entries,
    byPath: new Map(entries.map((e) => [e.meta.path, e])),
    topics: topics.groups,
    tags: tags.groups,
    months: monthsOf(entries),
    featured: { explicit: featured.length > 0, entries: featured.length ? featured : entries },
  };
}

/** The entries before and after one in its topic (older and newer). */
export function neighbours(entry: SiteEntry): { older: SiteEntry | undefined; newer: SiteEntry | undefined } {
  const list = entry.topic.entries;
  const i = entry.inTopic;
  return { newer: i > 0 ? list[i - 1] : undefined, older: list[i + 1] };
}

/** The path of page `n` (from 1) of a list: `x.html`, `x.p2.html` (a slug has no dot, so no other page is named so). */
export const pagedPath = (stem: string, n: number): string => (n > 1 ? `${stem}.p${n}.html` : `${stem}.html`);
