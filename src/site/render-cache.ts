// The render cache as bytes in .nexus/site-render: JSON of the rendered entries by
// key and the highlighted code by hash. Only a speed-up: anything wrong with it
// (another version, a damaged file) and it is not used.
import type { RenderedEntry } from "./pages.js";
import { emptyRenderCache, RENDER_VERSION, type RenderCache } from "./render.js";

const isText = (v: unknown): v is string => typeof v === "string";

function validEntry(v: unknown): v is RenderedEntry {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.sections === "object" && e.sections !== null && Object.values(e.sections).every(isText) && isText(e.description) && Array.isArray(e.links) && e.links.every(isText) && Array.isArray(e.codes) && e.codes.every(isText);
}

export function decodeRenderCache(bytes: Buffer | undefined): RenderCache {
  const cache = emptyRenderCache();
  if (!bytes) return cache;
  try {
    const data = JSON.parse(bytes.toString("utf8")) as { version?: unknown; entries?: unknown; highlight?: unknown };
    if (data.version !== RENDER_VERSION || typeof data.entries !== "object" || typeof data.highlight !== "object" || !data.entries || !data.highlight) return cache;
    for (const [key, value] of Object.entries(data.entries)) if (validEntry(value)) cache.entries.set(key, value);
    for (const [key, value] of Object.entries(data.highlight)) if (isText(value)) cache.highlight.set(key, value);
  } catch {
    return emptyRenderCache();
  }
  return cache;
}

/** The cache to keep: the entries rendered in this build, and the highlighted code they use. */
export function encodeRenderCache(cache: RenderCache, rendered: readonly RenderedEntry[]): string {
  const used = new Set(rendered.flatMap((r) => r.codes));
  const highlight = [...cache.highlight].filter(([key]) => used.has(key));
  return JSON.stringify({ version: RENDER_VERSION, entries: Object.fromEntries(cache.entries), highlight: Object.fromEntries(highlight) });
}
