// `nexus restore`: what `rm` moved to the trash (.nexus/trash/), listed, and put back.
import fs from "node:fs";
import { readRegular } from "../journal/regular-file.js";
import path from "node:path";
import { UserError } from "../errors.js";
import { parseEntry } from "../domain/entry.js";
import { inertLine } from "../domain/sanitize.js";
import { stringifyJson } from "../journal/json.js";
import { nfc } from "../domain/unicode.js";
import { listTrash, restoreFromTrash, type Trashed } from "../journal/trash.js";
import { displayWidth, pad, truncate } from "../ui/io.js";
import { locate, type Context } from "./context.js";

export interface RestoreOptions {
  /** The number `restore` lists it by (1: the last removed), or its path, file name or slug. None: list the trash. */
  entry?: string | undefined;
  json: boolean;
}

/** A trashed file's title: read from it, or what it is when it is no valid entry (a link is not followed). */
function titleOf(item: Trashed): string {
  try {
    if (fs.lstatSync(item.file).isSymbolicLink()) return "(a link)";
    const parsed = parseEntry(readRegular(item.file, { encoding: "utf8", maxBytes: 1024 * 1024 }), path.basename(item.path));
    return parsed.ok ? parsed.entry.title : "(not a valid entry)";
  } catch {
    return "(unreadable)";
  }
}

const stemOf = (p: string) => nfc(path.posix.basename(p)).replace(/\.(md|markdown)$/i, "");

/** The trashed item a name gives: its number in the list, else its path, file name or slug (the last removed of several). */
function find(items: Trashed[], wanted: string): Trashed {
  const name = nfc(wanted.trim().replace(/\\/g, "/"));
  if (/^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= items.length) return items[Number(name) - 1]!;
  const lower = name.toLowerCase().replace(/\.(md|markdown)$/i, "");
  const found = items.find(
    (item) => nfc(item.path) === name || stemOf(item.path).toLowerCase() === lower || stemOf(item.path).toLowerCase().replace(/^\d{4}-\d{2}-\d{2}-/, "") === lower,
  );
  if (!found) throw new UserError(`nothing in the trash is named "${inertLine(wanted)}"`, { hint: "`nexus restore` lists the trash, numbered" });
  return found;
}

export async function restore(ctx: Context, options: RestoreOptions): Promise<number> {
  const journal = locate(ctx);
  const items = listTrash(journal);
  if (options.entry === undefined) return listing(ctx, items, options.json);
  if (items.length === 0) throw new UserError("the trash is empty: nothing to restore", { hint: "`nexus rm` moves an entry to the trash" });
  const item = find(items, options.entry);
  const title = titleOf(item);
  restoreFromTrash(journal, item);
  if (options.json) ctx.io.out(stringifyJson({ restored: { path: item.path, title, removed: item.removed } }));
  else ctx.io.out(`restored ${inertLine(item.path)}  (${inertLine(title)})\n`);
  return 0;
}

function listing(ctx: Context, items: Trashed[], json: boolean): number {
  const rows = items.map((item, i) => ({ number: i + 1, path: item.path, title: titleOf(item), removed: item.removed }));
  if (json) {
    ctx.io.out(stringifyJson(rows));
    return 0;
  }
  if (rows.length === 0) {
    ctx.io.err("The trash is empty: `nexus rm` moves entries there, and `nexus restore N` brings one back.\n");
    return 0;
  }
  const c = ctx.io.color;
  const numberWidth = String(rows.length).length;
  const pathWidth = Math.min(48, Math.max(...rows.map((r) => displayWidth(inertLine(r.path)))));
  const room = Math.max(12, ctx.io.columns - numberWidth - 2 - 16 - 2 - pathWidth - 2);
  for (const row of rows) {
    const when = localMinute(row.removed);
    const shown = pad(truncate(inertLine(row.path), pathWidth), pathWidth);
    ctx.io.out(`${String(row.number).padStart(numberWidth)}  ${c.dim(when)}  ${shown}  ${c.bold(truncate(inertLine(row.title), room))}\n`);
  }
  ctx.io.err("nexus restore N brings back the entry numbered N (1: the last removed)\n");
  return 0;
}

/** An instant as the local `YYYY-MM-DD HH:MM`. */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
