// Each entry's body as the site shows it: its sections as safe HTML (markdown.ts), a
// description, the entries it links to and the code it highlights. What a build
// needs of every entry (all but the sections) is kept in a cache keyed by a hash of
// the entry's path and body, and by the identity of its file, so a rebuild reads and
// renders only the entries that changed; the sections of an unchanged entry are
// rendered again only for a page that is made again (a few, after an `add`).
import { createHash } from "node:crypto";
import type { BodyFields } from "../journal/bodies.js";
import { linkedPaths, renderMarkdown, type HighlightCache } from "./markdown.js";
import { SECTIONS, type RenderedEntry } from "./pages.js";
import { clipLine, plainOfMarkdown } from "./text.js";

/** Changes whenever rendering does: a cache of another version is not used. */
export const RENDER_VERSION = "site-render-3";
const DESCRIPTION = 160;

/** What the cache keeps of a rendered entry: all but its sections. */
export type RenderedMeta = Omit<RenderedEntry, "sections">;

export interface RenderCache {
  /** By renderKey. */
  entries: Map<string, RenderedMeta>;
  /** An entry file's identity (path, size, change time, inode number) -> its renderKey, for a file known unchanged. */
  byIdentity: Map<string, string>;
  /** The identities as the cache lists them, in its order. */
  identities: string[];
}

export const emptyRenderCache = (): RenderCache => ({ entries: new Map(), byIdentity: new Map(), identities: [] });

export const renderKey = (path: string, fields: BodyFields): string =>
  createHash("sha256").update(`${RENDER_VERSION}\u0000${path}\u0000${fields.challenge}\u0000${fields.solution}\u0000${fields.takeaway}\u0000${fields.notes}`).digest("base64url").slice(0, 27);

/** The sections of an entry as safe HTML; the keys of the code it highlights are added to `codes`. */
export function renderSections(path: string, fields: BodyFields, highlight: HighlightCache, codes: string[]): RenderedEntry["sections"] {
  const sections: RenderedEntry["sections"] = {};
  for (const [name] of SECTIONS) {
    const text = fields[name];
    if (text.trim()) sections[name] = renderMarkdown(text, path, highlight, codes);
  }
  return sections;
}

/** An entry's body as the site shows it. */
export function renderEntry(path: string, fields: BodyFields, highlight: HighlightCache): RenderedEntry {
  const codes: string[] = [];
  const sections = renderSections(path, fields, highlight, codes);
  const lead = [fields.takeaway, fields.challenge, fields.solution, fields.notes].find((t) => t.trim()) ?? "";
  return { key: renderKey(path, fields), sections, description: clipLine(plainOfMarkdown(lead), DESCRIPTION), links: [...new Set(Object.values(sections).flatMap(linkedPaths))], codes };
}

/** A cached entry whose sections are rendered again from its file when first asked for. */
export class LaterRendered implements RenderedEntry {
  private made: RenderedEntry["sections"] | undefined;
  readonly key: string;
  readonly description: string;
  readonly links: string[];
  readonly codes: string[];

  constructor(
    meta: RenderedMeta,
    private readonly render: () => RenderedEntry["sections"],
  ) {
    ({ key: this.key, description: this.description, links: this.links, codes: this.codes } = meta);
  }

  get sections(): RenderedEntry["sections"] {
    return (this.made ??= this.render());
  }
}
