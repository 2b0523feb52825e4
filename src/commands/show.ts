import { inertText } from "../domain/sanitize.js";
import { entryJson, stringifyJson } from "../journal/json.js";
import { UsageError } from "../errors.js";
import { entryView } from "../ui/entry-view.js";
import type { Prompter } from "../ui/prompts.js";
import { loadJournal, type Context } from "./context.js";
import { chooseEntry } from "./pick.js";
import { readRegular } from "../journal/regular-file.js";

export interface ShowOptions {
  /** None: on a terminal, the interactive search picks one. */
  entry?: string | undefined;
  raw: boolean;
  json: boolean;
  /** Replaced in tests; the terminal prompter otherwise. */
  prompter?: Prompter | undefined;
}

/**
 * Shows the entry a name gives (a date or a part of a title may be several: a terminal
 * offers them). With no name, a terminal opens the interactive search.
 */
export async function show(ctx: Context, options: ShowOptions): Promise<number> {
  if (options.entry === undefined) {
    if (!ctx.io.interactive || options.raw || options.json) {
      throw new UsageError("name the entry to show: a path, file name, slug, date (YYYY-MM-DD) or part of its title", {
        hint: "`nexus list` shows the entries; on a terminal, `nexus show` alone searches as you type",
      });
    }
    const { search, DEFAULT_LIMIT } = await import("./search.js");
    return search(ctx, { words: [], tags: [], limit: DEFAULT_LIMIT, json: false, prompter: options.prompter });
  }
  const { journal, contents, failed } = loadJournal(ctx);
  const entry = await chooseEntry(ctx, journal, contents, options.entry, { prompter: options.prompter });
  if (options.json) {
    ctx.io.out(stringifyJson({ ...entryJson(entry), notes: entry.notes }));
  } else if (options.raw) {
    const raw = readRegular(entry.file, { encoding: "utf8" });
    // Byte for byte into a pipe; on a terminal, control characters are shown inert.
    ctx.io.out(ctx.io.stdoutIsTTY ? inertText(raw) : raw);
  } else {
    ctx.io.out(await entryView(ctx.io, entry));
  }
  return failed ? 1 : 0;
}
