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
 * One line per entry: date, topic, title, tags. `markTitle` styles the (already
 * cut and inert) title, such as search highlighting the words that matched.
 */
export function formatEntryLines(io: Io, entries: LoadedEntry[], markTitle = (title: string) => io.color.bold(title)): string[] {
  const topicWidth = Math.min(18, Math.max(5, ...entries.map((e) => displayWidth(inertLine(e.topic)))));
  return entries.map((entry) => {
    const topic = pad(truncate(inertLine(entry.topic), topicWidth), topicWidth);
    const tags = entry.tags.map((t) => `#${inertLine(t)}`).join(" ");
    let title = inertLine(entry.title);
    if (io.stdoutIsTTY) {
      const room = io.columns - 10 - 2 - topicWidth - 2 - (tags ? displayWidth(tags) + 2 : 0);
      title = truncate(title, Math.max(20, room));
    }
    const c = io.color;
    return `${c.dim(entry.date)}  ${c.cyan(topic)}  ${markTitle(title)}${tags ? `  ${c.gray(tags)}` : ""}`;
  });
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
