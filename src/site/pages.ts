// The home page and the entry pages.
import type { Href, Page } from "./layout.js";
import { resolveEntryLinks } from "./markdown.js";
import { neighbours, type Group, type SiteEntry, type SiteModel } from "./model.js";
import type { SiteSettings } from "./settings.js";
import { htmlLine } from "./text.js";

export const SECTIONS = [
  ["challenge", "Challenge"],
  ["solution", "Solution"],
  ["takeaway", "Takeaway"],
  ["notes", "Notes"],
] as const;
export type SectionName = (typeof SECTIONS)[number][0];

/** An entry's body as the site shows it: each section as safe HTML, a description, the entries it links to. */
export interface RenderedEntry {
  /** A digest of what it was rendered from (render.ts renderKey). */
  key: string;
  sections: Partial<Record<SectionName, string>>;
  /** One line, for the meta description and the lists. */
  description: string;
  /** Journal paths of the entry files its text links to. */
  links: string[];
  /** The keys of its highlighted code in the render cache. */
  codes: string[];
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** One entry in a list: its title as a link, its date and topic. */
export function entryItem(e: SiteEntry, href: Href, description?: string): string {
  const about = description ? `<br><span class="about">${htmlLine(description)}</span>` : "";
  return `<li><a href="${href(e.page)}">${htmlLine(e.meta.title)}</a> <span class="meta"><time datetime="${e.meta.date}">${e.meta.date}</time> · ${htmlLine(e.topic.name)}</span>${about}</li>`;
}

export const entryList = (list: readonly SiteEntry[], href: Href, descriptionOf?: (e: SiteEntry) => string): string =>
  `<ul class="entries">\n${list.map((e) => entryItem(e, href, descriptionOf?.(e))).join("\n")}\n</ul>`;

const groupLink = (g: Group, href: Href) => `<a href="${href(g.page)}">${htmlLine(g.name)}</a>`;

export interface EntryPageInput {
  entry: SiteEntry;
  rendered: RenderedEntry;
  related: readonly SiteEntry[];
  linkedFrom: readonly SiteEntry[];
  model: SiteModel;
}

/** An entry's page: its sections, date, topic and tags, its neighbours in its topic, entries like it and those that link to it. */
export function entryPage({ entry, rendered, related, linkedFrom, model }: EntryPageInput, href: Href): Page {
  const m = entry.meta;
  const tags = entry.tags.length ? ` · <span class="tags">${entry.tags.map((t) => groupLink(t, href)).join(" ")}</span>` : "";
  const toEntry = (path: string) => {
    const target = model.byPath.get(path);
    return target ? href(target.page) : undefined;
  };
  const sections = SECTIONS.filter(([key]) => rendered.sections[key]).map(
    ([key, label]) => `<section class="section-${key}" aria-labelledby="h-${key}">\n<h2 id="h-${key}">${label}</h2>\n${resolveEntryLinks(rendered.sections[key]!, toEntry)}\n</section>`,
  );
  const { older, newer } = neighbours(entry);
  const around = [
    older ? `<a rel="prev" href="${href(older.page)}"><span class="dir">Older in ${htmlLine(entry.topic.name)}</span> ${htmlLine(older.meta.title)}</a>` : "",
    newer ? `<a rel="next" href="${href(newer.page)}"><span class="dir">Newer in ${htmlLine(entry.topic.name)}</span> ${htmlLine(newer.meta.title)}</a>` : "",
  ].filter(Boolean);
  const more = [
    related.length ? `<section aria-labelledby="h-related">\n<h2 id="h-related">Earlier entries like this</h2>\n${entryList(related, href)}\n</section>` : "",
    linkedFrom.length ? `<section aria-labelledby="h-backlinks">\n<h2 id="h-backlinks">Linked from</h2>\n${entryList(linkedFrom, href)}\n</section>` : "",
  ].filter(Boolean);
  const main = [
    `<article class="entry">`,
    `<h1>${htmlLine(m.title)}</h1>`,
    `<p class="meta"><time datetime="${m.date}">${m.date}</time> · ${groupLink(entry.topic, href)}${tags}${m.featured ? ' · <span class="badge">featured</span>' : ""}</p>`,
    ...sections,
    `</article>`,
    around.length ? `<nav class="around" aria-label="In this topic">\n${around.join("\n")}\n</nav>` : "",
    ...more,
  ].filter(Boolean);
  return { path: entry.page, title: m.title, description: rendered.description || m.title, main: main.join("\n"), type: "article", feeds: [[`${entry.topic.name} (feed)`, feedPathOf(entry.topic)]] };
}

export const feedPathOf = (topic: Group) => topic.page.replace(/\.html$/, ".xml");

export interface HomeInput {
  model: SiteModel;
  settings: SiteSettings;
  overview: string;
  descriptionOf: (e: SiteEntry) => string;
  charts: { path: string; alt: string }[];
}

const HOME_NEWEST = 10;
const HOME_FEATURED = 6;
const HOME_TOPICS = 30;

/** The home page: the title, the overview, featured challenges, the newest entries, the topics with counts and the charts. */
export function homePage({ model, settings, overview, descriptionOf, charts }: HomeInput, href: Href): Page {
  const n = model.entries.length;
  const topics = [...model.topics].sort((a, b) => b.entries.length - a.entries.length || (a.slug < b.slug ? -1 : 1)).slice(0, HOME_TOPICS);
  const featured = model.featured.explicit ? model.featured.entries.slice(0, HOME_FEATURED) : [];
  const parts = [
    `<h1>${htmlLine(settings.title)}</h1>`,
    overview ? `<div class="overview">\n${overview}\n</div>` : "",
    `<p class="counts">${plural(n, "entry", "entries")} in ${plural(model.topics.length, "topic")}, with ${plural(model.tags.length, "tag")}.</p>`,
    featured.length
      ? `<section aria-labelledby="h-featured">\n<h2 id="h-featured">Featured challenges</h2>\n${entryList(featured, href, descriptionOf)}\n<p><a href="${href("featured.html")}">All featured challenges</a></p>\n</section>`
      : "",
    n
      ? `<section aria-labelledby="h-newest">\n<h2 id="h-newest">Newest entries</h2>\n${entryList(model.entries.slice(0, HOME_NEWEST), href, descriptionOf)}\n<p><a href="${href("timeline.html")}">Every entry, month by month</a></p>\n</section>`
      : `<p>No entries yet: add one with <code>nexus add</code>.</p>`,
    topics.length
      ? `<section aria-labelledby="h-topics">\n<h2 id="h-topics">Topics</h2>\n<ul class="groups">\n${topics.map((t) => `<li>${groupLink(t, href)} <span class="count">${t.entries.length}</span></li>`).join("\n")}\n</ul>\n<p><a href="${href("topics.html")}">All ${plural(model.topics.length, "topic")}</a></p>\n</section>`
      : "",
    charts.length
      ? `<section aria-labelledby="h-charts">\n<h2 id="h-charts">Activity</h2>\n${charts.map((c) => `<figure><img src="${href(c.path)}" alt="${htmlLine(c.alt)}"></figure>`).join("\n")}\n</section>`
      : "",
  ];
  return { path: "index.html", title: settings.title, description: settings.description, main: parts.filter(Boolean).join("\n") };
}
