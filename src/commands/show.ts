import fs from "node:fs";
import { inertLine, inertText } from "../domain/sanitize.js";
import { entryJson, stringifyJson } from "../journal/json.js";
import type { LoadedEntry } from "../journal/read.js";
import { resolveEntry } from "../journal/resolve.js";
import type { Io } from "../ui/io.js";
import { loadJournal, type Context } from "./context.js";

export interface ShowOptions {
  entry: string;
  raw: boolean;
  json: boolean;
}

/** The header above a shown entry: title, then topic, date and tags, then the path. */
export function entryHeader(io: Io, entry: LoadedEntry): string {
  const c = io.color;
  const tags = entry.tags.map((t) => `#${inertLine(t)}`).join(" ");
  const meta = [c.cyan(inertLine(entry.topic)), entry.date, tags && c.gray(tags)].filter(Boolean).join(c.dim(" · "));
  return `${c.bold(inertLine(entry.title))}\n${meta}\n${c.dim(inertLine(entry.path))}\n`;
}

export async function show(ctx: Context, options: ShowOptions): Promise<number> {
  const { journal, contents, failed } = loadJournal(ctx);
  const entry = resolveEntry(journal, contents, options.entry, ctx.io.cwd);
  if (options.json) {
    ctx.io.out(stringifyJson({ ...entryJson(entry), notes: entry.notes }));
  } else if (options.raw) {
    const raw = fs.readFileSync(entry.file, "utf8");
    // Byte for byte into a pipe; on a terminal, control characters are shown inert.
    ctx.io.out(ctx.io.stdoutIsTTY ? inertText(raw) : raw);
  } else {
    const { renderMarkdown } = await import("../ui/markdown.js");
    const body = renderMarkdown(entry.body, { color: ctx.io.color.level > 0, width: ctx.io.columns });
    ctx.io.out(`${entryHeader(ctx.io, entry)}\n${body}\n`);
  }
  return failed ? 1 : 0;
}
