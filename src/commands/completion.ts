// Shell completion: `nexus completion bash|zsh|fish` prints a script built from
// the declared commands and options (src/completion/), so it never falls behind them.
// Topics, tags and entries are completed by calling the hidden `nexus __complete`,
// which prints nothing (and exits 0) outside a journal.
import { UsageError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { countLabels } from "../domain/labels.js";
import { readJournal } from "../search/read.js";
import { locate, type Context } from "./context.js";
import { SHELLS, oneLine, type ProgramSpec, type Shell } from "../completion/spec.js";
import { bashScript } from "../completion/bash.js";
import { zshScript } from "../completion/zsh.js";
import { fishScript } from "../completion/fish.js";

export { describeProgram } from "../completion/spec.js";

export function completionScript(shell: Shell, spec: ProgramSpec): string {
  return shell === "bash" ? bashScript(spec) : shell === "zsh" ? zshScript(spec) : fishScript(spec);
}

export async function completion(ctx: Context, options: { shell: string; spec: ProgramSpec }): Promise<number> {
  const shell = options.shell.trim().toLowerCase();
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`no completion for "${inertLine(options.shell)}": choose bash, zsh or fish`);
  }
  ctx.io.out(completionScript(shell as Shell, options.spec));
  return 0;
}

/**
 * `nexus __complete topics|tags|entries`: one value per line for the shell,
 * most used first. Quiet by design: outside a journal, or on any problem, it
 * prints nothing and exits 0 so that completion never shows an error.
 */
export async function complete(ctx: Context, options: { what: string }): Promise<number> {
  try {
    const contents = readJournal(locate(ctx));
    let values: string[] = [];
    if (options.what === "topics") values = countLabels(contents.entries.map((e) => e.topic)).map((l) => l.name);
    else if (options.what === "tags") values = countLabels(contents.entries.flatMap((e) => e.tags)).map((l) => l.name);
    else if (options.what === "entries") {
      // The slug (the name without its date) when it names one entry, else the whole file name.
      const stems = contents.entries.map((e) => e.path.split("/").pop()!.replace(/\.(md|markdown)$/i, ""));
      const slugs = stems.map((stem) => stem.replace(/^\d{4}-\d{2}-\d{2}-/, ""));
      const taken = new Map<string, number>();
      for (const slug of slugs) taken.set(slug, (taken.get(slug) ?? 0) + 1);
      values = stems.map((stem, i) => (slugs[i] && taken.get(slugs[i]!) === 1 ? slugs[i]! : stem));
    }
    const safe = values.map(oneLine).filter((v) => v && !v.startsWith("-"));
    if (safe.length) ctx.io.out(`${[...new Set(safe)].join("\n")}\n`);
  } catch {
    // Nothing to offer.
  }
  return 0;
}
