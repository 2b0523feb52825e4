import path from "node:path";
import { inertLine } from "../domain/sanitize.js";
import type { SourceKind } from "../import/draft.js";
import { applyImport, predictFiles, prepareImport, type PreparedImport } from "../import/run.js";
import { stringifyJson } from "../journal/json.js";
import { toJournalPath } from "../journal/scan.js";
import { CONFIG_FILE } from "../journal/config.js";
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
}

const KIND_NAMES: Record<SourceKind, string> = {
  readme: "a hand-written README",
  jrnl: "a jrnl JSON export",
  til: "a TIL folder (one folder per topic)",
  markdown: "markdown notes",
};

/** Brings entries in from a README, a jrnl export, a TIL folder or markdown notes. */
export async function importCommand(ctx: Context, options: ImportOptions): Promise<number> {
  const journal = locate(ctx);
  const target = path.resolve(ctx.io.cwd, options.path);
  const prepared = prepareImport(journal, { target, shown: options.path, from: options.from, topic: options.topic, tags: options.tags });
  const files = options.dryRun ? predictFiles(journal, prepared.plan) : await writeWithCtrlC(journal, prepared);
  const where = (file: string) => toJournalPath(journal.root, file);
  // Problems name the file they are in: the source file, or a file inside the source folder.
  const problemPath = (rel: string) =>
    prepared.kind === "readme" || prepared.kind === "jrnl" || rel === path.basename(target) ? options.path : path.posix.join(options.path.split(path.sep).join("/"), rel);
  const problems = prepared.problems.map((p) => ({ ...p, path: problemPath(p.path) }));

  if (options.json) {
    ctx.io.out(
      stringifyJson({
        source: { path: options.path, kind: prepared.kind, detected: prepared.detected },
        dryRun: options.dryRun,
        created: prepared.plan.create.map((p, i) => ({
          file: where(files[i]!),
          title: p.draft.title,
          topic: p.draft.topic,
          date: p.draft.date,
          tags: p.draft.tags,
          featured: p.draft.featured,
          source: p.draft.source,
          guesses: p.draft.guesses,
        })),
        skipped: prepared.plan.skip.map((s) => ({ title: s.draft.title, date: s.draft.date, source: s.draft.source, reason: s.reason, existing: s.existing })),
        problems,
        readme: { set: prepared.readme.set, kept: prepared.readme.kept, notShown: prepared.unshown },
        groups: prepared.readme.groups,
      }),
    );
    return problems.length ? 1 : 0;
  }
  printReport(ctx, options, prepared, files.map(where), problems);
  return problems.length ? 1 : 0;
}

/** Writes the import; Ctrl-C stops it and removes the entries it had written. */
async function writeWithCtrlC(journal: Journal, prepared: PreparedImport): Promise<string[]> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  try {
    return await applyImport(journal, prepared, { signal: controller.signal });
  } finally {
    process.off("SIGINT", stop);
  }
}

function printReport(ctx: Context, options: ImportOptions, prepared: PreparedImport, files: string[], problems: { path: string; line: number; message: string }[]): void {
  const { io } = ctx;
  const c = io.color;
  const would = options.dryRun ? "would " : "";
  io.out(`${options.dryRun ? "Dry run: " : ""}importing ${inertLine(options.path)} as ${KIND_NAMES[prepared.kind]}${prepared.detected ? " (detected; --from to choose)" : ""}\n`);
  prepared.plan.create.forEach((p, i) => {
    const d = p.draft;
    const star = d.featured ? " · featured" : "";
    io.out(`${c.green(`${would}create`)}  ${files[i]}  ${inertLine(d.title)} · ${inertLine(d.topic)} · ${d.date}${star}\n`);
    for (const guess of d.guesses) io.out(`  ${c.yellow("guess:")} ${inertLine(guess)}\n`);
  });
  for (const s of prepared.plan.skip) {
    io.out(`${c.dim(`${would}skip`)}    ${inertLine(s.draft.title)} · ${s.draft.date}: ${s.reason} as ${s.existing}\n`);
  }
  for (const key of prepared.readme.set) {
    const unshown = prepared.unshown.includes(key) ? ` (your templates/README.md shows it nowhere: add {{config.${key}}})` : "";
    io.out(`${c.green(`${would}set`)}     readme.${key} in ${CONFIG_FILE}${unshown}\n`);
  }
  for (const title of prepared.readme.groups) io.out(`${c.green(`${would}group`)}   "${inertLine(title)}" in ${CONFIG_FILE}: its topics under its heading in the README\n`);
  for (const key of prepared.readme.kept) io.out(`${c.dim("kept")}    readme.${key} in ${CONFIG_FILE}: it has a value of yours already\n`);
  for (const p of problems) io.err(`${inertLine(p.path)}:${p.line}: ${inertLine(p.message)}\n`);

  const n = (count: number, word: string) => `${count} ${word}`;
  const summary = [
    n(prepared.plan.create.length, options.dryRun ? "to create" : "created"),
    n(prepared.plan.skip.length, options.dryRun ? "to skip" : "skipped"),
    n(problems.length, problems.length === 1 ? "problem" : "problems"),
  ].join(", ");
  io.out(`\n${summary}.\n`);
  if (options.dryRun) io.out("Nothing was written.\n");
  else if (prepared.plan.create.length || prepared.readme.text !== undefined) {
    io.out(`Next: ${c.bold(`nexus build-readme${ctx.dir ? ` --dir ${displayPath(io.cwd, ctx.dir)}` : ""}`)}\n`);
  }
}
