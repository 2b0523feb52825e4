import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import { forEachBody } from "../journal/bodies.js";
import { codeFingerprint, foundFileOf, RACY_MS } from "../journal/cache.js";
import { applyGenerated, conflictError, planGenerated, type GeneratedFiles } from "../journal/generated.js";
import { leftoverTempsIn, removeLeftoverTemps } from "../journal/leftovers.js";
import { replaceFile } from "../journal/safe-write.js";
import { pagesFolder } from "../readme/settings.js";
import type { JournalContents } from "../journal/read.js";
import { decodeRecord, encodeRecord, formerPages, removeFormerPages } from "../journal/former-pages.js";
import { CHECK_STAMP, GENERATED_RECORD, lookAt, readReadmeCache, readSteady, removeStaleReadmeTemps, SUMMARY_CACHE, writeReadmeCache } from "../journal/readme-caches.js";
import type { Journal } from "../journal/root.js";
import { readTemplate } from "../journal/templates.js";
import { readUtf8File } from "../journal/text.js";
import { contentDigest, decodeStamp, encodeStamp, inputDigest, verifyStamp, type Stamp, type StampWorld } from "../readme/check-stamp.js";
import { renderReadme } from "../readme/render.js";
import { decodeSummaryCache, summarizeCached } from "../readme/summary-cache.js";
import type { Summarize } from "../readme/summary.js";
import { unfilledKeys, unfilledNote } from "../readme/unfilled.js";
import { TemplateError } from "../readme/template.js";
import { planReadme } from "../readme/update.js";
import { importedDigest } from "../import/readme-layout.js";
import { sha256 } from "../import/readme-template.js";
import { fromUtf16 } from "../import/source.js";
import { displayPath } from "../ui/io.js";
import { checkAll, formNote, writeFailure, type WriteStage } from "./build-readme-report.js";
import { loadJournal, type Context } from "./context.js";
import { kindOf, readRegular } from "../journal/regular-file.js";

export interface BuildReadmeOptions {
  /** Print the README instead of writing it. */
  stdout: boolean;
  /** Write nothing; exit 1 with a diff when README.md is out of date. */
  check: boolean;
  /** Replace the whole README with the rendered template, markers or not. */
  force: boolean;
  /** Last day of the charts (default: `readme.chartsUntil`, else the latest entry). */
  until?: string | undefined;
}

export const README_FILE = "README.md";

/** README.md is a regular file whose bytes have the digest the template names. */
function isImportedReadme(file: string, digest: string | undefined): boolean {
  if (digest === undefined) return false;
  try {
    return fs.lstatSync(file).isFile() && sha256(readRegular(file)) === digest;
  } catch {
    return false;
  }
}

function readExisting(file: string, label: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) throw new UserError(`${file} is not a regular file (${kindOf(stat)}); nexus does not write through it`);
  // Strict: every byte outside the markers is written back as it was read.
  return readUtf8File(file, label);
}

/**
 * The entries' sections in short through the summary cache in `.nexus/`: an entry
 * whose file is unchanged is not opened; the cache is rewritten when it changed.
 */
function cachedSummaries(journal: Journal, startedAt: number): Summarize {
  return (entries) => {
    const code = codeFingerprint();
    const bytes = readReadmeCache(journal, SUMMARY_CACHE);
    const cache = bytes && decodeSummaryCache(bytes, code);
    const result = summarizeCached(entries, { cache, identityOf: foundFileOf, read: forEachBody, settledBefore: startedAt - RACY_MS, code });
    if (result.write) writeReadmeCache(journal, SUMMARY_CACHE, result.write());
    return result.summaries;
  };
}

/** The digest of the check stamp's inputs; undefined for --stdout, or when an entry was modified in the last RACY_MS (no stamp is used or made). */
function stampInputs(journal: Journal, contents: JournalContents, template: { file: string; text: string }, options: BuildReadmeOptions, startedAt: number): string | undefined {
  if (options.stdout) return undefined;
  const files = contents.entries.map(foundFileOf);
  if (files.some((f) => !f || f.mtimeMs > startedAt - RACY_MS)) return undefined;
  const inputs = { force: options.force, until: options.until ?? null };
  return inputDigest({ code: codeFingerprint(), template: { file: template.file, text: template.text }, config: journal.config, options: inputs, entries: files });
}

/** The check stamp, when it says that the README and every generated file are up to date for these inputs (see check-stamp.ts). */
function currentStamp(journal: Journal, inputs: string): Stamp | undefined {
  const bytes = readReadmeCache(journal, CHECK_STAMP);
  const stamp = bytes && decodeStamp(bytes.toString("utf8"), codeFingerprint());
  if (!stamp) return undefined;
  const world: StampWorld = {
    look: (rel) => lookAt(journal.root, rel),
    digest: (rel) => {
      const read = readSteady(journal.root, rel);
      return read && { digest: contentDigest(read.bytes), look: read.look };
    },
  };
  const verdict = verifyStamp(stamp, inputs, world, Date.now(), RACY_MS);
  if (!verdict.current) return undefined;
  // Files read because they had changed around the stamp's time: looked at again now, they need not be read next time.
  if (verdict.refreshed) writeReadmeCache(journal, CHECK_STAMP, encodeStamp(verdict.refreshed));
  return stamp;
}

/** Records that the README and the generated files are up to date: their looks now and the digests of their content. */
function recordStamp(journal: Journal, stamp: Omit<Stamp, "at" | "files" | "folders">, digests: Map<string, string>): void {
  const at = Date.now();
  const files: Stamp["files"] = [];
  const folders = new Map<string, string>();
  for (const [rel, digest] of digests) {
    const look = lookAt(journal.root, rel);
    if (!look?.isFile) return;
    files.push({ path: rel, look, digest });
    for (let dir = path.posix.dirname(rel); dir !== "." && !folders.has(dir); dir = path.posix.dirname(dir)) {
      const folder = lookAt(journal.root, dir);
      if (!folder?.isDirectory) return;
      folders.set(dir, folder.ino);
    }
  }
  writeReadmeCache(journal, CHECK_STAMP, encodeStamp({ ...stamp, at, files, folders: [...folders].map(([p, ino]) => ({ path: p, ino })) }));
}

/** The generated files, each recording the digest of its content in `digests` when it is made. */
function digesting(files: GeneratedFiles, digests: Map<string, string>): GeneratedFiles {
  return new Map(
    [...files].map(([rel, make]) => [
      rel,
      () => {
        const content = make();
        digests.set(rel, contentDigest(content));
        return content;
      },
    ]),
  );
}

/** The warnings of a build, and the note on the template's parts that README.md has no markers for. */
function printNotes(ctx: Context, label: string, warnings: readonly string[], missing: readonly string[]): void {
  const c = ctx.io.color;
  for (const warning of warnings) ctx.io.err(`${c.yellow("nexus: warning:")} ${inertLine(warning)}\n`);
  if (!missing.length) return;
  // One line, not one per part: a README that keeps only some parts on purpose gets it every build.
  const names = missing.map((name) => `"${name}"`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  const them = names.length > 1 ? "those parts" : "that part";
  ctx.io.err(`${c.yellow("nexus: note:")} ${label} has no markers for ${list}, so ${them} of the template ${names.length > 1 ? "are" : "is"} left out (--force writes the whole template)\n`);
}

/**
 * Renders the README template with the journal's entries into README.md: a new
 * README whole, an existing one only between its marker comments.
 */
export async function buildReadme(ctx: Context, options: BuildReadmeOptions): Promise<number> {
  if (options.stdout && options.check) throw new UsageError("--stdout and --check do not go together: --check prints a diff");
  const startedAt = Date.now();
  // Each entry's scanned file: the summary cache keys on it.
  // --stdout writes nothing, not even nexus's caches in .nexus/.
  const { journal, contents, failed } = loadJournal(ctx, { identities: true, readOnly: options.stdout });
  // A crash while the summary cache or the stamp was written left a temporary file: one look at `.nexus/` a build
  // (not with --stdout, which writes nothing).
  if (!options.stdout) removeStaleReadmeTemps(journal);
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
  const pagesLabelOf = (folder: string) => displayPath(io.cwd, path.join(journal.root, folder));

  // A build killed while it wrote the pages left temporary files there: a build removes them, --check names them.
  const leftovers = options.stdout ? [] : pagesLeftovers(journal, options.check);
  // Nothing changed since the last build or check found everything up to date: say so as it did.
  const inputs = stampInputs(journal, contents, template, options, startedAt);
  const stamp = inputs && !leftovers.length && currentStamp(journal, inputs);
  if (stamp) {
    printNotes(ctx, label, stamp.warnings, stamp.missing);
    io.err(`${label} and ${pagesLabelOf(stamp.pages)}/ are up to date\n`);
    return 0;
  }

  let rendered;
  try {
    rendered = renderReadme({ template: template.text, entries: contents.entries, config: journal.config, until: options.until, summarize: cachedSummaries(journal, startedAt) });
  } catch (error) {
    if (error instanceof TemplateError) throw new UserError(`${displayPath(io.cwd, template.file)}:${error.line}: ${error.message}`);
    throw error;
  }
  printNotes(ctx, label, rendered.warnings, []);
  // The hand-written README that `nexus import` made the template from, unchanged since (in any encoding): replaced once, without --force.
  const replaceHandWritten = isImportedReadme(file, importedDigest(template.text));
  const existing = replaceHandWritten ? Buffer.from(fromUtf16(readRegular(file))).toString("utf8") : readExisting(file, label);
  if (options.stdout && existing === undefined) {
    io.out(rendered.text);
    return 0;
  }
  // `"readme": {"wholeFile": true}`: README.md is the template's output as a whole, as if
  // every build were --force, and --check compares the whole file (for a README nobody edits by hand).
  const wholeFile = journal.config.readme.wholeFile === true;
  const plan = planReadme(existing, rendered, { force: options.force || wholeFile, label, replaceHandWritten });
  printNotes(ctx, label, [], plan.missing);

  if (options.stdout) {
    io.out(plan.output);
    return 0;
  }
  // Each file's content is digested as it is made, for the check stamp and the record of what was generated.
  const digests = new Map<string, string>();
  const files = digesting(rendered.pages, digests);
  const pages = planGenerated(journal.root, rendered.pagesFolder, files);
  const pagesLabel = pagesLabelOf(rendered.pagesFolder);
  // The pages a build wrote in the folder `readme.pages` named before, unchanged since: to be removed.
  const record = decodeRecord(readReadmeCache(journal, GENERATED_RECORD));
  const former = formerPages(journal.root, record, rendered.pagesFolder, rendered.pages, contentDigest);
  const upToDate = () => {
    if (!inputs || digests.size !== rendered.pages.size) return;
    digests.set(README_FILE, contentDigest(plan.output));
    digests.set(pages.manifest.path, contentDigest(pages.manifest.text));
    recordStamp(journal, { code: codeFingerprint(), inputs, pages: rendered.pagesFolder, warnings: rendered.warnings, missing: plan.missing }, digests);
  };
  if (options.check) {
    const status = checkAll(ctx, { root: journal.root, existing, output: plan.output, label, templateLabel, pages, pagesLabel, former, leftovers });
    if (status === 0) upToDate();
    return status;
  }
  if (pages.conflicts.length) throw conflictError(pages);
  const pageChanges = pages.write.length + pages.remove.length + (pages.manifest.stale ? 1 : 0);
  let made: string | undefined;
  /** What a failed write left, for its message: the pages not yet touched, being written, or done. */
  let stage: WriteStage = "pages";
  const failedWrite = (error: unknown) => writeFailure(io.cwd, error, stage, `${pagesLabel}/`, label);
  if (pageChanges) {
    const existed = fs.existsSync(path.join(journal.root, rendered.pagesFolder));
    made = await applyGenerated(journal.root, rendered.pagesFolder, files, pages).catch((error: unknown) => {
      throw failedWrite(error);
    });
    stage = "readme";
    const parts = [pages.write.length ? `${pages.write.length} written` : "", pages.remove.length ? `${pages.remove.length} removed` : ""].filter(Boolean).join(", ");
    io.out(`${c.green(existed ? "updated" : "created")} ${pagesLabel}/ (${rendered.pages.size} generated ${rendered.pages.size === 1 ? "file" : "files"}${parts ? `: ${parts}` : ""})\n`);
  }
  if (former.length) {
    removeFormerPages(journal.root, record!, former);
    io.out(`${c.green("removed")} ${former.length} generated ${former.length === 1 ? "file" : "files"} from ${pagesLabelOf(record!.folder)}/, the former pages folder\n`);
  }
  if (digests.size === rendered.pages.size) {
    // Where the pages are and what each one is, for the build after `readme.pages` changes.
    const written = Object.fromEntries([...rendered.pages.keys()].map((rel) => [rel, digests.get(rel)!]));
    written[pages.manifest.path] = contentDigest(pages.manifest.text);
    const kept = record?.folder === rendered.pagesFolder ? record.made : null;
    writeReadmeCache(journal, GENERATED_RECORD, encodeRecord({ folder: rendered.pagesFolder, made: made ?? kept, files: written }));
  }
  if (plan.output === existing) {
    if (!pageChanges && !former.length) io.err(`${label} and ${pagesLabel}/ are up to date\n`);
    upToDate();
    return 0;
  }
  try {
    replaceFile(file, plan.output);
  } catch (error) {
    throw failedWrite(error);
  }
  upToDate();
  const what = plan.action === "create" ? "created" : plan.action === "replace" ? "replaced the hand-written" : plan.action === "rewrite" && !wholeFile ? "rewrote" : "updated";
  const changed = plan.action === "update" ? `: ${plan.changed.join(", ") || "line ends"}` : "";
  io.out(`${c.green(what)} ${label} from ${templateLabel} (${contents.entries.length} ${contents.entries.length === 1 ? "entry" : "entries"})${changed}\n`);
  if (plan.action === "replace") io.out(`Its text is in ${templateLabel} now and its learnings in entries: edit either, or ${label} outside its nexus markers.\n`);
  io.out(`${formNote(label, rendered.form)}\n`);
  const unfilled = unfilledNote(unfilledKeys(template.text, journal.config.readme));
  if (unfilled) io.out(`${unfilled}\n`);
  return 0;
}

/** The temporary files an interrupted build left in the pages folder: removed by a build, named (relative to the root) by --check. */
function pagesLeftovers(journal: Journal, check: boolean): string[] {
  const folder = path.join(journal.root, pagesFolder(journal.config.readme.pages, journal.config.entries));
  if (!check) {
    removeLeftoverTemps(folder);
    return [];
  }
  return leftoverTempsIn(folder).map((file) => path.relative(journal.root, file).split(path.sep).join("/"));
}
