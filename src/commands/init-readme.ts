// What `nexus init` asks for the README: its title, a one-line overview and a GitHub
// handle for the contact. On a terminal it asks, with defaults; given any of the flags,
// or with no terminal, it asks nothing. The answers become "readme" keys of nexus.config.json.

import fs from "node:fs";
import path from "node:path";
import { InterruptedError, UsageError, UserError } from "../errors.js";
import { readRegular } from "../journal/regular-file.js";
import { DEFAULT_TITLE, readmeSettings } from "../readme/settings.js";
import type { Io } from "../ui/io.js";
import type { Prompter } from "../ui/prompts.js";

export interface ReadmeFlags {
  title?: string | undefined;
  overview?: string | undefined;
  /** A GitHub handle (`ada`, `@ada` or `https://github.com/ada`) for the contact. */
  github?: string | undefined;
}

export const DEFAULT_OVERVIEW = "What I learn, one entry at a time.";
const HANDLE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The handle in `ada`, `@ada` or a github.com address; undefined when it is none. */
export function githubHandle(input: string): string | undefined {
  const text = input.trim().replace(/^@/, "").replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, "").replace(/\/+$/, "");
  return HANDLE.test(text) ? text : undefined;
}

/** The contact line of a GitHub handle. */
export const contactOf = (handle: string) => `GitHub: [@${handle}](https://github.com/${handle})`;

/** The owner of the folder's GitHub remote (from .git/config), as the handle's default. */
function remoteOwner(root: string): string | undefined {
  const config = path.join(root, ".git", "config");
  try {
    if (!fs.lstatSync(config).isFile()) return undefined;
    const text = readRegular(config, { maxBytes: 64 * 1024, encoding: "utf8" });
    const owner = /^\s*url\s*=\s*(?:https:\/\/|git@|ssh:\/\/git@)github\.com[:/]([^/\s]+)\//m.exec(text)?.[1];
    return owner ? githubHandle(owner) : undefined;
  } catch {
    return undefined;
  }
}

/** A title as the README takes it, or the reason it is not one. */
function titleProblem(title: string): string | undefined {
  try {
    readmeSettings({ entries: "entries", groups: [], readme: { title } });
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return "one line of text, at most 200 characters";
    throw error;
  }
}

/** The "readme" keys from the flags; a wrong value is a usage error naming its flag. */
export function fromFlags(flags: ReadmeFlags): Record<string, string> {
  const values: Record<string, string> = {};
  if (flags.title !== undefined) {
    if (titleProblem(flags.title.trim())) throw new UsageError(`--title must be one line of text, at most 200 characters`);
    values.title = flags.title.trim();
  }
  if (flags.overview !== undefined) {
    if (!flags.overview.trim()) throw new UsageError("--overview is empty");
    values.overview = flags.overview.trim();
  }
  if (flags.github !== undefined) {
    const handle = githubHandle(flags.github);
    if (!handle) throw new UsageError(`--github must be a GitHub handle such as ada (letters, digits and single hyphens), not "${flags.github.slice(0, 60)}"`);
    values.contact = contactOf(handle);
  }
  return values;
}

/** Asks the three questions; an empty handle leaves the contact out. */
async function ask(prompter: Prompter, root: string): Promise<Record<string, string>> {
  const title = await prompter.text("Title of the journal (the README's heading)", { default: DEFAULT_TITLE, validate: (v) => (titleProblem(v.trim()) ? "one line of text, at most 200 characters" : true) });
  const overview = await prompter.text("In one line, what is it about?", { default: DEFAULT_OVERVIEW });
  const guess = remoteOwner(root);
  const github = await prompter.text("Your GitHub handle, for the contact (empty: none)", {
    ...(guess ? { default: guess } : {}),
    validate: (v) => (!v.trim() || githubHandle(v) ? true : "a GitHub handle: letters, digits and single hyphens, such as ada"),
  });
  const values: Record<string, string> = { title: title.trim() || DEFAULT_TITLE, overview: overview.trim() || DEFAULT_OVERVIEW };
  const handle = github.trim() && githubHandle(github);
  if (handle) values.contact = contactOf(handle);
  return values;
}

/**
 * The README's values for a new journal: from the flags when any is given, else asked
 * on a terminal, else none. `prompter` is the terminal's unless a test gives one.
 */
export async function readmeValues(io: Io, root: string, flags: ReadmeFlags, prompter?: Prompter): Promise<Record<string, string>> {
  const given = fromFlags(flags);
  if (Object.keys(given).length || !io.interactive) return given;
  const asker = prompter ?? (await import("../ui/prompts.js")).terminalPrompter;
  try {
    return await ask(asker, root);
  } catch (error) {
    if (error instanceof InterruptedError) throw new InterruptedError("cancelled, nothing was written");
    throw error;
  }
}
