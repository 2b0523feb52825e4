// The generated parts of the README, each a function of the journal alone.
// Text from entries goes through escape.ts: titles, topics and tags as literal
// text, section bodies as markdown without HTML or headings.

import path from "node:path";
import type { LoadedEntry } from "../journal/read.js";
import { escapeInline, firstParagraph, inlineMarkdown, sanitizeBlock } from "./escape.js";
import type { Group, ReadmeModel } from "./model.js";

export interface SectionContext {
  model: ReadmeModel;
  /** Heading level of the template heading above the placeholder (1 for none). */
  level: number;
  /** Folder of the README, absolute. */
  readmeDir: string;
  /** Journal root, absolute. */
  root: string;
}

const EMPTY = "_No entries yet._";

export function heading(level: number, text: string): string {
  return `${"#".repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

/** A link from the README's folder to an entry file: relative, `/` separators, each segment URL-encoded. */
export function entryHref(ctx: Pick<SectionContext, "readmeDir" | "root">, entry: Pick<LoadedEntry, "path">): string {
  const target = path.join(ctx.root, ...entry.path.split("/"));
  const rel = path.relative(ctx.readmeDir, target).split(path.sep).join("/");
  return rel
    .split("/")
    .map((segment) => (segment === ".." ? segment : encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)))
    .join("/");
}

/** An entry's title as README text; a title with nothing printable falls back to its file name. */
export function entryTitle(entry: Pick<LoadedEntry, "title" | "path">): string {
  return escapeInline(entry.title) || escapeInline(path.posix.basename(entry.path));
}

export function entryLink(ctx: SectionContext, entry: LoadedEntry): string {
  return `[${entryTitle(entry)}](${entryHref(ctx, entry)})`;
}

function tagList(entry: LoadedEntry): string {
  return entry.tags.map((t) => `\\#${escapeInline(t)}`).join(" ");
}

/** Renders groups: a heading per group (when there are several or they are named), then per topic. */
function renderGroups(
  ctx: SectionContext,
  groups: Group[],
  showGroupTitles: boolean,
  topicBody: (entries: LoadedEntry[]) => string | undefined,
): string {
  const blocks: string[] = [];
  let topicCount = 0;
  for (const group of groups) {
    const topicLevel = showGroupTitles && group.title ? ctx.level + 2 : ctx.level + 1;
    const topicBlocks: string[] = [];
    for (const topic of group.topics) {
      const body = topicBody(topic.entries);
      if (body === undefined) continue;
      topicBlocks.push(`${heading(topicLevel, escapeInline(topic.name) || "(unnamed topic)")}\n\n${body}`);
    }
    topicCount += topicBlocks.length;
    if (!topicBlocks.length) continue; // a group without entries is left out
    const title = showGroupTitles && group.title ? `${heading(ctx.level + 1, escapeInline(group.title))}\n\n` : "";
    blocks.push(`${title}${topicBlocks.join("\n\n")}`);
  }
  return topicCount ? blocks.join("\n\n") : EMPTY;
}

/** `{{topics}}`: each topic's entries as links, with their date, tags and key learning. */
export function renderTopics(ctx: SectionContext, groups: Group[], showGroupTitles: boolean): string {
  return renderGroups(ctx, groups, showGroupTitles, (entries) =>
    entries
      .map((entry) => {
        const tags = tagList(entry);
        const learning = inlineMarkdown(firstParagraph(entry.takeaway || entry.solution || entry.challenge));
        return `- ${entryLink(ctx, entry)} · ${entry.date}${tags ? ` · ${tags}` : ""}${learning ? ` — ${learning}` : ""}`;
      })
      .join("\n"),
  );
}

/** `{{takeaways}}`: each topic's takeaways in full, each under a line naming its entry. */
export function renderTakeaways(ctx: SectionContext, groups: Group[], showGroupTitles: boolean): string {
  return renderGroups(ctx, groups, showGroupTitles, (entries) => {
    const withTakeaway = entries.filter((e) => e.takeaway.trim());
    if (!withTakeaway.length) return undefined;
    return withTakeaway.map((entry) => `*From ${entryLink(ctx, entry)} · ${entry.date}*\n\n${sanitizeBlock(entry.takeaway)}`).join("\n\n");
  });
}

/** `**Label:** text` when the body starts with a paragraph, else the label on a line of its own. */
function labelled(label: string, body: string): string {
  const startsBlock = /^(\s*([-*+]\s|\d{1,9}[.)]\s|`{3}|~{3}|>|\||\\?[=-]{3})|\s{4})/.test(body);
  return startsBlock ? `**${label}:**\n\n${body}` : `**${label}:** ${body}`;
}

/** `{{challenges}}`: every entry with a challenge and a solution, oldest first, numbered. */
export function renderChallenges(ctx: SectionContext): string {
  const { challenges } = ctx.model;
  if (!challenges.length) return "_No challenges yet: an entry with both a `## Challenge` and a `## Solution` section appears here._";
  return challenges
    .map((entry, index) =>
      [
        heading(ctx.level + 1, `Challenge ${index + 1}: ${entryTitle(entry)}`),
        labelled("Problem", sanitizeBlock(entry.challenge)),
        labelled("Solution", sanitizeBlock(entry.solution)),
        `*Entry: ${entryLink(ctx, entry)} · ${escapeInline(entry.topic)} · ${entry.date}*`,
      ].join("\n\n"),
    )
    .join("\n\n");
}

/** `{{stats}}`: the journal in figures. */
export function renderStats(ctx: SectionContext): string {
  const { entries, challenges } = ctx.model;
  if (!entries.length) return EMPTY;
  const topics = new Set(entries.map((e) => e.topic.trim().toLowerCase())).size;
  const tags = new Set(entries.flatMap((e) => e.tags.map((t) => t.toLowerCase()))).size;
  return [
    "| Entries | Topics | Tags | Challenges solved | First entry | Latest entry |",
    "| ---: | ---: | ---: | ---: | :---: | :---: |",
    `| ${entries.length} | ${topics} | ${tags} | ${challenges.length} | ${entries[0]!.date} | ${entries[entries.length - 1]!.date} |`,
  ].join("\n");
}

/**
 * `{{config.KEY}}`: a value of `readme` in nexus.config.json. The journal's owner
 * wrote it, so it is markdown with HTML allowed (only a nexus marker is refused).
 * A string is a block of markdown; a list becomes a bulleted list; an object
 * becomes `- **Key:** value` lines. A missing value leaves a visible hint.
 */
export function renderConfigValue(key: string, value: unknown): string {
  const one = (v: unknown) => sanitizeBlock(String(v).replace(/\s*\n\s*/g, " "), { html: true, headings: true });
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
    return `_Set \`readme.${key}\` in nexus.config.json to fill this part._`;
  }
  if (Array.isArray(value)) return value.map((item) => `- ${one(item)}`).join("\n");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `- **${escapeInline(k)}:** ${one(v)}`)
      .join("\n");
  }
  return sanitizeBlock(String(value), { html: true, headings: true });
}
