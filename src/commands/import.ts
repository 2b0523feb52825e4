import path from "node:path";
import { inertLine } from "../domain/sanitize.js";
import type { SourceKind } from "../import/draft.js";
import type { DateSource } from "../import/draft.js";
import { applyImport, predictFiles, prepareImport, type PreparedImport, type Progress } from "../import/run.js";
import { noProgress, progressLine } from "../ui/progress.js";
import { stringifyJson } from "../journal/json.js";
import { toJournalPath } from "../journal/scan.js";
import { CONFIG_FILE } from "../journal/config.js";
import { entriesShown, realRootOf, refuseOutside } from "../journal/inside.js";
import { displayPath } from "../ui/io.js";
import type { Journal } from "../journal/root.js";
import { locate, type Context } from "./context.js";

export interface ImportOptions {
  path: string;
  from?: SourceKind | undefined;
  topic?: string | undefined;
  tags: string[];
  dryRun: boolean;
  json: boolean;
  /** Print each guess (a date, a topic) under its entry; a dry run always does. */
  verbose?: boolean;
}

const KIND_NAMES: Record<SourceKind, string> = {
  readme: "a hand-written README",
  jrnl: "a jrnl JSON export",
  til: "a TIL folder (one folder per topic)",
  markdown: "markdown notes",
};

/** Brings entries in from a README, a jrnl export, a TIL folder or markdown notes. */
export async function importCommand(ctx: Context, options: ImportOptions): Promise<number> {
  const journal = locate(ctx, { readOnly: options.dryRun });
  const target = path.resolve(ctx.io.cwd, options.path);
  // Before anything is read: an import into a folder no read sees would repeat itself, even as a dry run.
  refuseOutside(realRootOf(journal.root), journal.entriesDir, entriesShown(journal));
  const line = ctx.io.stderrIsTTY && !options.json ? progressLine({ write: ctx.io.err }) : noProgress;
  const progress: Progress = (step, done, total) => line.update(step === "history" ? "reading the git history…" : `${step === "read" ? "reading files" : "writing entries"} ${count(done)}/${count(total ?? 0)}…`);
  let prepared: PreparedImport;
  let files: string[];
  try {
    prepared = prepareImport(journal, { target, shown: options.path, from: options.from, topic: options.topic, tags: options.tags, progress });
    files = options.dryRun ? predictFiles(journal, prepared.plan) : await writeWithCtrlC(journal, prepared, progress);
  } finally {
    line.done();
  }
  const where = (file: string) => toJournalPath(journal.root, file);
  // Problems name the file they are in: the source file, or a file inside the source folder.
  const problemPath = (rel: string) =>
    prepared.kind === "readme" || prepared.kind === "jrnl" || rel === path.basename(target) ? options.path : path.posix.join(options.path.split(path.sep).join("/"), rel);
  const problems = prepared.problems.map((p) => ({ ...p, path: problemPath(p.path) }));
  const repaired = prepared.repaired.map((r) => ({ path: problemPath(r.path), lines: r.lines }));

  if (options.json) {
    ctx.io.out(
      stringifyJson({
        source: { path: options.path, kind: prepared.kind, detected: prepared.detected, index: prepared.index },
        dryRun: options.dryRun,
        created: prepared.plan.create.map((p, i) => ({
          file: where(files[i]!),
          title: p.draft.title,
          topic: p.draft.topic,
          date: p.draft.date,
          tags: p.draft.tags,
          featured: p.draft.featured,
          dated: p.draft.dated,
          source: p.draft.source,
          guesses: p.draft.guesses,
        })),
        skipped: prepared.plan.skip.map((s) => ({ title: s.draft.title, date: s.draft.date, source: s.draft.source, reason: s.reason, existing: s.existing })),
        problems,
        readme: { set: prepared.readme.set, kept: prepared.readme.kept, notShown: prepared.unshown },
        groups: prepared.readme.groups,
        dates: datesBySource(prepared),
        repaired,
        template: prepared.template && { file: where(prepared.template.file), written: prepared.template.text !== undefined, replacesReadme: prepared.template.replacesReadme },
      }),
    );
    return problems.length ? 1 : 0;
  }
  printReport(ctx, options, prepared, { files: files.map(where), problems, repaired });
  return problems.length ? 1 : 0;
}

const count = (n: number) => n.toLocaleString("en-US");

/** How the summary names each source of dates. */
const DATE_SOURCES: Record<DateSource, string> = {
  text: "from the text",
  frontmatter: "from frontmatter",
  "file name": "from file names",
  export: "from the export",
  "first commit": "by first commit",
  "modification time": "by modification time",
  today: "dated today",
};

/** How many entries to create took their date from each source, in a fixed order; sources of none left out. */
function datesBySource(prepared: PreparedImport): Partial<Record<DateSource, number>> {
  const out: Partial<Record<DateSource, number>> = {};
  for (const source of Object.keys(DATE_SOURCES) as DateSource[]) {
    const n = prepared.plan.create.filter((p) => p.draft.dated === source).length;
    if (n) out[source] = n;
  }
  return out;
}

/** Writes the import; Ctrl-C stops it and removes the entries it had written. */
async function writeWithCtrlC(journal: Journal, prepared: PreparedImport, progress: Progress): Promise<string[]> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  try {
    return await applyImport(journal, prepared, { signal: controller.signal, progress });
  } finally {
    process.off("SIGINT", stop);
  }
}

interface Report {
  files: string[];
  problems: { path: string; line: number; message: string }[];
  repaired: { path: string; lines: number[] }[];
}

function printReport(ctx: Context, options: ImportOptions, prepared: PreparedImport, { files, problems, repaired }: Report): void {
  const { io } = ctx;
  const c = io.color;
  const would = options.dryRun ? "would " : "";
  io.out(`${options.dryRun ? "Dry run: " : ""}importing ${inertLine(options.path)} as ${prepared.index ? "an index README: the markdown files it links" : KIND_NAMES[prepared.kind]}${prepared.detected ? " (detected; --from to choose)" : ""}\n`);
  prepared.plan.create.forEach((p, i) => {
    const d = p.draft;
    const star = d.featured ? " · featured" : "";
    io.out(`${c.green(`${would}create`)}  ${files[i]}  ${inertLine(d.title)} · ${inertLine(d.topic)} · ${d.date}${star}\n`);
    if (options.dryRun || options.verbose) for (const guess of d.guesses) io.out(`  ${c.yellow("guess:")} ${inertLine(guess)}\n`);
  });
  for (const s of prepared.plan.skip) {
    io.out(`${c.dim(`${would}skip`)}    ${inertLine(s.draft.title)} · ${s.draft.date}: ${s.reason} as ${s.existing}\n`);
  }
  for (const key of prepared.readme.set) {
    const unshown = prepared.unshown.includes(key) ? ` (your templates/README.md shows it nowhere: add {{config.${key}}})` : "";
    io.out(`${c.green(`${would}set`)}     readme.${key} in ${CONFIG_FILE}${unshown}\n`);
  }
  for (const title of prepared.readme.groups) {
    if (title) io.out(`${c.green(`${would}group`)}   "${inertLine(title)}" in ${CONFIG_FILE}: its topics under its heading in the README\n`);
    else io.out(`${c.green(`${would}order`)}   the topics in ${CONFIG_FILE} as the source's README lists them (a group without a title)\n`);
  }
  for (const key of prepared.readme.kept) io.out(`${c.dim("kept")}    readme.${key} in ${CONFIG_FILE}: it has a value of yours already\n`);
  for (const p of problems) io.err(`${inertLine(p.path)}:${p.line}: ${inertLine(p.message)}\n`);

  for (const r of repaired) {
    const at = r.lines.length > 8 ? `${r.lines.slice(0, 8).join(", ")} ...` : r.lines.join(", ");
    io.out(`${c.green(`${would}repair`)}  ${inertLine(r.path)}: mojibake in ${r.lines.length === 1 ? "line" : "lines"} ${at} (UTF-8 once read as Windows-1252)\n`);
  }
  const template = prepared.template;
  const templatePath = template && inertLine(displayPath(io.cwd, template.file));
  if (template?.text !== undefined) {
    io.out(`${c.green(`${would}write`)}   ${templatePath}: the layout of ${inertLine(options.path)} (its title, sections and text as written), with placeholders where the entries go\n`);
  } else if (template) io.out(`${c.dim("kept")}    ${templatePath}: a template of yours; the README's layout is not written over it\n`);
  printSummary(ctx, options, prepared, repaired.reduce((sum, r) => sum + r.lines.length, 0), problems.length);
}

function printSummary(ctx: Context, options: ImportOptions, prepared: PreparedImport, repairedLines: number, problemCount: number): void {
  const { io } = ctx;
  const c = io.color;
  const n = (count: number, word: string) => `${count} ${word}`;
  const summary = [
    n(prepared.plan.create.length, options.dryRun ? "to create" : "created"),
    n(prepared.plan.skip.length, options.dryRun ? "to skip" : "skipped"),
    n(problemCount, problemCount === 1 ? "problem" : "problems"),
    ...(repairedLines ? [n(repairedLines, `${repairedLines === 1 ? "line" : "lines"} of mojibake ${options.dryRun ? "to repair" : "repaired"}`)] : []),
  ].join(", ");
  io.out(`\n${summary}.\n`);
  const dates = Object.entries(datesBySource(prepared));
  if (dates.length) io.out(`Dates: ${dates.map(([source, n]) => `${count(n)} ${DATE_SOURCES[source as DateSource]}`).join(", ")}.\n`);
  const guesses = prepared.plan.create.reduce((n, p) => n + p.draft.guesses.length, 0);
  if (guesses && !options.dryRun && !options.verbose) io.out(`${count(guesses)} ${guesses === 1 ? "guess" : "guesses"} (a date, a title or a topic the source did not give): --verbose lists them.\n`);
  if (prepared.readme.set.includes("chartsNote")) {
    io.out("The dates are guesses: set `date:` in an entry when you know the day (nexus edit NAME), then remove readme.chartsNote from nexus.config.json (it says so under the charts).\n");
  }
  if (options.dryRun) return void io.out("Nothing was written.\n");
  if (prepared.plan.create.length || prepared.readme.text !== undefined || prepared.template?.text !== undefined) {
    const replaces = prepared.template?.replacesReadme && prepared.template.text !== undefined ? ": it replaces the hand-written README.md with the same README, generated" : "";
    io.out(`Next: ${c.bold(`nexus build-readme${ctx.dir ? ` --dir ${displayPath(io.cwd, ctx.dir)}` : ""}`)}${replaces}\n`);
  }
}
