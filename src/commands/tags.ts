import { UsageError, UserError } from "../errors.js";
import { checkLine, LIMITS } from "../domain/entry.js";
import { countLabels, nearDuplicates, sameLabel, type LabelCount } from "../domain/labels.js";
import { inertLine } from "../domain/sanitize.js";
import { stringifyJson } from "../journal/json.js";
import { applyRelabel, planRelabel, type LabelField } from "../journal/relabel.js";
import type { LoadedEntry } from "../journal/read.js";
import { truncate, type Io } from "../ui/io.js";
import { loadJournal, type Context } from "./context.js";

export interface LabelsOptions {
  json: boolean;
  /** `[OLD, NEW]` from `--rename OLD NEW`. */
  rename?: string[] | undefined;
  dryRun: boolean;
}

const WORDS: Record<LabelField, { one: string; command: string }> = {
  tags: { one: "tag", command: "tags" },
  topic: { one: "topic", command: "topics" },
};

/** Quotes a word for a shell command line when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Counts each label once whatever its Unicode form: `Café` typed composed (NFC) or decomposed (NFD, as macOS writes it). */
export function labelCounts(entries: LoadedEntry[], field: LabelField): LabelCount[] {
  return countLabels((field === "tags" ? entries.flatMap((e) => e.tags) : entries.map((e) => e.topic)).map((l) => l.normalize("NFC")));
}

function printCounts(io: Io, counts: LabelCount[]): void {
  const width = String(counts[0]?.count ?? 0).length;
  const c = io.color;
  const room = Math.max(10, io.columns - width - 4);
  io.out(counts.map((l) => `${String(l.count).padStart(width + 2)}  ${c.bold(truncate(inertLine(l.name), room))}`).join("\n") + "\n");
}

function hintDuplicates(io: Io, counts: LabelCount[], field: LabelField): void {
  const w = WORDS[field];
  for (const group of nearDuplicates(counts)) {
    const [keep, ...others] = group as [LabelCount, ...LabelCount[]];
    const names = group.map((l) => `"${inertLine(l.name)}" (${l.count})`).join(", ");
    const commands = others.map((o) => `nexus ${w.command} --rename ${shellWord(inertLine(o.name))} ${shellWord(inertLine(keep.name))}`);
    io.err(`${io.color.yellow("hint:")} ${names} look like one ${w.one}; merge with: ${commands.join(" && ")}\n`);
  }
}

async function rename(ctx: Context, entries: LoadedEntry[], field: LabelField, names: string[], dryRun: boolean): Promise<number> {
  const w = WORDS[field];
  if (names.length !== 2) throw new UsageError(`--rename takes two names: OLD NEW (got ${names.length})`);
  const from = names[0]!.trim().normalize("NFC");
  const to = (field === "tags" ? names[1]!.trim().replace(/^#/, "") : names[1]!.trim()).normalize("NFC");
  const wrong = checkLine(`the new ${w.one}`, to, field === "tags" ? LIMITS.tag : LIMITS.topic);
  if (wrong) throw new UsageError(wrong);
  if (field === "tags" && to.includes(",")) throw new UsageError("a tag cannot contain a comma");
  const same = (label: string) => sameLabel(label.normalize("NFC"), from);
  const used = field === "tags" ? entries.some((e) => e.tags.some(same)) : entries.some((e) => same(e.topic));
  if (!used) {
    throw new UserError(`no entry has the ${w.one} "${inertLine(from)}"`, { hint: `\`nexus ${w.command}\` lists them` });
  }
  const plan = planRelabel(entries, field, from, to);
  const io = ctx.io;
  const result = dryRun ? { changed: plan.planned, failed: [] } : applyRelabel(plan.planned);
  for (const change of result.changed) {
    io.out(`${inertLine(change.path)}: ${inertLine(change.before)} → ${inertLine(change.after)}\n`);
  }
  const failed = [...plan.failed, ...result.failed];
  for (const f of failed) io.err(`${io.color.red("nexus:")} ${inertLine(f.path)}: ${inertLine(f.message)}\n`);
  const n = result.changed.length;
  const files = `${n} file${n === 1 ? "" : "s"}`;
  const what = `${w.one} "${inertLine(from)}" to "${inertLine(to)}"`;
  io.err(dryRun ? `would rename ${what} in ${files} (dry run: nothing written)\n` : `renamed ${what} in ${files}\n`);
  if (failed.length) io.err(`${failed.length} file${failed.length === 1 ? " was" : "s were"} left unchanged\n`);
  return failed.length ? 1 : 0;
}

/** `nexus tags` and `nexus topics`: counts, near-duplicates, and `--rename`. */
export async function labels(ctx: Context, field: LabelField, options: LabelsOptions): Promise<number> {
  // A dry run writes nothing, not even the entry cache.
  const { contents, failed } = loadJournal(ctx, { readOnly: options.dryRun });
  if (options.rename) {
    const code = await rename(ctx, contents.entries, field, options.rename, options.dryRun);
    return code || (failed ? 1 : 0);
  }
  if (options.dryRun) throw new UsageError("--dry-run goes with --rename OLD NEW");
  const counts = labelCounts(contents.entries, field);
  if (options.json) {
    ctx.io.out(stringifyJson(counts));
  } else if (counts.length === 0) {
    ctx.io.err(`No ${WORDS[field].command} yet.\n`);
  } else {
    printCounts(ctx.io, counts);
    hintDuplicates(ctx.io, counts, field);
  }
  return failed ? 1 : 0;
}

export async function tags(ctx: Context, options: LabelsOptions): Promise<number> {
  return labels(ctx, "tags", options);
}
