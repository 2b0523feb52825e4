// The site's settings: nexus.config.json's "site" object and the command's flags.
// A wrong value is an error naming the key.
import { UsageError, UserError } from "../errors.js";
import type { JournalConfig } from "../journal/config.js";
import { cleanLine } from "./text.js";

export interface SiteSettings {
  title: string;
  /** The home page's description, one line. */
  description: string;
  /** The author of the feed (Atom requires one). */
  author: string;
  /** The site's absolute URL with a trailing slash (`https://me.github.io/repo/`); undefined: none known. */
  baseUrl: string | undefined;
  /** The authority of the feed's `tag:` ids: never the site's URL, so ids outlive a move. */
  feedAuthority: string;
  /** Markdown of the home page's overview. */
  overview: string;
}

const DNS_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A site URL as given: http(s), absolute, with no query or fragment; returned with a trailing slash. */
export function checkBaseUrl(value: string, label: string): string {
  // A bad flag is a usage error (exit 2); a bad value in the config, a user error.
  const Wrong = label.startsWith("--") ? UsageError : UserError;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Wrong(`${label} must be an absolute URL such as https://me.github.io/journal/, not "${cleanLine(value)}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Wrong(`${label} must be an http or https URL, not "${cleanLine(value)}"`);
  if (url.search || url.hash || url.username || url.password) throw new Wrong(`${label} must have no query, fragment or password: "${cleanLine(value)}"`);
  const href = url.href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** Whether a line shows anything: not only spaces, format characters (zero-width, bidi) and marks. */
const visible = (line: string) => /[^\s\p{Cf}\p{M}]/u.test(line);

function text(site: Record<string, unknown>, key: string, fallback: string): string {
  const value = site[key];
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !visible(cleanLine(value))) throw new UserError(`nexus.config.json: "site.${key}" must be a non-empty string`);
  return value;
}

/** The settings from the config, the flag `--base-url` winning over "site.url". */
export function siteSettings(config: JournalConfig, flags: { baseUrl?: string | undefined }): SiteSettings {
  const raw = config.site ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new UserError('nexus.config.json: "site" must be an object');
  const site = raw as Record<string, unknown>;
  // The README's title is the journal's name too, until the site is given one of its own.
  const readmeTitle = typeof config.readme.title === "string" ? cleanLine(config.readme.title) : "";
  const title = cleanLine(text(site, "title", visible(readmeTitle) ? readmeTitle : "Learning journal"));
  const authority = text(site, "feedAuthority", "nexus-journal.invalid").toLowerCase();
  if (!DNS_NAME.test(authority)) throw new UserError(`nexus.config.json: "site.feedAuthority" must be a domain name such as example.org, not "${cleanLine(authority)}"`);
  const url = flags.baseUrl ?? (site.url === undefined ? undefined : text(site, "url", ""));
  const overview = typeof config.readme.overview === "string" ? config.readme.overview : "";
  return {
    title,
    description: cleanLine(text(site, "description", `${title}: what was learned, entry by entry.`)),
    author: cleanLine(text(site, "author", title)),
    baseUrl: url === undefined ? undefined : checkBaseUrl(url, flags.baseUrl !== undefined ? "--base-url" : 'nexus.config.json: "site.url"'),
    feedAuthority: authority,
    overview: text(site, "overview", overview),
  };
}
