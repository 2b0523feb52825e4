import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { invalidEntryAt } from "../journal/resolve.js";
import type { Prompter } from "../ui/prompts.js";
import { loadJournal, type Context } from "./context.js";
import { chooseEntry } from "./pick.js";

export interface RmOptions {
  entry: string;
  yes: boolean;
}

/**
 * Removes one entry after a confirmation on a terminal; without a terminal
 * `--yes` is required. A link is removed, never the file it points to.
 */
export async function rm(ctx: Context, options: RmOptions, prompter?: Prompter): Promise<number> {
  const { journal, contents } = loadJournal(ctx);
  // An invalid file can be removed by its path too: nexus cannot read it, but it can tidy it.
  const invalid = invalidEntryAt(contents, journal, options.entry, ctx.io.cwd);
  // Without a question, only a whole name may pick what goes: never a part of a title.
  const target = invalid
    ? { path: invalid.path, title: `invalid: ${invalid.message}` }
    : await chooseEntry(ctx, journal, contents, options.entry, { exact: options.yes, prompter });
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
  fs.unlinkSync(path.join(journal.root, ...target.path.split("/")));
  ctx.io.out(`removed ${shown}\n`);
  return 0;
}
