import { findJournal, type Journal } from "../journal/root.js";
import type { ReadOptions } from "../journal/cache.js";
import type { JournalContents } from "../journal/read.js";
import { readJournal } from "../search/read.js";
import { warnProblems, type Io } from "../ui/io.js";

/** What every command gets from the command line besides its own options. */
export interface Context {
  io: Io;
  /** `--dir` or NEXUS_DIR. */
  dir: string | undefined;
  /** Warnings about entries are a failure. */
  strict: boolean;
}

/** The journal the command works in; `readOnly` for a dry run, which writes nothing, not even a cache (root.ts). */
export function locate(ctx: Context, options: { readOnly?: boolean } = {}): Journal {
  const journal = findJournal({ cwd: ctx.io.cwd, dir: ctx.dir });
  return options.readOnly ? { ...journal, readOnly: true } : journal;
}

/**
 * Finds and reads the journal, warning once on stderr for each entry that is
 * left out. `failed` is true when --strict turns those warnings into failure.
 */
export function loadJournal(ctx: Context, options: ReadOptions & { readOnly?: boolean } = {}): { journal: Journal; contents: JournalContents; failed: boolean } {
  const journal = locate(ctx, options);
  const contents = readJournal(journal, options);
  const failed = warnProblems(ctx.io, contents.problems, ctx.strict);
  return { journal, contents, failed };
}
