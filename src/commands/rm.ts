import { UsageError, UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import type { JournalContents, LoadedEntry } from "../journal/read.js";
import { invalidEntryAt, resolveEntry } from "../journal/resolve.js";
import type { Journal } from "../journal/root.js";
import { moveToTrash } from "../journal/trash.js";
import type { Prompter } from "../ui/prompts.js";
import { loadJournal, type Context } from "./context.js";
import { chooseEntry } from "./pick.js";

export interface RmOptions {
  entry: string;
  yes: boolean;
}

/**
 * Moves one entry to the trash (`nexus restore` brings it back) after a confirmation on
 * a terminal; without a terminal `--yes` is required, and takes whole names only. A link
 * is moved, never the file it points to.
 */
export async function rm(ctx: Context, options: RmOptions, prompter?: Prompter): Promise<number> {
  const { journal, contents } = loadJournal(ctx);
  // An invalid file can be removed by its path too: nexus cannot read it, but it can tidy it.
  const invalid = invalidEntryAt(contents, journal, options.entry, ctx.io.cwd);
  // Without a question, only a whole name may pick what goes: never a part of a title.
  const target = invalid
    ? { path: invalid.path, title: `invalid: ${invalid.message}` }
    : options.yes
      ? wholeName(ctx, journal, contents, options.entry)
      : await chooseEntry(ctx, journal, contents, options.entry, { prompter });
  const shown = `${inertLine(target.path)}  (${inertLine(target.title)})`;
  if (!options.yes) {
    if (!ctx.io.interactive) {
      throw new UsageError(`not removing ${inertLine(target.path)} without confirmation: pass --yes (there is no terminal to ask on)`, {
        hint: `nexus rm ${JSON.stringify(target.path)} --yes`,
      });
    }
    const ask = prompter ?? (await import("../ui/prompts.js")).terminalPrompter;
    if (!(await ask.confirm(`Remove ${shown}?`, false))) {
      ctx.io.err("Nothing removed.\n");
      return 1;
    }
  }
  // The name under the journal, so a link inside the journal goes, not its target.
  moveToTrash(journal, target.path);
  ctx.io.out(`removed ${shown}\n`);
  // Its file name without .md names it for restore (the last removed of that name).
  const stem = target.path.split("/").pop()!.replace(/\.(md|markdown)$/i, "");
  const word = /^[\w.-]+$/.test(stem) ? stem : JSON.stringify(stem);
  ctx.io.err(`in the trash: nexus restore ${inertLine(word)} brings it back\n`);
  return 0;
}

/**
 * With --yes, only a whole name (path, file name, slug, whole title) picks what goes; a
 * part of a title that would name one entry is shown as the command to run instead.
 */
function wholeName(ctx: Context, journal: Journal, contents: JournalContents, name: string): LoadedEntry {
  try {
    return resolveEntry(journal, contents, name, ctx.io.cwd, { exact: true });
  } catch (error) {
    if (!(error instanceof UserError) || !/^no entry is named/.test(error.message)) throw error;
    let partial: LoadedEntry | undefined;
    try {
      partial = resolveEntry(journal, contents, name, ctx.io.cwd);
    } catch {
      // Several or none: the plain message.
    }
    const why = "with --yes, only a whole name counts (path, file name, slug or whole title), never a part of a title or a date";
    throw new UserError(`no entry is named "${inertLine(name.trim())}": ${why}`, {
      hint: partial ? `it may be ${inertLine(partial.path)} (${inertLine(partial.title)}): nexus rm ${JSON.stringify(partial.path)} --yes` : "`nexus list` shows every entry",
    });
  }
}
