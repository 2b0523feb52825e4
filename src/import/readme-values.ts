// What an imported README fills in nexus.config.json: the `readme` values
// (overview, goals, contact, license, notes) and the topic `groups` (its headings
// above the learnings). A value the user has set already is kept, never replaced;
// a group gets only the topics no group lists yet; every other key stays as it was.

import type { TopicGroup } from "../journal/config.js";

export interface ReadmeMerge {
  /** The new text of nexus.config.json, or undefined when nothing changes. */
  text: string | undefined;
  /** Keys set by this import. */
  set: string[];
  /** Keys left alone because the config has another value already. */
  kept: string[];
  /** Titles of the groups this import adds or adds topics to. */
  groups: string[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: string) => typeof a === "string" && a.replace(/\r\n?/g, "\n").trim() === b.trim();

/** `configText` is undefined when the journal has no config file. Throws on a config that is not a JSON object. */
export function mergeReadmeValues(configText: string | undefined, values: Record<string, string>, groups: TopicGroup[] = []): ReadmeMerge {
  const keys = Object.keys(values).filter((k) => values[k]!.trim());
  const hasBom = configText?.charCodeAt(0) === 0xfeff;
  const source = configText === undefined ? undefined : hasBom ? configText.slice(1) : configText;
  const config = (source === undefined ? { entries: "entries" } : JSON.parse(source)) as Record<string, unknown>;
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new Error("nexus.config.json must be a JSON object");
  const current = config.readme;
  if (current !== undefined && (typeof current !== "object" || current === null || Array.isArray(current))) {
    throw new Error('"readme" in nexus.config.json must be an object');
  }
  const readme = { ...((current as Record<string, unknown> | undefined) ?? {}) };
  const set: string[] = [];
  const kept: string[] = [];
  for (const key of keys) {
    if (isEmpty(readme[key])) {
      readme[key] = values[key]!;
      set.push(key);
    } else if (!same(readme[key], values[key]!)) {
      kept.push(key);
    }
  }
  const merged = mergeGroups(config.groups, groups);
  if (!set.length && !merged.changed.length) return { text: undefined, set, kept, groups: [] };
  const indent = /^\{\r?\n([ \t]+)"/.exec(source ?? "")?.[1] ?? "  ";
  const eol = /\r\n/.test(source ?? "") ? "\r\n" : "\n";
  const next = { ...config, ...(merged.changed.length ? { groups: merged.groups } : {}), ...(set.length ? { readme } : {}) };
  const json = JSON.stringify(next, null, indent).replace(/\n/g, eol);
  return { text: `${hasBom ? "\ufeff" : ""}${json}${eol}`, set, kept, groups: merged.changed };
}

const key = (name: string) => name.trim().toLowerCase();

/** Adds each topic no group lists yet to the group of its title (a new group at the end when there is none). */
function mergeGroups(current: unknown, incoming: TopicGroup[]): { groups: TopicGroup[]; changed: string[] } {
  const groups = (Array.isArray(current) ? current : []).map((g: TopicGroup) => ({ ...g, topics: [...g.topics] }));
  const listed = new Set(groups.flatMap((g) => g.topics.map(key)));
  const changed: string[] = [];
  for (const group of incoming) {
    const topics = group.topics.filter((t) => !listed.has(key(t)));
    if (!topics.length) continue;
    for (const t of topics) listed.add(key(t));
    const existing = groups.find((g) => key(g.title) === key(group.title));
    if (existing) existing.topics.push(...topics);
    else groups.push({ title: group.title, topics });
    changed.push(group.title);
  }
  return { groups, changed };
}
