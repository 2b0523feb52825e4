import fs from "node:fs";
import path from "node:path";
import { InterruptedError, UsageError, UserError } from "../errors.js";
import { parseEntry } from "../domain/entry.js";
import { keepsOtherLines, setFrontmatterField } from "../domain/frontmatter-edit.js";
import type { LoadedEntry } from "../journal/read.js";
import { inertLine } from "../domain/sanitize.js";
import { checkDraft, formatDraftProblems, writeDraft } from "../journal/drafts.js";
import type { JournalContents } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import { replaceFile } from "../journal/safe-write.js";
import { ChangedMeanwhileError, readStamped, replaceFileIfUnchanged } from "../journal/stamped-write.js";
import { decodeUtf8, readUtf8File } from "../journal/text.js";
import { checkEditor, openEditor } from "../ui/editor.js";
import type { Prompter } from "../ui/prompts.js";
import { displayPath } from "../ui/io.js";
import { loadJournal, type Context } from "./context.js";
import { chooseEntry, newestEntry } from "./pick.js";
import { readRegular } from "../journal/regular-file.js";

export interface EditOptions {
  /** None: `last`, or on a terminal the newest entry. */
  entry?: string | undefined;
  /** The newest entry (the latest date; of that day's, the file made last). */
  last?: boolean | undefined;
  /** Set `featured` to this without opening the editor. */
  featured?: boolean | undefined;
}

export interface EditDeps {
  prompter?: Prompter;
  /** Opens the editor and waits for it; tests replace it. */
  openEditor?: (file: string, env: NodeJS.ProcessEnv) => void;
}

const nameDate = (file: string) => /^(\d{4}-\d{2}-\d{2})(?=[-_.])/.exec(path.basename(file))?.[1];

/**
 * Opens $VISUAL/$EDITOR on a copy of an entry (in `.nexus/drafts/`). A valid
 * result replaces the entry atomically; an invalid one is shown, and on a
 * terminal the user re-opens it or keeps the previous version. The draft is
 * removed only once its text is saved or was never changed.
 */
export async function edit(ctx: Context, options: EditOptions, deps: EditDeps = {}): Promise<number> {
  const { journal, contents } = loadJournal(ctx);
  const entry = await entryToEdit(ctx, journal, contents, options, deps.prompter);
  if (options.featured !== undefined) return setFeatured(ctx, entry, options.featured);
  if (!deps.openEditor) checkEditor(ctx.io.env, ctx.io.interactive, options.entry === undefined ? "nexus edit --last" : `nexus edit ${inertLine(options.entry)}`);
  const open = deps.openEditor ?? openEditor;
  const before = readUtf8File(entry.file, displayPath(ctx.io.cwd, entry.file));
  const draft = writeDraft(journal, entry.path, before);
  const shownDraft = displayPath(ctx.io.cwd, draft);
  const shownEntry = inertLine(entry.path);

  for (;;) {
    try {
      open(draft, ctx.io.env);
    } catch (error) {
      if (readRegular(draft, { encoding: "utf8" }) === before) fs.rmSync(draft, { force: true });
      else if (error instanceof UserError) throw new UserError(error.message, { hint: `your edit is kept in ${shownDraft}` });
      throw error;
    }
    const outcome = checkDraft(draft, before, path.basename(entry.path));

    if (outcome.kind === "unchanged") {
      fs.rmSync(draft, { force: true });
      ctx.io.err(`no changes: ${shownEntry} was left as it was\n`);
      return 0;
    }

    if (outcome.kind === "valid") {
      if (!readRegular(entry.file).equals(Buffer.from(before))) {
        throw new UserError(`${shownEntry} changed on disk while it was being edited; it was not overwritten`, {
          hint: `your edit is kept in ${shownDraft}`,
        });
      }
      replaceFile(entry.file, outcome.text);
      fs.rmSync(draft, { force: true });
      ctx.io.out(`updated ${shownEntry}\n`);
      const named = nameDate(entry.path);
      if (named && named !== outcome.entry.date) {
        ctx.io.err(`note: the file keeps its name (${inertLine(path.basename(entry.path))}) though its date is now ${outcome.entry.date}\n`);
      }
      for (const w of outcome.warnings.filter((p) => !/^file name says/.test(p.message))) {
        ctx.io.err(`${ctx.io.color.yellow("warning:")} line ${w.line}: ${inertLine(w.message)}\n`);
      }
      return 0;
    }

    const problems = formatDraftProblems(outcome.problems, inertLine);
    if (!ctx.io.interactive) {
      throw new UserError(`the edit of ${shownEntry} is not valid, so the entry was not changed:\n${problems}`, {
        hint: `your edit is kept in ${shownDraft}`,
      });
    }
    ctx.io.err(`${ctx.io.color.red("The edit is not valid:")}\n${problems}\n`);
    const prompter = deps.prompter ?? (await import("../ui/prompts.js")).terminalPrompter;
    let next: "again" | "keep";
    try {
      next = await prompter.select<"again" | "keep">("What now?", [
        { name: "Open the editor again", value: "again" },
        { name: "Keep the previous version", value: "keep", description: `your edit stays in ${shownDraft}` },
      ]);
    } catch (error) {
      if (error instanceof InterruptedError) throw new InterruptedError(`cancelled: ${shownEntry} was not changed; your edit is in ${shownDraft}`);
      throw error;
    }
    if (next === "keep") {
      ctx.io.err(`kept the previous version of ${shownEntry}; your edit is in ${shownDraft}\n`);
      return 1;
    }
  }
}

/** The entry named, or the newest one for --last and, on a terminal, for no name (said on stderr). */
async function entryToEdit(ctx: Context, journal: Journal, contents: JournalContents, options: EditOptions, prompter: Prompter | undefined): Promise<LoadedEntry> {
  if (options.entry !== undefined) {
    if (options.last) throw new UsageError("name an entry or pass --last, not both");
    return chooseEntry(ctx, journal, contents, options.entry, { prompter });
  }
  if (!options.last && !ctx.io.interactive) {
    throw new UsageError("name the entry to edit (a path, file name, slug, date or part of its title), or pass --last for the newest", {
      hint: "nexus edit --last",
    });
  }
  const newest = newestEntry(contents);
  ctx.io.err(`the newest entry: ${inertLine(newest.path)}  (${inertLine(newest.title)})\n`);
  return newest;
}

/** `edit --featured` / `--no-featured`: one frontmatter line changed, the rest byte for byte, atomically. */
function setFeatured(ctx: Context, entry: LoadedEntry, featured: boolean): number {
  const shown = inertLine(entry.path);
  if (entry.featured === featured) {
    ctx.io.err(`${shown} is already ${featured ? "featured" : "not featured"}\n`);
    return 0;
  }
  const { bytes, stamp } = readStamped(entry.file);
  const before = decodeUtf8(bytes, shown);
  const after = setFrontmatterField(before, "featured", String(featured));
  const parsed = parseEntry(after, path.basename(entry.path));
  if (!keepsOtherLines(before, after, "featured") || !parsed.ok || parsed.entry.featured !== featured) {
    throw new UserError(`${shown}: could not set "featured" without touching other lines of its frontmatter; not rewritten (edit it by hand)`);
  }
  try {
    replaceFileIfUnchanged(entry.file, after, stamp);
  } catch (error) {
    if (error instanceof ChangedMeanwhileError) throw new UserError(`${shown}: ${error.message}`);
    throw error;
  }
  ctx.io.out(`${featured ? "featured" : "unfeatured"} ${shown}\n`);
  return 0;
}
