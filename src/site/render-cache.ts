// The render cache as bytes in .nexus/site-render, and the highlighted code in
// .nexus/site-highlight. Only speed-ups: anything wrong with one (another version, a
// damaged file) and it is not used.
//
// site-render is JSON: the version, and for each entry its renderKey, its file's
// identity ("" when not known unchanged), its description, links and code keys.
// site-highlight is JSON: the version and the highlighted code by key.
import type { HighlightCache } from "./markdown.js";
import { emptyRenderCache, RENDER_VERSION, type RenderCache, type RenderedMeta } from "./render.js";

type Row = [key: string, identity: string, description: string, links: string[], codes: string[]];

const isText = (v: unknown): v is string => typeof v === "string";
const isTexts = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

function validRow(v: unknown): v is Row {
  if (!Array.isArray(v) || v.length !== 5) return false;
  const [key, identity, description, links, codes] = v as unknown[];
  return isText(key) && isText(identity) && isText(description) && isTexts(links) && isTexts(codes);
}

function parse(bytes: Buffer | undefined, field: string): unknown {
  if (!bytes) return undefined;
  try {
    const data = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    return data.version === RENDER_VERSION ? data[field] : undefined;
  } catch {
    return undefined;
  }
}

export function decodeRenderCache(bytes: Buffer | undefined): RenderCache {
  const rows = parse(bytes, "rows");
  const cache = emptyRenderCache();
  if (!Array.isArray(rows) || !rows.every(validRow)) return cache;
  for (const [key, identity, description, links, codes] of rows) {
    cache.entries.set(key, { key, description, links, codes });
    cache.identities.push(identity);
    if (identity) cache.byIdentity.set(identity, key);
  }
  return cache;
}

/** The cache to keep: the entries of this build, with their files' identities ("" for one not known unchanged). */
export function encodeRenderCache(rendered: readonly RenderedMeta[], identities: readonly string[]): string {
  const rows: Row[] = rendered.map((r, i) => [r.key, identities[i] ?? "", r.description, r.links, r.codes]);
  return `${JSON.stringify({ version: RENDER_VERSION, rows })}\n`;
}

/** The highlighted code of the cache file, read when first asked for; `added` says whether code was highlighted since. */
export class StoredHighlight implements HighlightCache {
  private map: Map<string, string> | undefined;
  added = false;

  constructor(private readonly read: () => Buffer | undefined) {}

  private code(): Map<string, string> {
    if (!this.map) {
      const code = parse(this.read(), "code");
      const ok = typeof code === "object" && code !== null && Object.values(code).every(isText);
      this.map = new Map(ok ? Object.entries(code as Record<string, string>) : []);
    }
    return this.map;
  }

  get(key: string): string | undefined {
    return this.code().get(key);
  }

  set(key: string, html: string): void {
    this.code().set(key, html);
    this.added = true;
  }

  /** The file to keep: the code of these keys only. */
  encode(used: ReadonlySet<string>): string {
    const code = Object.fromEntries([...this.code()].filter(([key]) => used.has(key)));
    return `${JSON.stringify({ version: RENDER_VERSION, code })}\n`;
  }
}
