// The journal seen as the README shows it: topics in groups, entries oldest
// first, challenges numbered. Every order here is fixed by the data alone
// (plain code-unit comparison, never the locale or the clock).

import type { TopicGroup } from "../journal/config.js";
import type { LoadedEntry } from "../journal/read.js";
import { stripControls } from "./escape.js";
import type { TopicOrder } from "./settings.js";
import { ownFields, summarizeWith, type Summaries, type Summarize } from "./summary.js";

export interface Topic {
  /** The name shown: the config's spelling, else the most used spelling in the entries. */
  name: string;
  /** Oldest first. */
  entries: LoadedEntry[];
}

export interface Group {
  title: string;
  topics: Topic[];
  /** A group of nexus.config.json: all its topics are shown; the others are bounded (sections.ts). */
  fromConfig: boolean;
}

export interface ReadmeModel {
  /** Oldest first. */
  entries: LoadedEntry[];
  /** The config's groups in its order, then "Other Topics" for the rest. Without groups in the config: one untitled group. */
  groups: Group[];
  /** True when the groups come from nexus.config.json. */
  grouped: boolean;
  challenges: LoadedEntry[];
  /** The entries with a takeaway. */
  withTakeaway: Set<LoadedEntry>;
  /** Each entry's sections in short, made from one read of its body, for the pages. */
  summaries: Summaries;
}

export const OTHER_TOPICS = "Other Topics";

/** Plain code-unit order: the same on every machine and in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive first, then exact, so the order is total. */
export function compareNames(a: string, b: string): number {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}

export function oldestFirst(a: LoadedEntry, b: LoadedEntry): number {
  return compareText(a.date, b.date) || compareText(a.path, b.path);
}

/**
 * The entries oldest first. A journal is read newest first (journal/contents.ts), so
 * the entries reversed are most often in order already: checked in one pass, sorted
 * only when they are not.
 */
function sortOldestFirst(entries: readonly LoadedEntry[]): LoadedEntry[] {
  const reversed = entries.slice().reverse();
  for (let i = 1; i < reversed.length; i += 1) if (oldestFirst(reversed[i - 1]!, reversed[i]!) > 0) return reversed.sort(oldestFirst);
  return reversed;
}

/** What makes two topics the same: they read the same (controls and bidirectional overrides are never shown), in any case and Unicode form (NFC or NFD). */
export const topicKey = (name: string) => stripControls(name).normalize("NFC").trim().toLowerCase();

/** The most used of a topic's spellings (the first in code-unit order on a tie). */
function spelling(counts: Map<string, number>): string {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]![0];
}

/** Orders of the topics no group of the config orders: A to Z, most entries first, latest entry first. */
const TOPIC_ORDER: Record<TopicOrder, (a: Topic, b: Topic) => number> = {
  name: (a, b) => compareNames(a.name, b.name),
  size: (a, b) => b.entries.length - a.entries.length || compareNames(a.name, b.name),
  newest: (a, b) => compareText(b.entries.at(-1)!.date, a.entries.at(-1)!.date) || compareNames(a.name, b.name),
};

/** The model of the README; `summarize` gives each entry's sections in short (by default from its own fields). */
export function buildModel(entries: LoadedEntry[], configGroups: TopicGroup[], summarize: Summarize = summarizeWith(ownFields), topicOrder: TopicOrder = "name"): ReadmeModel {
  const sorted = sortOldestFirst(entries);
  const summaries = summarize(sorted);
  const byTopic = new Map<string, LoadedEntry[]>();
  // Each spelling's key once (a journal has a few hundred spellings, not one an entry), and how often each is used.
  const keyOf = new Map<string, string>();
  const spellings = new Map<string, Map<string, number>>();
  for (const entry of sorted) {
    const topic = entry.topic;
    let key = keyOf.get(topic);
    if (key === undefined) keyOf.set(topic, (key = topicKey(topic)));
    const list = byTopic.get(key);
    if (list) list.push(entry);
    else byTopic.set(key, [entry]);
    const counts = spellings.get(key) ?? spellings.set(key, new Map()).get(key)!;
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  }
  const used = new Set<string>();
  const groups: Group[] = [];
  for (const group of configGroups) {
    const topics: Topic[] = [];
    for (const name of group.topics) {
      const key = topicKey(name);
      const found = byTopic.get(key);
      if (!found || used.has(key)) continue;
      used.add(key);
      topics.push({ name: name.trim(), entries: found });
    }
    groups.push({ title: group.title, topics, fromConfig: true });
  }
  const rest = [...byTopic.entries()]
    .filter(([key]) => !used.has(key))
    .map(([key, list]) => ({ name: spelling(spellings.get(key)!), entries: list }))
    .sort(TOPIC_ORDER[topicOrder]);
  if (configGroups.length === 0) groups.push({ title: "", topics: rest, fromConfig: false });
  else if (rest.length) groups.push({ title: OTHER_TOPICS, topics: rest, fromConfig: false });
  const challenges = sorted.filter((e) => summaries.has(e, "challenge") && summaries.has(e, "solution"));
  const withTakeaway = new Set(sorted.filter((e) => summaries.has(e, "takeaway")));
  return { entries: sorted, groups, grouped: configGroups.length > 0, challenges, withTakeaway, summaries };
}
