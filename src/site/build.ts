// Every file of the site, one after another (a large journal's pages are never all
// in memory at once): the pages, the feeds, the sitemap, robots.txt, the style
// sheet, the icon, the charts and the browser code. The search index is search-data.ts's.
import { atomFeed, FEED_SIZE, type FeedInput } from "./feed.js";
import { relativeHref, renderPage, rootPath, type Href, type Page } from "./layout.js";
import { listPages, notFoundPage, searchPage } from "./lists.js";
import { resolveEntryLinks } from "./markdown.js";
import { neighbours, type SiteEntry, type SiteModel } from "./model.js";
import { entryPage, feedPathOf, homePage, SECTIONS, type EntryPageInput, type RenderedEntry } from "./pages.js";
import { backlinks } from "./related.js";
import type { SiteSettings } from "./settings.js";
import { keyOf, keyOfText, type SiteFile } from "./output.js";
import { robotsTxt, sitemaps, type SitemapPage } from "./sitemap.js";
import { ICON_SVG, SITE_CSS } from "./style.js";

export interface SiteInput {
  model: SiteModel;
  /** Each entry's body, by its place. */
  rendered: readonly RenderedEntry[];
  /** Each entry's earlier entries like it, by its place (related.ts). */
  related: readonly SiteEntry[][];
  settings: SiteSettings;
  /** The home page's overview, as safe HTML. */
  overview: string;
  charts: { files: Map<string, string>; images: { path: string; alt: string }[] };
  /** Browser code and other files as they are, by path. */
  assets: Map<string, string>;
}

export type { SiteFile } from "./output.js";

const newestDate = (html: string): string | undefined => {
  let best: string | undefined;
  for (const m of html.matchAll(/datetime="(\d{4}-\d{2}-\d{2})"/g)) if (!best || m[1]! > best) best = m[1]!;
  return best;
};

/** An entry's sections as one piece of HTML with absolute links, for the feed. */
function feedContent(e: SiteEntry, rendered: RenderedEntry, model: SiteModel, baseUrl: string): string {
  const toEntry = (path: string) => {
    const target = model.byPath.get(path);
    return target ? baseUrl + target.page : undefined;
  };
  return SECTIONS.filter(([key]) => rendered.sections[key])
    .map(([key, label]) => `<h2>${label}</h2>\n${resolveEntryLinks(rendered.sections[key]!, toEntry)}`)
    .join("\n");
}

function* feeds(input: SiteInput, baseUrl: string): Generator<SiteFile> {
  const { model, rendered } = input;
  const settings = { ...input.settings, baseUrl };
  const contentOf = (e: SiteEntry) => ({ html: feedContent(e, rendered[e.at]!, model, baseUrl), summary: rendered[e.at]!.description || e.meta.title });
  // What a feed is made from: its entries, what they link to, and its own names (the settings are writeSite's keys).
  const keyFor = (feed: Omit<FeedInput, "settings" | "contentOf">) =>
    keyOf([feed.path, feed.title, feed.alternate, feed.feedKey, feed.entries.at(-1)?.meta.date, feed.entries.slice(0, FEED_SIZE).map((e) => {
      const r = rendered[e.at]!;
      return [e.meta.path, e.slug, e.page, e.meta.title, e.meta.date, e.topic.name, e.tags.map((t) => t.name), r.key, r.description, r.links.map((p) => model.byPath.get(p)?.page ?? "")];
    })]);
  const all = [
    { path: "feed.xml", title: settings.title, alternate: "index.html", entries: model.entries, feedKey: "feed" },
    ...model.topics.map((topic) => ({ path: feedPathOf(topic), title: `${settings.title}: ${topic.name}`, alternate: topic.page, entries: topic.entries, feedKey: `topics/${topic.slug}` })),
  ];
  for (const feed of all) {
    if (!feed.entries.length) continue;
    yield [feed.path, () => atomFeed({ ...feed, settings, contentOf })!, keyFor(feed)];
  }
}

/** Each entry as other pages show it (a link to it, its title, date and topic), as JSON: a piece of their keys. */
const itemTexts = (model: SiteModel): string[] => model.entries.map((e) => JSON.stringify([e.page, e.meta.title, e.meta.date, e.topic.name]));

/** Everything an entry page is made from (but the settings and the code: writeSite's keys); `items`: itemTexts. */
function entryPageKey({ entry, rendered, related, linkedFrom, model }: EntryPageInput, items: readonly string[]): string {
  const { older, newer } = neighbours(entry);
  const m = entry.meta;
  const own = [entry.page, m.title, m.date, m.featured, entry.topic.name, entry.topic.page, entry.tags.map((t) => [t.name, t.page]), rendered.key, rendered.description, rendered.links.map((p) => model.byPath.get(p)?.page ?? "")];
  const list = (entries: readonly SiteEntry[]) => entries.map((e) => items[e.at]).join("");
  // Each part is JSON, which says where it ends: "|" between them cannot be read otherwise.
  return keyOfText(`${JSON.stringify(own)}|${list(related)}|${list(linkedFrom)}|${older ? items[older.at] : ""}|${newer ? items[newer.at] : ""}`);
}

/** The newest date of entries (a list page's lastmod: its only dates are theirs). */
const newestOf = (entries: readonly SiteEntry[]): string | undefined => entries.reduce<string | undefined>((d, e) => (d === undefined || e.meta.date > d ? e.meta.date : d), undefined);

/** The pages that list entries (and the search page): one of a list made only when its key changed. */
function* listFiles(input: SiteInput, items: readonly string[], page: (p: Page, href: Href) => SiteFile, sitemap: SitemapPage[]): Generator<SiteFile> {
  const { model, settings } = input;
  for (const { make, listed } of [...listPages(model, Boolean(settings.baseUrl)), { make: searchPage(), listed: undefined }]) {
    if (listed) {
      const href = relativeHref(listed.path);
      sitemap.push({ path: listed.path, lastmod: newestOf(listed.entries) });
      yield [listed.path, () => renderPage(make(() => href), settings, href), keyOfText(`${listed.parts}|${listed.entries.map((e) => items[e.at]).join("")}`)];
      continue;
    }
    let href: Href = relativeHref("index.html");
    const p = make((from) => (href = relativeHref(from)));
    yield page(p, href);
  }
}

/** Every file of the site but the search index. */
export function* siteFiles(input: SiteInput): Generator<SiteFile> {
  const { model, settings } = input;
  const sitemap: SitemapPage[] = [];
  const page = (p: Page, href: Href): SiteFile => {
    if (!p.noindex) sitemap.push({ path: p.path, lastmod: newestDate(p.main) });
    return [p.path, renderPage(p, settings, href)];
  };
  const descriptionOf = (e: SiteEntry) => input.rendered[e.at]!.description;
  yield page(homePage({ model, settings, overview: input.overview, descriptionOf, charts: input.charts.images }, relativeHref("index.html")), relativeHref("index.html"));
  const { related } = input;
  const linkedFrom = backlinks(model, (e) => input.rendered[e.at]!.links);
  const items = itemTexts(model);
  for (const entry of model.entries) {
    const href = relativeHref(entry.page);
    const pageInput = { entry, rendered: input.rendered[entry.at]!, related: related[entry.at]!, linkedFrom: linkedFrom[entry.at]!, model };
    // What the page shows of other entries is all dated by entry lists: its newest date without making it.
    sitemap.push({ path: entry.page, lastmod: [entry, ...pageInput.related, ...pageInput.linkedFrom].reduce((d, e) => (e.meta.date > d ? e.meta.date : d), "") });
    yield [entry.page, () => renderPage(entryPage(pageInput, href), settings, href), entryPageKey(pageInput, items)];
  }
  yield* listFiles(input, items, page, sitemap);
  const root = rootPath(settings);
  const fromRoot: Href = (target) => root + target;
  yield [`404.html`, renderPage(notFoundPage()(() => fromRoot), settings, fromRoot)];
  if (settings.baseUrl) {
    yield* feeds(input, settings.baseUrl);
    yield* sitemaps(settings.baseUrl, sitemap);
  }
  yield ["robots.txt", robotsTxt(settings.baseUrl)];
  yield ["assets/site.css", SITE_CSS];
  yield ["assets/icon.svg", ICON_SVG];
  yield* input.charts.files;
  yield* input.assets;
}
