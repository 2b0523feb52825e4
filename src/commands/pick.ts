// Which entry a command works on: the one a name gives, the one picked on a terminal
// when the name is several (a date, a part of a title), or the newest.
import fs from "node:fs";
import { UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import type { JournalContents, LoadedEntry } from "../journal/read.js";
import { AmbiguousEntryError, resolveEntry } from "../journal/resolve.js";
import type { Journal } from "../journal/root.js";
import { truncate } from "../ui/io.js";
import type { Prompter } from "../ui/prompts.js";
import type { Context } from "./context.js";

/** More candidates than anyone reads in a list: the rest are named by a longer name. */
const MOST_CHOICES = 200;

/**
 * The entry `query` names. When it names several, a terminal offers them in a list
 * (Esc or Ctrl-C: exit 130); without one, the error lists them (exit 1).
 */
export async function chooseEntry(
  ctx: Context,
  journal: Journal,
  contents: JournalContents,
  query: string,
  options: { exact?: boolean; prompter?: Prompter | undefined } = {},
): Promise<LoadedEntry> {
  try {
    return resolveEntry(journal, contents, query, ctx.io.cwd, { exact: options.exact });
  } catch (error) {
    if (!(error instanceof AmbiguousEntryError) || !ctx.io.interactive) throw error;
    const prompter = options.prompter ?? (await import("../ui/prompts.js")).terminalPrompter;
    const shown = error.matches.slice(0, MOST_CHOICES);
    const more = error.matches.length > shown.length ? ` (the first ${shown.length}; a longer name narrows them)` : "";
    const width = Math.max(40, ctx.io.columns - 4);
    return prompter.select(
      `"${inertLine(query.trim())}" is ${error.matches.length} entries${more}: which one?`,
      shown.map((entry) => ({ name: truncate(inertLine(`${entry.date}  ${entry.topic}  ${entry.title}`), width), value: entry, description: inertLine(entry.path) })),
    );
  }
}

/**
 * The newest entry: the latest date and, of that day's entries, the one whose file was
 * made last (birth time where the file system keeps it, else the last change).
 */
export function newestEntry(contents: JournalContents): LoadedEntry {
  if (contents.count === 0) throw new UserError("no entries yet", { hint: "add one with `nexus add`" });
  const first = contents.entryAt(0);
  const sameDay: LoadedEntry[] = [];
  for (let place = 0; place < contents.count; place++) {
    const entry = contents.entryAt(place);
    if (entry.date !== first.date) break;
    sameDay.push(entry);
  }
  if (sameDay.length === 1) return first;
  const made = (entry: LoadedEntry) => {
    try {
      const stat = fs.statSync(entry.file);
      return stat.birthtimeMs || stat.ctimeMs;
    } catch {
      return 0;
    }
  };
  return sameDay.reduce((best, entry) => (made(entry) > made(best) ? entry : best));
}
