// The Atom feed (RFC 4287), written by hand: escaped text without the characters
// XML 1.0 cannot hold, RFC 3339 dates, an author, a self link, at most FEED_SIZE
// entries, and `tag:` ids (RFC 4151) made of the entry's date and file name, never
// of the site's URL, so that moving the site does not make readers see every entry
// again. The feed's `updated` is its newest entry's: the same journal gives the same bytes.
import { createHash } from "node:crypto";
import type { SiteEntry } from "./model.js";
import type { SiteSettings } from "./settings.js";
import { cleanLine, cleanText } from "./text.js";

export const FEED_SIZE = 50;

/** Text as XML character data or attribute value. */
export function xmlEscape(text: string): string {
  return cleanText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * An entry's `updated`: its date, at a time of day taken from a hash of its path
 * (entries know their day only; two entries of one day would otherwise share the
 * same instant, which feed validators warn about). The same path, the same time.
 */
export function entryInstant(e: SiteEntry): string {
  const seconds = createHash("sha256").update(e.meta.path).digest().readUInt32BE(0) % 86_400;
  const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return `${e.meta.date}T${hms}Z`;
}

export const tagId = (settings: SiteSettings, date: string, specific: string) => `tag:${settings.feedAuthority},${date}:${specific}`;

export interface FeedInput {
  settings: SiteSettings & { baseUrl: string };
  /** The feed's own path in the site, and its title. */
  path: string;
  title: string;
  /** The page it is the feed of. */
  alternate: string;
  /** Entries newest first (the first FEED_SIZE are taken). */
  entries: readonly SiteEntry[];
  /** An entry's content as HTML with absolute links, and its summary. */
  contentOf: (e: SiteEntry) => { html: string; summary: string };
  /** The `tag:` id's specific part for the feed itself. */
  feedKey: string;
}

function entryXml(e: SiteEntry, input: FeedInput): string {
  const { settings } = input;
  const { html, summary } = input.contentOf(e);
  const categories = [e.topic.name, ...e.tags.map((t) => t.name)].map((c) => `<category term="${xmlEscape(cleanLine(c))}"/>`);
  return [
    "<entry>",
    `<title>${xmlEscape(cleanLine(e.meta.title))}</title>`,
    `<id>${xmlEscape(tagId(settings, e.meta.date, `entries/${e.slug}`))}</id>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(settings.baseUrl + e.page)}"/>`,
    `<published>${entryInstant(e)}</published>`,
    `<updated>${entryInstant(e)}</updated>`,
    ...categories,
    `<summary>${xmlEscape(summary)}</summary>`,
    `<content type="html">${xmlEscape(html)}</content>`,
    "</entry>",
  ].join("\n");
}

/** The feed as text; undefined for no entries (a feed needs an `updated`). */
export function atomFeed(input: FeedInput): string | undefined {
  const { settings } = input;
  const entries = input.entries.slice(0, FEED_SIZE);
  if (!entries.length) return undefined;
  const updated = entries.map(entryInstant).reduce((a, b) => (a > b ? a : b));
  const oldest = input.entries[input.entries.length - 1]!.meta.date;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<title>${xmlEscape(cleanLine(input.title))}</title>`,
    `<id>${xmlEscape(tagId(settings, oldest, input.feedKey))}</id>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xmlEscape(settings.author)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(settings.baseUrl + input.path)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(settings.baseUrl + (input.alternate === "index.html" ? "" : input.alternate))}"/>`,
    '<generator uri="https://www.npmjs.com/package/nexus-journal">nexus</generator>',
    ...entries.map((e) => entryXml(e, input)),
    "</feed>",
    "",
  ].join("\n");
}
