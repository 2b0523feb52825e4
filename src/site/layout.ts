// The frame of every page: the head (a Content-Security-Policy that allows scripts
// from the site alone and the theme script by its hash, the canonical link,
// OpenGraph, the icon, the feed), the header with the search box, and the footer.
// Links are relative to the page, so one build works at `/`, under `/repo/` and
// from `file://`; only 404.html, which is served at any depth, links from the
// site's root path.
import { createHash } from "node:crypto";
import type { SiteSettings } from "./settings.js";
import { cleanLine, clipLine, escapeHtml, htmlLine } from "./text.js";

const TITLE_MAX = 70;

/** Applies a theme chosen with the toggle before the first paint (the system's is CSS alone). */
export const THEME_SCRIPT = 'try{var t=localStorage.getItem("nexus-theme");if(t==="dark"||t==="light")document.documentElement.setAttribute("data-theme",t)}catch(e){}';
const THEME_HASH = `sha256-${createHash("sha256").update(THEME_SCRIPT).digest("base64")}`;

export const CSP = [
  "default-src 'self'",
  `script-src 'self' '${THEME_HASH}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export interface Page {
  /** Relative to the site's root: `index.html`, `entries/x.html`. */
  path: string;
  /** The page's own title (the site's title is added). */
  title: string;
  description: string;
  /** Markup of <main>. */
  main: string;
  type?: "website" | "article";
  /** Feeds besides the site's own, as [title, path]. */
  feeds?: [string, string][];
  /** Not for search engines (the 404 page). */
  noindex?: boolean;
}

/** The link from a page to another file of the site: relative, or from the root path for 404.html. */
export type Href = (target: string) => string;

/** Relative links from the page at `from` (both relative to the site's root; "index.html" for the home page). */
export function relativeHref(from: string): Href {
  const depth = from.split("/").length - 1;
  const up = "../".repeat(depth);
  return (target) => up + target;
}

/** The site's root path, from its URL (`/repo/`), for 404.html. */
export function rootPath(settings: SiteSettings): string {
  return settings.baseUrl ? new URL(settings.baseUrl).pathname : "/";
}

/** The page's absolute URL: `index.html` as the folder. */
export function absoluteUrl(settings: SiteSettings, path: string): string | undefined {
  if (!settings.baseUrl) return undefined;
  return settings.baseUrl + (path === "index.html" ? "" : path.replace(/(^|\/)index\.html$/, "$1"));
}

const NAV: [string, string][] = [
  ["Topics", "topics.html"],
  ["Tags", "tags.html"],
  ["Timeline", "timeline.html"],
  ["Challenges", "featured.html"],
];

function head(page: Page, settings: SiteSettings, href: Href): string {
  // Search engines show about 60 characters of a title: a long one is cut, the site's name left off first.
  const full = page.path === "index.html" ? settings.title : `${cleanLine(page.title)} · ${settings.title}`;
  const title = full.length <= TITLE_MAX ? full : clipLine(page.title, TITLE_MAX);
  const url = page.noindex ? undefined : absoluteUrl(settings, page.path);
  const lines = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${htmlLine(title)}</title>`,
    `<meta name="description" content="${htmlLine(page.description)}">`,
    page.noindex ? '<meta name="robots" content="noindex">' : "",
    url ? `<link rel="canonical" href="${escapeHtml(url)}">` : "",
    `<meta property="og:title" content="${htmlLine(page.title)}">`,
    `<meta property="og:description" content="${htmlLine(page.description)}">`,
    `<meta property="og:type" content="${page.type ?? "website"}">`,
    `<meta property="og:site_name" content="${htmlLine(settings.title)}">`,
    url ? `<meta property="og:url" content="${escapeHtml(url)}">` : "",
    `<link rel="icon" href="${href("assets/icon.svg")}" type="image/svg+xml">`,
    ...(settings.baseUrl ? [[settings.title, "feed.xml"] as [string, string], ...(page.feeds ?? [])] : []).map(([t, p]) => `<link rel="alternate" type="application/atom+xml" title="${htmlLine(t)}" href="${href(p)}">`),
    `<link rel="stylesheet" href="${href("assets/site.css")}">`,
    `<script>${THEME_SCRIPT}</script>`,
    `<script src="${href("assets/site.js")}" defer></script>`,
  ];
  return lines.filter(Boolean).join("\n");
}

function header(settings: SiteSettings, href: Href): string {
  const nav = NAV.map(([label, target]) => `<a href="${href(target)}">${label}</a>`).join("\n");
  return `<header class="top">
<a class="brand" href="${href("index.html")}">${htmlLine(settings.title)}</a>
<nav aria-label="Site">
${nav}
</nav>
<form class="search" role="search" action="${href("search.html")}" method="get" data-root="${href("")}">
<label for="search-box" class="visually-hidden">Search the journal</label>
<input type="search" id="search-box" name="q" placeholder="Search (press /)" autocomplete="off" spellcheck="false">
<button type="submit" class="visually-hidden">Search</button>
<section class="search-results" id="search-results" aria-live="polite" aria-label="Search results" hidden></section>
</form>
<button type="button" class="theme-toggle" id="theme-toggle" hidden>Theme</button>
</header>`;
}

/** A whole page. */
export function renderPage(page: Page, settings: SiteSettings, href: Href): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head(page, settings, href)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header(settings, href)}
<main id="main">
${page.main}
</main>
<footer class="bottom">
<p>${settings.baseUrl ? `<a href="${href("feed.xml")}">Atom feed</a> · ` : ""}<a href="${href("timeline.html")}">All entries by month</a> · Made with <a href="https://www.npmjs.com/package/nexus-journal" rel="noopener">nexus</a></p>
</footer>
</body>
</html>
`;
}
