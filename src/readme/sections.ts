// The generated parts of the README, each a function of the journal alone: the
// challenges, the pages, the figures and the config's values (the topics and
// takeaways are in topics.ts); the whole journal is in the generated pages (pages/plan.ts).
// Text from entries goes through escape.ts: titles, topics and tags as literal
// text, section bodies as markdown without HTML or headings.

import type { LoadedEntry } from "../journal/read.js";
import { escapeInline, sanitizeBlock } from "./escape.js";
import { entryLinkFrom, entryTitle, hrefBetween, plural } from "./links.js";
import { topicKey, type ReadmeModel } from "./model.js";
import type { PageLink, PagePlan, PageSet } from "./pages/plan.js";
import { shortText } from "./summary.js";
import { fillHeading, type ReadmeSettings } from "./settings.js";

export interface SectionContext {
  model: ReadmeModel;
  /** The form of the README: every entry ("full"), or the latest few of each topic ("summary"). */
  full: boolean;
  /** The topics (topicKey) whose takeaways a {{takeaways}} placeholder of the template shows. */
  takeawayTopics?: ReadonlySet<string>;
  /** Heading level of the template heading above the placeholder (1 for none). */
  level: number;
  /** The README, relative to the journal root (`README.md`). */
  readme: string;
  plan: PagePlan;
  settings: ReadmeSettings;
}

const EMPTY = "_No entries yet._";
/** A section body longer than this (characters) is shown in short, with a link to the entry. */
const LONG_BLOCK = 2000;

export function heading(level: number, text: string): string {
  return `${"#".repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

/** A generated heading of a topic, in the form `readme.topicHeading` gives (a hand-written README's own); `date` for a topic of one entry. */
export const topicHeading = (ctx: SectionContext, level: number, name: string, date?: string) => heading(level, fillHeading(ctx.settings.topicHeading, { topic: name, date }));

export const entryLink = (ctx: SectionContext, entry: LoadedEntry) => entryLinkFrom(ctx.readme, entry);
const pageLink = (ctx: SectionContext, page: PageLink, label = page.label) => `[${label}](${hrefBetween(ctx.readme, page.path)})`;

/** A page set as links: the page, then its parts when it was split. */
export function setLinks(ctx: SectionContext, set: PageSet, label?: string): string {
  const parts = set.parts.length ? ` (${set.parts.map((p) => pageLink(ctx, p)).join(" · ")})` : "";
  return `${pageLink(ctx, set.main, label)}${parts}`;
}

/** A section's markdown for the README: whole, or its first paragraph and a link when it is long. */
export function block(ctx: SectionContext, entry: LoadedEntry, markdown: string): string {
  const clean = sanitizeBlock(markdown);
  if (clean.length <= LONG_BLOCK) return clean;
  return `${shortText(markdown)} ([read on](${hrefBetween(ctx.readme, entry.path)}))`;
}

/** `**Label:** text` when the body starts with a paragraph, else the label on a line of its own. */
export function labelled(label: string, body: string): string {
  const startsBlock = /^(\s*([-*+]\s|\d{1,9}[.)]\s|`{3}|~{3}|>|\||\\?[=-]{3})|\s{4})/.test(body);
  return startsBlock ? `**${label}:**\n\n${body}` : `**${label}:** ${body}`;
}

/**
 * The challenges the README shows: the featured entries (`featured: true`), else the
 * latest entries with a challenge and a solution; at most `settings.challenges`, by date, oldest first.
 */
export function shownChallenges(model: ReadmeModel, limit: number): { featured: boolean; list: LoadedEntry[] } {
  const featured = model.entries.filter((e) => e.featured);
  if (featured.length) return { featured: true, list: featured.slice(0, limit) };
  return { featured: false, list: model.challenges.slice(-limit) };
}

/** `{{challenges}}`: the shown challenges numbered, with Problem and Solution, and a link to all of them. */
export function renderChallenges(ctx: SectionContext): string {
  const { featured, list } = shownChallenges(ctx.model, ctx.settings.challenges);
  const all = ctx.model.challenges.length;
  const more = all ? `_${featured ? "All" : list.length < all ? `The latest ${list.length} of` : "All"} ${plural(all, "challenge")}, newest first: ${setLinks(ctx, ctx.plan.challenges)}._` : "";
  if (!list.length) return "_No challenges yet: an entry with both a `## Challenge` and a `## Solution` section appears here._";
  const body = list.map((entry, index) =>
    [
      heading(ctx.level + 1, fillHeading(ctx.settings.challengeHeading, { n: String(index + 1), title: entryTitle(entry), date: entry.date, topic: escapeInline(entry.topic) })),
      entry.challenge.trim() ? labelled("Problem", block(ctx, entry, entry.challenge)) : "",
      entry.solution.trim() ? labelled("Solution", block(ctx, entry, entry.solution)) : "",
      // A takeaway no {{takeaways}} of the template shows is shown with its challenge.
      entry.takeaway.trim() && !ctx.takeawayTopics?.has(topicKey(entry.topic)) ? labelled("Takeaway", block(ctx, entry, entry.takeaway)) : "",
      `*Entry: ${entryLink(ctx, entry)} · ${escapeInline(entry.topic)} · ${entry.date}*`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
  return [...body, more].filter(Boolean).join("\n\n");
}

/** `{{pages}}`: links to the generated pages, with how many entries each holds. */
export function renderPages(ctx: SectionContext): string {
  const { plan, model } = ctx;
  const topics = model.groups.reduce((n, g) => n + g.topics.length, 0);
  return [
    `- ${pageLink(ctx, plan.index)}: the whole journal, ${plural(model.entries.length, "entry", "entries")}`,
    `- ${setLinks(ctx, plan.topicList, "Topics")}: ${plural(topics, "topic")}, each with a page of all its entries`,
    `- ${setLinks(ctx, plan.challenges, "Challenges and solutions")}: ${plural(model.challenges.length, "challenge")}`,
    `- ${setLinks(ctx, plan.timeline, "Every entry by date")}: ${plural(model.entries.length, "entry", "entries")}`,
  ].join("\n");
}

/** `{{stats}}`: the journal in figures. */
export function renderStats(ctx: SectionContext): string {
  const { entries, challenges } = ctx.model;
  if (!entries.length) return EMPTY;
  // The names as the entries spell them first (a few hundred, against an entry or a tag an entry), then lowercased.
  const spelt = { topics: new Set<string>(), tags: new Set<string>() };
  for (const e of entries) {
    spelt.topics.add(e.topic);
    for (const t of e.tags) spelt.tags.add(t);
  }
  const topics = new Set(Array.from(spelt.topics, (t) => t.trim().toLowerCase())).size;
  const tags = new Set(Array.from(spelt.tags, (t) => t.toLowerCase())).size;
  return [
    "| Entries | Topics | Tags | Challenges solved | First entry | Latest entry |",
    "| ---: | ---: | ---: | ---: | :---: | :---: |",
    `| ${entries.length} | ${topics} | ${tags} | ${challenges.length} | ${entries[0]!.date} | ${entries[entries.length - 1]!.date} |`,
  ].join("\n");
}

/** A value of `readme` that `{{config.KEY}}` shows nothing for. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && !value.trim()) || (Array.isArray(value) && !value.length) || (typeof value === "object" && value !== null && !Object.keys(value).length);
}

/**
 * `{{config.KEY}}`: a value of `readme` in nexus.config.json. The journal's owner
 * wrote it, so it is markdown with HTML allowed (only a nexus marker is refused).
 * A string is a block of markdown; a list becomes a bulleted list; an object
 * becomes `- **Key:** value` lines. A missing value leaves the part out ("");
 * build-readme and doctor say which parts could be filled (unfilledParts).
 */
export function renderConfigValue(value: unknown): string {
  const one = (v: unknown) => sanitizeBlock(String(v).replace(/\s*\n\s*/g, " "), { html: true, headings: true });
  if (isEmptyValue(value)) return "";
  if (Array.isArray(value)) return value.map((item) => `- ${one(item)}`).join("\n");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `- **${escapeInline(k)}:** ${one(v)}`)
      .join("\n");
  }
  return sanitizeBlock(String(value), { html: true, headings: true });
}
