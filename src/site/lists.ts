// The pages that list entries: topics, tags, the timeline by month, the featured
// challenges; and the search and 404 pages. A long list is cut into pages of
// LIST_PAGE entries, each linked from the first.
import type { Href, Page } from "./layout.js";
import { pagedPath, type Group, type Month, type SiteEntry, type SiteModel } from "./model.js";
import { entryList, feedPathOf, plural } from "./pages.js";
import { htmlLine } from "./text.js";

export const LIST_PAGE = 250;
/** How many of the newest entries the featured page shows when none is featured. */
const UNFEATURED_SHOWN = 30;

function pager(stem: string, count: number, current: number, href: Href): string {
  if (count <= 1) return "";
  const links = Array.from({ length: count }, (_, i) =>
    i + 1 === current ? `<li><span aria-current="page">${i + 1}</span></li>` : `<li><a href="${href(pagedPath(stem, i + 1))}">${i + 1}</a></li>`,
  );
  return `<nav class="pager" aria-label="Pages">\n<ul>\n${links.join("\n")}\n</ul>\n</nav>`;
}

type PageMaker = (hrefFrom: (from: string) => Href) => Page;

/**
 * A page of the site but the entry pages and the home page. A page of a list of entries
 * is known before it is made: its path, its entries, and the rest it is made from as
 * text (`parts`), so that a build makes it only when one of them changed.
 */
export interface ListPage {
  make: PageMaker;
  listed?: { path: string; entries: readonly SiteEntry[]; parts: string };
}

/** A list of entries over as many pages as it takes: `stem.html`, `stem.p2.html`... */
function pagedList(stem: string, heading: string, intro: string, list: readonly SiteEntry[], description: string, extra: Partial<Page> = {}): ListPage[] {
  const count = Math.max(1, Math.ceil(list.length / LIST_PAGE));
  return Array.from({ length: count }, (_, i) => {
    const path = pagedPath(stem, i + 1);
    const entries = list.slice(i * LIST_PAGE, (i + 1) * LIST_PAGE);
    const make: PageMaker = (hrefFrom) => {
      const href = hrefFrom(path);
      const title = count > 1 ? `${heading} (page ${i + 1} of ${count})` : heading;
      const main = [`<h1>${htmlLine(title)}</h1>`, intro, entryList(entries, href), pager(stem, count, i + 1, href)];
      return { path, title, description: count > 1 ? `${description} Page ${i + 1} of ${count}.` : description, main: main.filter(Boolean).join("\n"), ...extra };
    };
    return { make, listed: { path, entries, parts: JSON.stringify([path, heading, intro, description, extra, i, count]) } };
  });
}

/** A list page made otherwise: `replace` its text once made. */
const changed = (page: ListPage, replace: (page: Page, hrefFrom: (from: string) => Href) => string): ListPage => ({
  ...page,
  make: (hrefFrom) => {
    const made = page.make(hrefFrom);
    return { ...made, main: replace(made, hrefFrom) };
  },
});

function groupIndex(path: string, heading: string, description: string, groups: readonly Group[]): PageMaker {
  return (hrefFrom) => {
    const href = hrefFrom(path);
    const items = groups.map((g) => `<li><a href="${href(g.page)}">${htmlLine(g.name)}</a> <span class="count">${g.entries.length}</span></li>`);
    const main = `<h1>${heading}</h1>\n${groups.length ? `<ul class="groups">\n${items.join("\n")}\n</ul>` : "<p>None yet.</p>"}`;
    return { path, title: heading, description, main };
  };
}

/** Every page that lists entries, as makers given the page's links. */
export function listPages(model: SiteModel, withFeeds: boolean): ListPage[] {
  const out: ListPage[] = [];
  out.push({ make: groupIndex("topics.html", "Topics", `All ${plural(model.topics.length, "topic")} of the journal, with how many entries each has.`, model.topics) });
  out.push({ make: groupIndex("tags.html", "Tags", `All ${plural(model.tags.length, "tag")} of the journal, with how many entries each has.`, model.tags) });
  for (const t of model.topics) {
    const feed = feedPathOf(t);
    const intro = `<p>${plural(t.entries.length, "entry", "entries")}, newest first.${withFeeds ? ' <a href="__FEED__">Feed of this topic</a>.' : ""}</p>`;
    for (const page of pagedList(t.page.replace(/\.html$/, ""), `Topic: ${t.name}`, intro, t.entries, `Entries of the topic ${t.name}: ${plural(t.entries.length, "entry", "entries")}.`, { feeds: [[`${t.name} (feed)`, feed]] })) {
      out.push(changed(page, (made, hrefFrom) => made.main.replace("__FEED__", hrefFrom(made.path)(feed))));
    }
  }
  for (const t of model.tags) {
    out.push(...pagedList(t.page.replace(/\.html$/, ""), `Tag: ${t.name}`, `<p>${plural(t.entries.length, "entry", "entries")}, newest first.</p>`, t.entries, `Entries tagged ${t.name}: ${plural(t.entries.length, "entry", "entries")}.`));
  }
  out.push({ make: timelinePage(model) });
  for (const month of model.months) month.pages.forEach((_, i) => out.push(monthPage(month, i)));
  // With none featured, the newest only: the timeline has them all (a list of every entry would change, page after page, with every entry added).
  const featuredIntro = model.featured.explicit
    ? "<p>The challenges marked <code>featured: true</code>, newest first.</p>"
    : `<p>No entry is featured yet (<code>featured: true</code> in an entry's frontmatter, or <code>nexus edit --featured</code>). The newest entries follow; the <a href="__TIMELINE__">timeline</a> has them all.</p>`;
  const featured = model.featured.explicit ? model.featured.entries : model.featured.entries.slice(0, UNFEATURED_SHOWN);
  for (const page of pagedList("featured", "Featured challenges", featuredIntro, featured, "The featured challenges of the journal: the problems, and how they were solved.")) {
    out.push(changed(page, (made, hrefFrom) => made.main.replace("__TIMELINE__", hrefFrom(made.path)("timeline.html"))));
  }
  return out;
}

/** Page `i` of a month's entries. */
function monthPage(month: Month, i: number): ListPage {
  const p = month.pages[i]!;
  const make: PageMaker = (hrefFrom) => {
    const href = hrefFrom(p.page);
    const title = month.pages.length > 1 ? `${month.label} (page ${i + 1} of ${month.pages.length})` : month.label;
    const others = month.pages.length > 1 ? `<nav class="pager" aria-label="Pages">\n<ul>\n${month.pages.map((q, k) => (k === i ? `<li><span aria-current="page">${k + 1}</span></li>` : `<li><a href="${href(q.page)}">${k + 1}</a></li>`)).join("\n")}\n</ul>\n</nav>` : "";
    const main = `<h1>${htmlLine(title)}</h1>\n<p><a href="${href("timeline.html")}">All months</a></p>\n${entryList(p.entries, href)}\n${others}`;
    return { path: p.page, title, description: `Entries of ${month.label}${month.pages.length > 1 ? `, page ${i + 1} of ${month.pages.length}` : ""}.`, main };
  };
  return { make, listed: { path: p.page, entries: p.entries, parts: JSON.stringify([p.page, month.label, i, month.pages.map((q) => q.page)]) } };
}

/** Every month, with a link to each of its pages: every entry is two clicks from here. */
function timelinePage(model: SiteModel): PageMaker {
  return (hrefFrom) => {
    const href = hrefFrom("timeline.html");
    const years = new Map<string, string[]>();
    for (const m of model.months) {
      const count = m.pages.reduce((s, p) => s + p.entries.length, 0);
      const pages = m.pages.length > 1 ? ` (pages ${m.pages.map((p, i) => `<a href="${href(p.page)}">${i + 1}</a>`).join(", ")})` : "";
      const item = `<li><a href="${href(m.pages[0]!.page)}">${m.label}</a> <span class="count">${count}</span>${pages}</li>`;
      const year = m.key.slice(0, 4);
      years.set(year, [...(years.get(year) ?? []), item]);
    }
    const sections = [...years.entries()].map(([year, items]) => `<section aria-labelledby="y-${year}">\n<h2 id="y-${year}">${year}</h2>\n<ul class="months">\n${items.join("\n")}\n</ul>\n</section>`);
    const main = `<h1>Timeline</h1>\n<p>${plural(model.entries.length, "entry", "entries")}, month by month, newest first.</p>\n${sections.join("\n") || "<p>No entries yet.</p>"}`;
    return { path: "timeline.html", title: "Timeline", description: `Every entry of the journal, month by month: ${plural(model.entries.length, "entry", "entries")}.`, main };
  };
}

/** The search page: results when JavaScript runs; without it, where else to look. */
export function searchPage(): PageMaker {
  return (hrefFrom) => {
    const href = hrefFrom("search.html");
    const main = `<h1>Search</h1>
<div id="search-page" class="search-page" data-root="${href("")}">
<p class="no-js">Search runs in your browser with JavaScript, which is off or still loading. Every entry is also listed by <a href="${href("topics.html")}">topic</a>, by <a href="${href("tags.html")}">tag</a> and by <a href="${href("timeline.html")}">month</a>.</p>
<p class="syntax">Type words in the box at the top of the page: every word must match, in any form (cache, caching) and with a typo or two. <code>"exact phrase"</code>, <code>-word</code> to leave out, <code>topic:Name</code>, <code>tag:name</code>, <code>since:2024-01-01</code> and <code>until:2024-12-31</code> narrow it down, as in <code>nexus search</code>.</p>
</div>`;
    return { path: "search.html", title: "Search", description: "Search the journal: the same words, syntax and ranking as nexus search in the terminal.", main };
  };
}

/** The page for a path that does not exist; it is served at any depth, so its links start from the site's root path. */
export function notFoundPage(): PageMaker {
  return (hrefFrom) => {
    const href = hrefFrom("404.html");
    const main = `<h1>Page not found</h1>
<p>There is no page at this address. It may have moved: the journal's entries are all on the <a href="${href("timeline.html")}">timeline</a>, by <a href="${href("topics.html")}">topic</a> and by <a href="${href("tags.html")}">tag</a>, or start from the <a href="${href("index.html")}">home page</a>.</p>`;
    return { path: "404.html", title: "Page not found", description: "There is no page at this address.", main, noindex: true };
  };
}
