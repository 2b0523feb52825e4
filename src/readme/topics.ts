// `{{topics}}` and `{{takeaways}}`, in the README's two forms. The full form lists
// every entry under its topic, as a hand-kept TIL README does; the summary form
// (a journal past the README's size budget) shows each topic's latest few and
// links to the rest. Either way every topic is there, with its count and a link to
// its page, and each section holds only what its title says: Topics names the
// entries, Takeaways shows what was learned.

import type { LoadedEntry } from "../journal/read.js";
import { escapeInline } from "./escape.js";
import { plural, tagList, thousands } from "./links.js";
import { compareNames, topicKey, type Group, type Topic } from "./model.js";
import { block, entryLink, heading, setLinks, topicHeading, type SectionContext } from "./sections.js";
import type { EntryOrder } from "./settings.js";
import { shortText } from "./summary.js";

const EMPTY = "_No entries yet._";
/** Topics past `readme.topics` named one by one in the summary form; the others are on the list of topics. */
const HIDDEN_NAMED = 300;

/** A topic's entries in the order the config asks for (they come oldest first). */
export function inOrder(entries: readonly LoadedEntry[], order: EntryOrder): LoadedEntry[] {
  if (order === "oldest") return [...entries];
  if (order === "newest") return [...entries].reverse();
  return [...entries].sort((a, b) => compareNames(a.title, b.title) || compareNames(a.path, b.path));
}

/** An entry that is its topic (imported from a README where each learning was a heading): its title says nothing more. */
const isTopicItself = (entry: LoadedEntry, topic: Topic) => topicKey(entry.title) === topicKey(topic.name);

/**
 * The topics of a group the README shows in the summary form: at most `settings.topics`, most
 * entries first, in the group's order; a group of the config whole while its topics are ten
 * times fewer (a README past its budget still has to end somewhere).
 */
function shownTopics(ctx: SectionContext, group: Group): { topics: Topic[]; hidden: Topic[] } {
  const limit = group.fromConfig ? 10 * ctx.settings.topics : ctx.settings.topics;
  if (ctx.full || group.topics.length <= limit) return { topics: group.topics, hidden: [] };
  const ranked = [...group.topics].sort((a, b) => b.entries.length - a.entries.length || compareNames(a.name, b.name));
  const keep = new Set(ranked.slice(0, limit));
  return { topics: group.topics.filter((t) => keep.has(t)), hidden: group.topics.filter((t) => !keep.has(t)) };
}

const topicPage = (ctx: SectionContext, topic: Topic, label = `${escapeInline(topic.name) || "topic"} page`) => setLinks(ctx, ctx.plan.topics.get(topicKey(topic.name))!, label);

/** Renders groups: a heading per group (when there are several or they are named), then per topic; `hidden` lines name the topics left out. */
function renderGroups(ctx: SectionContext, groups: Group[], showGroupTitles: boolean, topicBody: (topic: Topic) => string | undefined, listHidden: boolean): string {
  const blocks: string[] = [];
  for (const group of groups) {
    const topicLevel = showGroupTitles && group.title ? ctx.level + 2 : ctx.level + 1;
    const topicBlocks: string[] = [];
    const { topics, hidden } = shownTopics(ctx, group);
    for (const topic of topics) {
      const body = topicBody(topic);
      const single = topic.entries.length === 1 ? topic.entries[0]!.date : undefined;
      if (body !== undefined) topicBlocks.push(`${topicHeading(ctx, topicLevel, escapeInline(topic.name) || "(unnamed topic)", single)}\n\n${body}`);
    }
    // Every topic is in the README: those past `readme.topics` as one line of links with their counts
    // (past a few hundred, the list of all topics is one link away).
    if (hidden.length && listHidden) {
      const named = hidden.slice(0, HIDDEN_NAMED).map((t) => `${topicPage(ctx, t, escapeInline(t.name) || "topic")} (${t.entries.length})`);
      const rest = hidden.length > HIDDEN_NAMED ? ` · and ${plural(hidden.length - HIDDEN_NAMED, "more")} on ${setLinks(ctx, ctx.plan.topicList, "the list of topics")}` : "";
      topicBlocks.push(`_${plural(hidden.length, "more topic")}: ${named.join(" · ")}${rest}._`);
    }
    if (!topicBlocks.length) continue; // a group without entries is left out
    const title = showGroupTitles && group.title ? `${heading(ctx.level + 1, escapeInline(group.title))}\n\n` : "";
    blocks.push(`${title}${topicBlocks.join("\n\n")}`);
  }
  return blocks.join("\n\n");
}

/** The line under a topic's list: how many entries, and its page. */
function topicFooter(ctx: SectionContext, topic: Topic, shown: number): string {
  const rest = topic.entries.length - shown;
  if (rest > 0) return `_${plural(rest, "more entry", "more entries")} on the ${topicPage(ctx, topic)}._`;
  return `_${plural(topic.entries.length, "entry", "entries")}, all on the ${topicPage(ctx, topic)}._`;
}

/** The entries of a topic the README shows: all (full form) or the latest few (summary), in the configured order; and how many that is. */
function chosen(ctx: SectionContext, entries: LoadedEntry[]): LoadedEntry[] {
  return inOrder(ctx.full ? entries : entries.slice(-ctx.settings.perTopic), ctx.settings.entryOrder);
}

/** A topic's entries as links with their date (and, in the summary form, their key learning). */
function entryList(ctx: SectionContext, topic: Topic): string {
  const entries = chosen(ctx, topic.entries);
  const lines = entries.map((entry) => {
    const tags = tagList(entry);
    // Made markdown once (shortText): escaping the escaped text again would show its escapes.
    const learning = ctx.full ? "" : shortText(entry.takeaway || entry.solution || entry.challenge);
    return `- ${entryLink(ctx, entry)} · ${entry.date}${tags ? ` · ${tags}` : ""}${learning ? ` — ${learning}` : ""}`;
  });
  return `${lines.join("\n")}\n\n${topicFooter(ctx, topic, entries.length)}`;
}

/** A topic's takeaways, each under a line naming its entry (an entry that is the topic itself needs none). */
function takeawayList(ctx: SectionContext, topic: Topic): string | undefined {
  const withTakeaway = topic.entries.filter((e) => ctx.model.withTakeaway.has(e));
  if (!withTakeaway.length) return undefined;
  const entries = chosen(ctx, withTakeaway);
  const text = entries
    .map((entry) => {
      const takeaway = block(ctx, entry, entry.takeaway);
      return isTopicItself(entry, topic) && topic.entries.length === 1 ? takeaway : `*From ${entryLink(ctx, entry)} · ${entry.date}*\n\n${takeaway}`;
    })
    .join("\n\n");
  const rest = withTakeaway.length - entries.length;
  return rest > 0 ? `${text}\n\n_${plural(rest, "more takeaway")} on the ${topicPage(ctx, topic)}._` : text;
}

/** `{{topics}}`: every entry as a link with its date (full), or the latest few with their key learning (summary). */
export function renderTopics(ctx: SectionContext, groups: Group[], showGroupTitles: boolean): string {
  const body = renderGroups(ctx, groups, showGroupTitles, (topic) => entryList(ctx, topic), true);
  if (!body) return EMPTY;
  const count = ctx.model.entries.length;
  return ctx.full ? `_${thousands(count)} ${count === 1 ? "learning" : "learnings"} and counting._\n\n${body}` : body;
}

/** `{{takeaways}}`: what each topic's entries taught, every one (full) or the latest few (summary). */
export function renderTakeaways(ctx: SectionContext, groups: Group[], showGroupTitles: boolean): string {
  return renderGroups(ctx, groups, showGroupTitles, (topic) => takeawayList(ctx, topic), false) || EMPTY;
}
