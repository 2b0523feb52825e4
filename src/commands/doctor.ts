import { inertLine } from "../domain/sanitize.js";
import { stringifyJson } from "../journal/json.js";
import { findLeftovers } from "../journal/leftovers.js";
import { mojibakeProblems } from "../journal/mojibake-check.js";
import { nameClashProblems } from "../journal/name-clashes.js";
import { readJournal } from "../search/read.js";
import { readTemplate } from "../journal/templates.js";
import { unfilledKeys, unfilledNote } from "../readme/unfilled.js";
import { reviewProblems } from "../review/check.js";
import { locate, type Context } from "./context.js";

export interface DoctorOptions {
  json: boolean;
}

/**
 * Checks every file of the journal; prints each problem as `path:line: message`.
 * Drafts and temporary files that nexus left behind are pointed out as warnings.
 */
export async function doctor(ctx: Context, options: DoctorOptions): Promise<number> {
  const journal = locate(ctx);
  const contents = readJournal(journal);
  const problems = [...contents.problems, ...findLeftovers(journal), ...reviewProblems(journal, contents), ...mojibakeProblems(contents.entries), ...nameClashProblems(contents.entries)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  // The README's parts with no value yet: not a problem, a note.
  let unfilled: string[] = [];
  try {
    unfilled = unfilledKeys(readTemplate(journal, "README.md").text, journal.config.readme);
  } catch {
    // A template nexus cannot read is build-readme's to report.
  }
  if (options.json) {
    ctx.io.out(stringifyJson({ files: contents.fileCount, entries: contents.entries.length, errors, warnings, problems, unfilled: unfilled.map((k) => `readme.${k}`) }));
  } else {
    const c = ctx.io.color;
    for (const p of problems) {
      const label = p.severity === "warning" ? c.yellow("warning: ") : "";
      ctx.io.out(`${inertLine(p.path)}:${p.line}: ${label}${inertLine(p.message)}\n`);
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const summary = `${plural(contents.fileCount, "file")} checked: ${plural(errors, "problem")}, ${plural(warnings, "warning")}`;
    ctx.io.err(`${errors || (ctx.strict && warnings) ? c.red(summary) : c.green(summary)}\n`);
    const note = unfilledNote(unfilled);
    if (note) ctx.io.err(`${c.dim("note:")} ${note}\n`);
  }
  return errors > 0 || (ctx.strict && warnings > 0) ? 1 : 0;
}
