import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { replaceFile } from "../journal/safe-write.js";
import { readTemplate } from "../journal/templates.js";
import { readUtf8File } from "../journal/text.js";
import { unifiedDiff } from "../readme/diff.js";
import { renderReadme } from "../readme/render.js";
import { TemplateError } from "../readme/template.js";
import { planReadme } from "../readme/update.js";
import { displayPath } from "../ui/io.js";
import { loadJournal, type Context } from "./context.js";

export interface BuildReadmeOptions {
  /** Print the README instead of writing it. */
  stdout: boolean;
  /** Write nothing; exit 1 with a diff when README.md is out of date. */
  check: boolean;
  /** Replace the whole README with the rendered template, markers or not. */
  force: boolean;
}

export const README_FILE = "README.md";

function readExisting(file: string, label: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new UserError(`${file} is not a regular file (a link or a folder); nexus does not write through it`);
  // Strict: every byte outside the markers is written back as it was read.
  return readUtf8File(file, label);
}

/**
 * Renders the README template with the journal's entries into README.md: a new
 * README whole, an existing one only between its marker comments.
 */
export async function buildReadme(ctx: Context, options: BuildReadmeOptions): Promise<number> {
  if (options.stdout && options.check) throw new UsageError("--stdout and --check do not go together: --check prints a diff");
  const { journal, contents, failed } = loadJournal(ctx);
  const io = ctx.io;
  const c = io.color;
  if (failed) {
    io.err(`${c.red("nexus:")} --strict: entries have problems (above), so README.md is not built\n`);
    return 1;
  }

  const template = readTemplate(journal, "README.md");
  const builtIn = path.resolve(template.file) !== path.resolve(journal.root, "templates", "README.md");
  const templateLabel = builtIn ? "the built-in template" : displayPath(io.cwd, template.file);
  const file = path.join(journal.root, README_FILE);
  const label = displayPath(io.cwd, file);

  let rendered;
  try {
    rendered = renderReadme({ template: template.text, entries: contents.entries, config: journal.config, root: journal.root, readmeDir: journal.root });
  } catch (error) {
    if (error instanceof TemplateError) throw new UserError(`${displayPath(io.cwd, template.file)}:${error.line}: ${error.message}`);
    throw error;
  }
  for (const warning of rendered.warnings) io.err(`${c.yellow("nexus: warning:")} ${inertLine(warning)}\n`);

  const existing = readExisting(file, label);
  if (options.stdout && existing === undefined) {
    io.out(rendered.text);
    return 0;
  }
  // `"readme": {"wholeFile": true}`: README.md is the template's output as a whole, as if
  // every build were --force, and --check compares the whole file (for a README nobody edits by hand).
  const wholeFile = journal.config.readme.wholeFile === true;
  const plan = planReadme(existing, rendered, { force: options.force || wholeFile, label });
  if (plan.missing.length) {
    // One line, not one per part: a README that keeps only some parts on purpose gets it every build.
    const names = plan.missing.map((name) => `"${name}"`);
    const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
    const them = names.length > 1 ? "those parts" : "that part";
    io.err(`${c.yellow("nexus: note:")} ${label} has no markers for ${list}, so ${them} of the template ${names.length > 1 ? "are" : "is"} left out (--force writes the whole template)\n`);
  }

  if (options.stdout) {
    io.out(plan.output);
    return 0;
  }
  if (options.check) {
    if (existing === undefined) {
      io.err(`${c.red("nexus:")} ${label} does not exist: run \`nexus build-readme\` to create it\n`);
      return 1;
    }
    if (plan.output === existing) {
      io.err(`${label} is up to date\n`);
      return 0;
    }
    const diff = unifiedDiff(existing, plan.output, { before: label, after: `${label} (from entries and ${templateLabel})` });
    io.out(
      io.stdoutIsTTY
        ? diff.replace(/^([-+@].*)$/gm, (line) => (line.startsWith("@@") ? c.cyan(line) : line.startsWith("-") ? c.red(line) : c.green(line)))
        : diff,
    );
    io.err(`${c.red("nexus:")} ${label} is out of date: run \`nexus build-readme\` and commit it\n`);
    return 1;
  }
  if (plan.output === existing) {
    io.err(`${label} is up to date\n`);
    return 0;
  }
  replaceFile(file, plan.output);
  const what = plan.action === "create" ? "created" : plan.action === "rewrite" && !wholeFile ? "rewrote" : "updated";
  const parts = plan.action === "update" ? `: ${plan.changed.join(", ") || "line ends"}` : "";
  io.out(`${c.green(what)} ${label} from ${templateLabel} (${contents.entries.length} ${contents.entries.length === 1 ? "entry" : "entries"})${parts}\n`);
  return 0;
}
