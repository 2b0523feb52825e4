import fs from "node:fs";
import path from "node:path";
import { InterruptedError, UsageError, UserError } from "../errors.js";
import { parseDateArgument, today } from "../domain/dates.js";
import { checkSection, normalizeTags, parseEntry, serializeEntry, validateDraft, type EntryDraft } from "../domain/entry.js";
import { setFrontmatterField } from "../domain/frontmatter-edit.js";
import { entryJson, stringifyJson } from "../journal/json.js";
import { MAX_ENTRY_BYTES } from "../journal/read.js";
import { toJournalPath } from "../journal/scan.js";
import { inertLine, inertText } from "../domain/sanitize.js";
import { fileSlug } from "../domain/slug.js";
import { readJournal } from "../search/read.js";
import type { Journal } from "../journal/root.js";
import { checkDraft, formatDraftProblems, writeDraft } from "../journal/drafts.js";
import { createWithFreeName, freeName } from "../journal/safe-write.js";
import { entriesShown, folderForWriting } from "../journal/inside.js";
import { fillEntryTemplate, readTemplate } from "../journal/templates.js";
import { checkEditor, openEditor } from "../ui/editor.js";
import { readStdin } from "../ui/stdin.js";
import { displayPath, warnProblems } from "../ui/io.js";
import type { Prompter } from "../ui/prompts.js";
import { locate, type Context } from "./context.js";
import { readRegular } from "../journal/regular-file.js";

export interface AddOptions {
  title?: string | undefined;
  /** The title given as the argument (`nexus add "What I learned"`). */
  titleArgument?: string | undefined;
  topic?: string | undefined;
  tags: string[];
  challenge?: string | undefined;
  solution?: string | undefined;
  takeaway?: string | undefined;
  date?: string | undefined;
  /** `featured: true` in the frontmatter. */
  featured?: boolean;
  edit: boolean;
  dryRun: boolean;
  /** Print the saved entry as JSON instead of its path. */
  json?: boolean;
}

const SECTIONS = ["challenge", "solution", "takeaway"] as const;

/** Turns the flags into a partial draft; `-` as a section reads it from stdin. */
async function draftFromFlags(options: AddOptions): Promise<Partial<EntryDraft>> {
  const draft: Partial<EntryDraft> = {};
  if (options.titleArgument !== undefined && options.title !== undefined) {
    throw new UsageError(`the title is given twice: as the argument "${inertLine(options.titleArgument)}" and with --title`, { hint: "give it once" });
  }
  const title = options.titleArgument ?? options.title;
  if (title !== undefined) draft.title = title.trim();
  if (options.topic !== undefined) draft.topic = options.topic.trim();
  draft.tags = normalizeTags(options.tags.flatMap((t) => t.split(",")));
  if (options.featured) draft.featured = true;
  if (options.date !== undefined) {
    const date = parseDateArgument(options.date);
    if (!date) throw new UsageError(`--date must be a calendar date YYYY-MM-DD (or today, yesterday), not "${options.date}"`);
    draft.date = date;
  }
  const fromStdin = SECTIONS.filter((s) => options[s] === "-");
  if (fromStdin.length > 1) throw new UsageError("only one of --challenge, --solution, --takeaway can read stdin (-)");
  for (const section of SECTIONS) {
    const value = options[section];
    if (value === undefined) continue;
    draft[section] = value === "-" ? await readStdin(MAX_ENTRY_BYTES, "an entry") : value;
  }
  return draft;
}

function complete(draft: Partial<EntryDraft>): EntryDraft {
  return {
    title: draft.title ?? "",
    topic: draft.topic ?? "",
    date: draft.date ?? today(),
    tags: draft.tags ?? [],
    ...(draft.featured ? { featured: true } : {}),
    challenge: draft.challenge ?? "",
    solution: draft.solution ?? "",
    takeaway: draft.takeaway ?? "",
  };
}

/** Saves an entry's text under `entries/DATE-SLUG.md` (fileSlug: words of any script kept), never over another file. */
export function saveEntry(journal: Journal, date: string, title: string, text: string): string {
  folderForWriting(journal.root, journal.entriesDir, entriesShown(journal));
  return createWithFreeName(journal.entriesDir, `${date}-${fileSlug(title)}`, ".md", text);
}

async function askDraft(journal: Journal, draft: Partial<EntryDraft>, prompter: Prompter, ctx: Context): Promise<Partial<EntryDraft>> {
  const contents = readJournal(journal);
  warnProblems(ctx.io, contents.problems, false);
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  };
  const out = { ...draft };
  out.title ??= (
    await prompter.text("Title", {
      required: true,
      validate: (v) => (v.trim() ? true : "a title is required"),
    })
  ).trim();
  if (out.topic === undefined) {
    const topics = count(contents.entries.map((e) => e.topic));
    const NEW = Symbol("new");
    const picked = topics.length
      ? await prompter.select<string | symbol>("Topic", [
          ...topics.map((t) => ({ name: t, value: t })),
          { name: "A new topic…", value: NEW },
        ])
      : NEW;
    out.topic =
      typeof picked === "string"
        ? picked
        : (await prompter.text("New topic", { required: true, validate: (v) => (v.trim() ? true : "a topic is required") })).trim();
  }
  if (draft.tags === undefined || draft.tags.length === 0) {
    const known = count(contents.entries.flatMap((e) => e.tags)).slice(0, 40);
    const picked = known.length ? await prompter.checkbox("Tags", known.map((t) => ({ name: t, value: t }))) : [];
    const typed = await prompter.text("New tags (comma-separated, optional)");
    out.tags = normalizeTags([...picked, ...typed.split(",")]);
  }
  out.date ??= parseDateArgument(
    (await prompter.text("Date (YYYY-MM-DD, today or yesterday)", { default: today(), validate: (v) => (parseDateArgument(v.trim()) ? true : "a calendar date YYYY-MM-DD, today or yesterday") })).trim(),
  );
  for (const section of SECTIONS) {
    while (out[section] === undefined) {
      const text = await prompter.multiline(section[0]!.toUpperCase() + section.slice(1));
      const problem = checkSection(section, text);
      if (problem) ctx.io.err(`${ctx.io.color.yellow("!")} the ${section} ${problem}; please write it again\n`);
      else out[section] = text;
    }
  }
  // Only a challenge with its solution can be featured: the README shows both.
  if (!out.featured && out.challenge?.trim() && out.solution?.trim() && (await prompter.confirm("Feature this challenge in the README (featured: true)?", false))) out.featured = true;
  return out;
}

/** An entry's text and what its file is named after. */
interface Saved {
  text: string;
  date: string;
  title: string;
}

/** Edits a draft in $VISUAL/$EDITOR until it is a valid entry; returns the text. */
async function editDraft(ctx: Context, journal: Journal, draft: Partial<EntryDraft>, prompter: Prompter): Promise<Saved> {
  const template = readTemplate(journal, "entry.md").text;
  let initial = fillEntryTemplate(template, { ...draft, date: draft.date ?? today() });
  // --featured shows in the text being edited (the template has no place for it).
  if (draft.featured) {
    try {
      initial = setFrontmatterField(initial, "featured", "true");
    } catch {
      // A template without frontmatter: the editor shows it as it is, and checking the text says why.
    }
  }
  checkEditor(ctx.io.env, ctx.io.interactive, "nexus add --edit");
  const file = writeDraft(journal, "new-entry", initial);
  for (;;) {
    try {
      openEditor(file, ctx.io.env);
    } catch (error) {
      // Nothing typed yet: nothing to keep.
      if (readRegular(file, { encoding: "utf8" }) === initial) fs.rmSync(file, { force: true });
      else if (error instanceof UserError) throw new UserError(error.message, { hint: `your text is kept in ${displayPath(ctx.io.cwd, file)}` });
      throw error;
    }
    let outcome = checkDraft(file, initial);
    if (outcome.kind === "unchanged") {
      // The template filled from flags can be a whole entry; an empty one is not.
      if (!draft.title) {
        fs.rmSync(file, { force: true });
        throw new UserError("the entry was left as the template: nothing written");
      }
      outcome = checkDraft(file, "");
    }
    if (outcome.kind === "valid") {
      fs.rmSync(file, { force: true });
      return { text: outcome.text, date: outcome.entry.date, title: outcome.entry.title };
    }
    if (outcome.kind !== "invalid") continue;
    const problems = formatDraftProblems(outcome.problems, inertLine);
    if (!ctx.io.interactive) {
      throw new UserError(`the entry is not valid:\n${problems}`, { hint: `your text is kept in ${displayPath(ctx.io.cwd, file)}` });
    }
    ctx.io.err(`The entry is not valid:\n${problems}\n`);
    if (!(await prompter.confirm("Open the editor again?", true))) {
      throw new InterruptedError(`nothing written; your text is kept in ${displayPath(ctx.io.cwd, file)}`);
    }
  }
}

/** Says so when the entry's name was taken (the same date and title): it gets -2, -3... */
function noteTaken(ctx: Context, journal: Journal, base: string, file: string, dryRun: boolean): void {
  if (path.basename(file) === `${base}.md`) return;
  const first = displayPath(ctx.io.cwd, path.join(journal.entriesDir, `${base}.md`));
  ctx.io.err(
    `${ctx.io.color.yellow("note:")} ${first} exists already (the same date and title), so this entry ${dryRun ? "would be" : "is"} ${displayPath(ctx.io.cwd, file)}${dryRun ? "" : "; nexus rm the one you do not want"}\n`,
  );
}

export async function add(ctx: Context, options: AddOptions, prompter?: Prompter): Promise<number> {
  try {
    return await addEntry(ctx, options, prompter);
  } catch (error) {
    if (error instanceof InterruptedError && error.message === "cancelled") {
      throw new InterruptedError("cancelled, nothing was written");
    }
    throw error;
  }
}

async function addEntry(ctx: Context, options: AddOptions, prompter?: Prompter): Promise<number> {
  const journal = locate(ctx, { readOnly: options.dryRun });
  let draft = await draftFromFlags(options);
  const getPrompter = async () => prompter ?? (await import("../ui/prompts.js")).terminalPrompter;

  let saved: Saved;
  if (options.edit) {
    saved = await editDraft(ctx, journal, draft, await getPrompter());
  } else {
    const missing = (["title", "topic"] as const).filter((k) => !draft[k]);
    const asked = missing.length > 0;
    if (asked) {
      if (!ctx.io.interactive) {
        throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(" and ")} (there is no terminal to ask on)`, {
          hint: 'for example: nexus add "What I learned" --topic Python',
        });
      }
      draft = await askDraft(journal, draft, await getPrompter(), ctx);
    }
    const full = complete(draft);
    const wrong = validateDraft(full);
    if (wrong.length) throw new UsageError(wrong.map((w) => (asked ? w : `--${w}`)).join("; "));
    saved = { text: serializeEntry(full), date: full.date, title: full.title };
    if (asked && !options.dryRun) {
      ctx.io.err(`\n${inertText(saved.text)}\n`);
      if (!(await (await getPrompter()).confirm("Save this entry?", true))) {
        ctx.io.err("Not saved.\n");
        return 1;
      }
    }
  }

  if (Buffer.byteLength(saved.text) > MAX_ENTRY_BYTES) {
    throw new UsageError(`the entry is larger than ${MAX_ENTRY_BYTES / 1024 / 1024} MiB, more than nexus reads back`);
  }
  const printJson = (file: string, extra: Record<string, unknown> = {}) => {
    const parsed = parseEntry(saved.text);
    if (parsed.ok) ctx.io.out(stringifyJson({ ...entryJson({ ...parsed.entry, path: toJournalPath(journal.root, file), file }), ...extra }));
  };
  const base = `${saved.date}-${fileSlug(saved.title)}`;
  if (options.dryRun) {
    // The file name it would get now: a taken name gets -2, -3...
    const file = freeName(journal.entriesDir, base, ".md");
    noteTaken(ctx, journal, base, file, true);
    if (options.json) printJson(file, { dryRun: true });
    else {
      ctx.io.err(`would write ${displayPath(ctx.io.cwd, file)}\n`);
      ctx.io.out(ctx.io.stdoutIsTTY ? inertText(saved.text) : saved.text);
    }
    return 0;
  }
  const file = saveEntry(journal, saved.date, saved.title, saved.text);
  noteTaken(ctx, journal, base, file, false);
  if (options.json) {
    printJson(file);
  } else {
    ctx.io.out(`${displayPath(ctx.io.cwd, file)}\n`);
  }
  return 0;
}
