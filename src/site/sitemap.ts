// sitemap.xml (with each page's lastmod: the newest entry it shows) and robots.txt.
// Past 50,000 addresses (the protocol's limit), sitemap.xml is an index of sitemap-N.xml files.
import { xmlEscape } from "./feed.js";

export const SITEMAP_LIMIT = 50_000;

export interface SitemapPage {
  path: string;
  /** `YYYY-MM-DD`; none for a page without entries. */
  lastmod: string | undefined;
}

const loc = (baseUrl: string, path: string) => xmlEscape(baseUrl + (path === "index.html" ? "" : path));

function urlset(baseUrl: string, pages: readonly SitemapPage[]): string {
  const urls = pages.map((p) => `<url><loc>${loc(baseUrl, p.path)}</loc>${p.lastmod ? `<lastmod>${p.lastmod}</lastmod>` : ""}</url>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, "</urlset>", ""].join("\n");
}

/** The sitemap files by path. */
export function sitemaps(baseUrl: string, pages: readonly SitemapPage[]): Map<string, string> {
  const files = new Map<string, string>();
  if (pages.length <= SITEMAP_LIMIT) {
    files.set("sitemap.xml", urlset(baseUrl, pages));
    return files;
  }
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i += SITEMAP_LIMIT) {
    const path = `sitemap-${i / SITEMAP_LIMIT + 1}.xml`;
    const chunk = pages.slice(i, i + SITEMAP_LIMIT);
    files.set(path, urlset(baseUrl, chunk));
    const last = chunk.map((p) => p.lastmod ?? "").reduce((a, b) => (a > b ? a : b), "");
    parts.push(`<sitemap><loc>${loc(baseUrl, path)}</loc>${last ? `<lastmod>${last}</lastmod>` : ""}</sitemap>`);
  }
  files.set("sitemap.xml", ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...parts, "</sitemapindex>", ""].join("\n"));
  return files;
}

export function robotsTxt(baseUrl: string | undefined): string {
  return `User-agent: *\nAllow: /\n${baseUrl ? `Sitemap: ${baseUrl}sitemap.xml\n` : ""}`;
}
