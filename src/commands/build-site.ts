import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { bodyOf, forEachBody } from "../journal/bodies.js";
import { codeFingerprint, foundFileOf, RACY_MS, type IndexedJournal } from "../journal/cache.js";
import { readRegular } from "../journal/regular-file.js";
import { readIndexedJournal } from "../search/read.js";
import type { LoadedEntry } from "../journal/read.js";
import { readReadmeCache, writeReadmeCache } from "../journal/readme-caches.js";
import type { Journal } from "../journal/root.js";
import { SITE_FOLDER } from "../journal/config.js";
import { PACKAGE_ROOT } from "../package-paths.js";
import { renderCharts } from "../readme/charts/charts.js";
import { buildModel } from "../readme/model.js";
import { summarizeWith } from "../readme/summary.js";
import { siteFiles, type SiteFile } from "../site/build.js";
import { renderMarkdown } from "../site/markdown.js";
import { buildSiteModel, type SiteEntry, type SiteModel } from "../site/model.js";
import { keyOf, writeSite, type WriteReport } from "../site/output.js";
import type { RenderedEntry } from "../site/pages.js";
import { decodeRenderCache, encodeRenderCache, StoredHighlight } from "../site/render-cache.js";
import { LaterRendered, renderEntry, renderSections } from "../site/render.js";
import { decodeRelated, encodeRelated, relatedKept } from "../site/related.js";
import { checkBase, type SearchBase } from "../site/search-base.js";
import { searchFiles } from "../site/search-data.js";
import { siteSettings } from "../site/settings.js";
import { displayPath, warnProblems } from "../ui/io.js";
import { locate, type Context } from "./context.js";

export interface BuildSiteOptions {
  /** The site's folder (default: site/ in the journal). */
  out?: string | undefined;
  /** The site's absolute URL (default: "site.url" in nexus.config.json). */
  baseUrl?: string | undefined;
}

export const DEFAULT_SITE_FOLDER = SITE_FOLDER;
const RENDER_CACHE = "site-render";
const SEARCH_BASE_CACHE = "site-search-base";
const HIGHLIGHT_CACHE = "site-highlight";
const RELATED_CACHE = "site-related";

/** The output folder, checked: never the journal itself, its entries, or a folder of git or nexus. */
export function outFolder(journal: Journal, cwd: string, out: string | undefined): string {
  const folder = out === undefined ? path.join(journal.root, DEFAULT_SITE_FOLDER) : path.resolve(cwd, out);
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  const entries = path.resolve(journal.root, journal.config.entries);
  if (inside(journal.root, folder) || inside(folder, entries) || inside(entries, folder)) {
    throw new UserError(`--out ${out ?? folder} would mix the site with the journal's own files; choose a folder of its own, such as site/`);
  }
  if (folder.split(path.sep).some((p) => p === ".git" || p === ".nexus")) throw new UserError(`--out ${out} is inside .git or .nexus; choose a folder of its own, such as site/`);
  return folder;
}

/** The browser code, built beside the CLI (scripts/build.js). */
function browserAssets(): Map<string, string> {
  const read = (name: string) => {
    const file = path.join(PACKAGE_ROOT, "dist", "site", name);
    try {
      return readRegular(file, { encoding: "utf8" });
    } catch {
      throw new Error(`${file} is missing: run npm run build`);
    }
  };
  return new Map([
    ["assets/site.js", read("loader.js")],
    ["assets/search.js", read("search.js")],
  ]);
}

/** What says an entry's file is unchanged since the cache was written (as the entry cache keys it); "" when it changed too recently to be sure. */
function identityOf(entry: LoadedEntry, settledBefore: number): string {
  const found = foundFileOf(entry);
  if (!found || found.changedMs > settledBefore) return "";
  return `${found.path}\u0000${found.size}\u0000${found.changedMs}\u0000${found.ino}`;
}

/**
 * Each entry's body rendered: an entry the cache knows by its file's identity is not
 * read (its sections are rendered again only for a page made again); the others are
 * read and rendered, and the cache is rewritten. `save` keeps the highlighted code,
 * once the pages are made.
 */
function renderBodies(journal: Journal, indexed: IndexedJournal, startedAt: number): { rendered: RenderedEntry[]; save: () => void } {
  const cache = decodeRenderCache(readReadmeCache(journal, RENDER_CACHE));
  const highlight = new StoredHighlight(() => readReadmeCache(journal, HIGHLIGHT_CACHE));
  const { entries } = indexed.contents;
  const identities = entries.map((e) => identityOf(e, startedAt - RACY_MS));
  const rendered: (RenderedEntry | undefined)[] = entries.map((e, i) => {
    const meta = identities[i] ? cache.entries.get(cache.byIdentity.get(identities[i]!) ?? "") : undefined;
    return meta && new LaterRendered(meta, () => renderSections(e.path, bodyOf(e), highlight, []));
  });
  const places = rendered.flatMap((r, i) => (r ? [] : [i]));
  let next = 0;
  forEachBody(
    places.map((i) => entries[i]!),
    (entry, fields) => (rendered[places[next++]!] = renderEntry(entry.path, fields, highlight)),
  );
  const all = rendered as RenderedEntry[];
  // Entries not known unchanged (changed within RACY_MS: an `add` just now) could not be found in it again: they alone change nothing.
  const known = (ids: readonly string[]) => ids.filter((id) => id !== "");
  const [now, before] = [known(identities), known(cache.identities)];
  const same = places.every((i) => identities[i] === "") && now.length === before.length && now.every((id, i) => id === before[i]);
  if (!same) writeReadmeCache(journal, RENDER_CACHE, encodeRenderCache(all, identities));
  const save = () => {
    if (highlight.added) writeReadmeCache(journal, HIGHLIGHT_CACHE, highlight.encode(new Set(all.flatMap((r) => r.codes))));
  };
  return { rendered: all, save };
}

/** Each entry's earlier entries like it, from the last build's where they hold (related.ts); the cache is kept. */
function relatedOf(journal: Journal, model: SiteModel): SiteEntry[][] {
  const version = `related-1 ${codeFingerprint()}`;
  const kept = decodeRelated(readReadmeCache(journal, RELATED_CACHE), version);
  const { related, rows, reused } = relatedKept(model, kept);
  if (reused < rows.length || kept.length !== rows.length) writeReadmeCache(journal, RELATED_CACHE, encodeRelated(rows, version));
  return related;
}

/** The search index's base the last build kept (search-base.ts); undefined when there is none or it is damaged. */
function keptBase(journal: Journal): SearchBase | undefined {
  const bytes = readReadmeCache(journal, SEARCH_BASE_CACHE);
  try {
    return bytes && checkBase(JSON.parse(bytes.toString("utf8")));
  } catch {
    return undefined;
  }
}

/** Builds the site; returns what was written. */
export async function makeSite(ctx: Context, options: BuildSiteOptions): Promise<{ out: string; report: WriteReport; failed: boolean }> {
  const journal = locate(ctx);
  const settings = siteSettings(journal.config, { baseUrl: options.baseUrl });
  const out = outFolder(journal, ctx.io.cwd, options.out);
  const startedAt = Date.now();
  const indexed = readIndexedJournal(journal, { identities: true });
  const failed = warnProblems(ctx.io, indexed.contents.problems, ctx.strict);
  const { entries } = indexed.contents;
  const { rendered, save } = renderBodies(journal, indexed, startedAt);
  const model = buildSiteModel(entries);
  const related = relatedOf(journal, model);
  const charts = renderCharts(buildModel(entries, journal.config.groups, summarizeWith(() => {})), "assets/charts");
  const overview = settings.overview ? renderMarkdown(settings.overview, "README.md", new Map()) : "";
  const input = { model, rendered, related, settings, overview, charts: { files: charts.files, images: charts.images.map((i) => ({ path: i.path, alt: i.alt.replace(/\\(.)/g, "$1") })) }, assets: browserAssets() };
  function* all(): Generator<SiteFile> {
    yield* siteFiles(input);
    yield* searchFiles(indexed, model, rendered, { base: keptBase(journal), code: codeFingerprint(), keep: (base) => writeReadmeCache(journal, SEARCH_BASE_CACHE, JSON.stringify(base)) });
  }
  // A page's key holds what it is made from of the journal; this code and these settings hold for all.
  const report = await writeSite(out, all(), keyOf([codeFingerprint(), settings]));
  save();
  return { out, report, failed };
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** `nexus build-site`: writes the site and says what changed. */
export async function buildSite(ctx: Context, options: BuildSiteOptions): Promise<number> {
  const { out, report, failed } = await makeSite(ctx, options);
  const { written, unchanged, removed, files, bytes } = report;
  ctx.io.out(`Site in ${displayPath(ctx.io.cwd, out)}: ${files} files, ${size(bytes)} (${written} written, ${unchanged} unchanged, ${removed} removed).\n`);
  return failed ? 1 : 0;
}

export const DEFAULT_PORT = 4173;

/** Checks --port. */
export function portFlag(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, not "${value}"`);
  return Number(value);
}

/** `nexus build-site --serve`: builds, serves on 127.0.0.1, rebuilds when an entry or the config changes; until Ctrl-C. */
export async function serveSite(ctx: Context, options: BuildSiteOptions & { port: number }): Promise<number> {
  const { serveFolder } = await import("../site/serve.js");
  const journal = locate(ctx);
  const out = outFolder(journal, ctx.io.cwd, options.out);
  fs.mkdirSync(out, { recursive: true });
  const server = await serveFolder(out, options.port).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(error.code === "EADDRINUSE" ? `port ${options.port} is in use; choose another with --port` : `could not serve on port ${options.port}: ${error.message}`);
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : options.port}/`;
  const build = async () => {
    try {
      await buildSite(ctx, { ...options, baseUrl: options.baseUrl ?? url });
    } catch (error) {
      ctx.io.err(`${(error as Error).message}\n`);
    }
  };
  await build();
  ctx.io.out(`Serving ${displayPath(ctx.io.cwd, out)} at ${url} (Ctrl-C stops)\n`);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers = [path.resolve(journal.root, journal.config.entries), journal.root].map((dir, i) =>
    fs.watch(dir, { recursive: i === 0 }, (_event, name) => {
      if (i === 1 && name !== "nexus.config.json") return;
      clearTimeout(timer);
      timer = setTimeout(() => (running = running.then(build)), 150);
    }),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
  await new Promise((resolve) => server.close(resolve));
  return 0;
}
