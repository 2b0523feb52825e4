import fs from "node:fs";
import path from "node:path";
import { UsageError, UserError } from "../errors.js";
import { forEachBody } from "../journal/bodies.js";
import type { IndexedJournal } from "../journal/cache.js";
import { readIndexedJournal } from "../search/read.js";
import { readReadmeCache, writeReadmeCache } from "../journal/readme-caches.js";
import type { Journal } from "../journal/root.js";
import { PACKAGE_ROOT } from "../package-paths.js";
import { renderCharts } from "../readme/charts/charts.js";
import { buildModel } from "../readme/model.js";
import { summarizeWith } from "../readme/summary.js";
import { siteFiles, type SiteFile } from "../site/build.js";
import { renderMarkdown } from "../site/markdown.js";
import { buildSiteModel } from "../site/model.js";
import { writeSite, type WriteReport } from "../site/output.js";
import type { RenderedEntry } from "../site/pages.js";
import { decodeRenderCache, encodeRenderCache } from "../site/render-cache.js";
import { renderEntry } from "../site/render.js";
import { searchFiles } from "../site/search-data.js";
import { siteSettings } from "../site/settings.js";
import { displayPath, warnProblems } from "../ui/io.js";
import { locate, type Context } from "./context.js";
import { readRegular } from "../journal/regular-file.js";

export interface BuildSiteOptions {
  /** The site's folder (default: site/ in the journal). */
  out?: string | undefined;
  /** The site's absolute URL (default: "site.url" in nexus.config.json). */
  baseUrl?: string | undefined;
}

export const DEFAULT_SITE_FOLDER = "site";
const RENDER_CACHE = "site-render";

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

/** Each entry's body rendered (from the cache in .nexus/ when unchanged); the cache is rewritten when it changed. */
function renderBodies(journal: Journal, indexed: IndexedJournal): RenderedEntry[] {
  const bytes = readReadmeCache(journal, RENDER_CACHE);
  const cache = decodeRenderCache(bytes);
  const used = new Map<string, RenderedEntry>();
  const rendered: RenderedEntry[] = [];
  const highlightBefore = cache.highlight.size;
  forEachBody(indexed.contents.entries, (entry, fields) => rendered.push(renderEntry(entry.path, fields, cache, used)));
  const changed = used.size !== cache.entries.size || [...used.keys()].some((k) => !cache.entries.has(k)) || cache.highlight.size !== highlightBefore;
  if (changed) writeReadmeCache(journal, RENDER_CACHE, encodeRenderCache({ entries: used, highlight: cache.highlight }, rendered));
  return rendered;
}

/** Builds the site; returns what was written. */
export async function makeSite(ctx: Context, options: BuildSiteOptions): Promise<{ out: string; report: WriteReport; failed: boolean }> {
  const journal = locate(ctx);
  const settings = siteSettings(journal.config, { baseUrl: options.baseUrl });
  const out = outFolder(journal, ctx.io.cwd, options.out);
  const indexed = readIndexedJournal(journal);
  const failed = warnProblems(ctx.io, indexed.contents.problems, ctx.strict);
  const { entries } = indexed.contents;
  const rendered = renderBodies(journal, indexed);
  const model = buildSiteModel(entries);
  const charts = renderCharts(buildModel(entries, journal.config.groups, summarizeWith(() => {})), "assets/charts");
  const overview = settings.overview ? renderMarkdown(settings.overview, "README.md", new Map()) : "";
  const input = { model, rendered, settings, overview, charts: { files: charts.files, images: charts.images.map((i) => ({ path: i.path, alt: i.alt.replace(/\\(.)/g, "$1") })) }, assets: browserAssets() };
  function* all(): Generator<SiteFile> {
    yield* siteFiles(input);
    yield* searchFiles(indexed, model, rendered);
  }
  const report = await writeSite(out, all());
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
