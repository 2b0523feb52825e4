// Each entry's body rendered once: its sections as safe HTML (markdown.ts), a
// description and the entries it links to, kept in a cache keyed by a hash of the
// entry's path and body, so a rebuild renders only the entries that changed.
import { createHash } from "node:crypto";
import type { BodyFields } from "../journal/bodies.js";
import { linkedPaths, renderMarkdown, type HighlightCache } from "./markdown.js";
import { SECTIONS, type RenderedEntry } from "./pages.js";
import { clipLine, plainOfMarkdown } from "./text.js";

/** Changes whenever rendering does: a cache of another version is not used. */
export const RENDER_VERSION = "site-render-1";
const DESCRIPTION = 160;

export interface RenderCache {
  /** By renderKey. */
  entries: Map<string, RenderedEntry>;
  highlight: HighlightCache;
}

export const emptyRenderCache = (): RenderCache => ({ entries: new Map(), highlight: new Map() });

export const renderKey = (path: string, fields: BodyFields): string =>
  createHash("sha256").update(`${RENDER_VERSION}\u0000${path}\u0000${fields.challenge}\u0000${fields.solution}\u0000${fields.takeaway}\u0000${fields.notes}`).digest("base64url").slice(0, 27);

/** An entry's body as the site shows it, from the cache when its text is unchanged. */
export function renderEntry(path: string, fields: BodyFields, cache: RenderCache, used?: Map<string, RenderedEntry>): RenderedEntry {
  const key = renderKey(path, fields);
  let rendered = cache.entries.get(key);
  if (!rendered) {
    const sections: RenderedEntry["sections"] = {};
    const codes: string[] = [];
    for (const [name] of SECTIONS) {
      const text = fields[name];
      if (text.trim()) sections[name] = renderMarkdown(text, path, cache.highlight, codes);
    }
    const lead = [fields.takeaway, fields.challenge, fields.solution, fields.notes].find((t) => t.trim()) ?? "";
    rendered = { sections, description: clipLine(plainOfMarkdown(lead), DESCRIPTION), links: [...new Set(Object.values(sections).flatMap(linkedPaths))], codes };
  }
  used?.set(key, rendered);
  return rendered;
}
