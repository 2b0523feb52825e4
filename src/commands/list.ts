import { inertLine } from "../domain/sanitize.js";
import { filterEntries, hasFilter, type EntryFilter } from "../journal/filter.js";
import { entryJson, stringifyJson } from "../journal/json.js";
import type { LoadedEntry } from "../journal/read.js";
import { displayWidth, pad, truncate, type Io } from "../ui/io.js";
import { loadJournal, type Context } from "./context.js";

export interface ListOptions extends EntryFilter {
  limit?: number | undefined;
  json: boolean;
}

/**
 * One line per entry: date, topic, title, tags, in the terminal's width (80 columns when
 * it is not known). The title comes before the tags: it is cut only when it alone is too
 * long, and the tags that do not fit after it are counted (+2). `markTitle` styles the
 * (already cut and inert) title, such as search highlighting the words that matched.
 */
export function formatEntryLines(io: Io, entries: LoadedEntry[], markTitle = (title: string) => io.color.bold(title)): string[] {
  const width = Math.max(40, io.columns);
  const topicWidth = Math.min(Math.min(24, Math.max(12, Math.floor(width / 5))), Math.max(5, ...entries.map((e) => displayWidth(inertLine(e.topic)))));
  const room = width - 10 - 2 - topicWidth - 2;
  return entries.map((entry) => {
    const topic = pad(truncate(inertLine(entry.topic), topicWidth), topicWidth);
    const title = truncate(inertLine(entry.title), room);
    const tags = fitTags(entry.tags.map((t) => `#${inertLine(t)}`), room - displayWidth(title) - 2);
    const c = io.color;
    return `${c.dim(entry.date)}  ${c.cyan(topic)}  ${markTitle(title)}${tags ? `  ${c.gray(tags)}` : ""}`;
  });
}

/** As many whole tags as fit in `room` columns, then `+N` for the rest when that fits. */
export function fitTags(tags: string[], room: number): string {
  let shown = "";
  for (let i = 0; i < tags.length; i++) {
    const next = shown ? `${shown} ${tags[i]}` : tags[i]!;
    const more = i + 1 < tags.length ? ` +${tags.length - i - 1}` : "";
    if (displayWidth(next) + displayWidth(more) > room) {
      const rest = `+${tags.length - i}`;
      const withRest = shown ? `${shown} ${rest}` : rest;
      return displayWidth(withRest) <= room ? withRest : shown;
    }
    shown = next;
  }
  return shown;
}

export async function list(ctx: Context, options: ListOptions): Promise<number> {
  const { contents, failed } = loadJournal(ctx);
  const shown = hasFilter(options)
    ? filterEntries(contents.entries, options).slice(0, options.limit ?? Infinity)
    : // The newest few are made without making every entry of the journal.
      Array.from({ length: Math.min(options.limit ?? Infinity, contents.count) }, (_, place) => contents.entryAt(place));
  if (options.json) {
    ctx.io.out(stringifyJson(shown.map(entryJson)));
  } else if (shown.length === 0) {
    ctx.io.err(contents.count === 0 ? "No entries yet: add one with `nexus add`.\n" : "No entries match.\n");
  } else {
    ctx.io.out(`${formatEntryLines(ctx.io, shown).join("\n")}\n`);
  }
  return failed ? 1 : 0;
}
