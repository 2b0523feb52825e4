// An entry as the terminal shows it (show, the interactive search, review): a header of
// title, topic, date, tags and path, then the body rendered from markdown.
import { inertLine } from "../domain/sanitize.js";
import type { LoadedEntry } from "../journal/read.js";
import type { Io } from "./io.js";

/** The header above a shown entry: title, then topic, date and tags, then the path. */
export function entryHeader(io: Io, entry: LoadedEntry): string {
  const c = io.color;
  const tags = entry.tags.map((t) => `#${inertLine(t)}`).join(" ");
  const meta = [c.cyan(inertLine(entry.topic)), entry.date, tags && c.gray(tags)].filter(Boolean).join(c.dim(" · "));
  return `${c.bold(inertLine(entry.title))}\n${meta}\n${c.dim(inertLine(entry.path))}\n`;
}

/** The header and the rendered body (marked is loaded only here). */
export async function entryView(io: Io, entry: LoadedEntry): Promise<string> {
  const { renderMarkdown } = await import("./markdown.js");
  const body = renderMarkdown(entry.body, { color: io.color.level > 0, width: io.columns });
  return `${entryHeader(io, entry)}\n${body}\n`;
}
