// What build-readme says beyond building: --check's report, which form the README
// took, and what a failed write left behind.
import path from "node:path";
import { userErrorFromOs } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import type { GeneratedState } from "../journal/generated.js";
import { PartlyPlacedError } from "../journal/safe-write.js";
import { unifiedDiff } from "../readme/diff.js";
import { thousands } from "../readme/links.js";
import type { ReadmeFormChoice } from "../readme/render.js";
import { displayPath } from "../ui/io.js";
import type { Context } from "./context.js";

const kb = (bytes: number) => `${thousands(Math.max(1, Math.round(bytes / 1024)))} KB`;

/** Which form the README took, and why. */
export function formNote(label: string, form: ReadmeFormChoice): string {
  if (form.full) return `${label} lists every entry: ${kb(form.bytes)}${form.setting === "full" ? " (readme.form is \"full\")" : `, within its ${kb(form.budget)} budget`}`;
  if (form.setting === "summary") return `${label} summarises the journal: the latest entries of each topic (readme.form is "summary")`;
  return `${label} summarises the journal: listing every entry would take ${form.fullBytes > form.budget * 2 ? "about " : ""}${kb(form.fullBytes)}, past its ${kb(form.budget)} budget (readme.budgetKB)`;
}

/** Where a build stopped: while it wrote the pages (all or none of them went in place), or after, at README.md. */
export type WriteStage = "pages" | "readme";

/** A write that failed, as an error whose hint says what the build left and that running it again finishes it. */
export function writeFailure(cwd: string, error: unknown, stage: WriteStage, pages: string, readme: string): unknown {
  const again = "running `nexus build-readme` again finishes it";
  const outcome =
    stage === "readme"
      ? `${pages} is up to date, ${readme} was not written; ${again}`
      : error instanceof PartlyPlacedError
        ? `${pages} was left partly updated (${error.placed} of ${error.total} files written, each whole) and ${readme} was not written; ${again}`
        : `nothing was changed (not ${pages}, not ${readme})`;
  return userErrorFromOs(error, cwd, outcome) ?? error;
}

export interface CheckInput {
  root: string;
  existing: string | undefined;
  output: string;
  label: string;
  templateLabel: string;
  pages: GeneratedState;
  pagesLabel: string;
  /** Pages of a former pages folder, to be removed (journal/former-pages.ts). */
  former: string[];
  /** Temporary files an interrupted build left in the pages folder (pagesLeftovers). */
  leftovers: string[];
}

/** --check: the README (a diff) and every generated file (named); exit 1 when anything differs. */
export function checkAll(ctx: Context, input: CheckInput): number {
  const io = ctx.io;
  const c = io.color;
  let stale = false;
  if (input.existing === undefined) {
    io.err(`${c.red("nexus:")} ${input.label} does not exist: run \`nexus build-readme\` to create it\n`);
    stale = true;
  } else if (input.output !== input.existing) {
    const diff = unifiedDiff(input.existing, input.output, { before: input.label, after: `${input.label} (from entries and ${input.templateLabel})` });
    io.out(
      io.stdoutIsTTY
        ? diff.replace(/^([-+@].*)$/gm, (line) => (line.startsWith("@@") ? c.cyan(line) : line.startsWith("-") ? c.red(line) : c.green(line)))
        : diff,
    );
    io.err(`${c.red("nexus:")} ${input.label} is out of date: run \`nexus build-readme\` and commit it\n`);
    stale = true;
  }
  const { pages } = input;
  const named = (rel: string) => inertLine(displayPath(io.cwd, path.join(input.root, rel)));
  const problems = [
    ...input.leftovers.map((rel) => `${named(rel)}: the temporary file of an interrupted build; should be gone (\`nexus build-readme\` removes it)`),
    ...pages.conflicts.map((rel) => `${named(rel)}: in the way (nexus did not write it)`),
    ...pages.write.map((rel) => `${named(rel)}: ${pages.missing.includes(rel) ? "missing" : "out of date"}`),
    ...[...pages.remove, ...input.former].map((rel) => `${named(rel)}: no longer generated; should be gone`),
    ...(pages.manifest.stale ? [`${named(pages.manifest.path)}: out of date`] : []),
  ];
  for (const problem of problems.slice(0, 20)) io.err(`${c.red("nexus:")} ${problem}\n`);
  if (problems.length > 20) io.err(`${c.red("nexus:")} ... and ${problems.length - 20} more generated files\n`);
  if (problems.length) {
    io.err(`${c.red("nexus:")} ${input.pagesLabel}/ is out of date: run \`nexus build-readme\` and commit it\n`);
    stale = true;
  }
  if (!stale) io.err(`${input.label} and ${input.pagesLabel}/ are up to date\n`);
  return stale ? 1 : 0;
}
