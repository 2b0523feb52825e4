// Reading a built site as files: its pages, their links and ids, for the link
// checks of the tests (no dependency: a page's links are its href and src values).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { toolsInstalled } from "../ci-tools.js";

export function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

/** The site's HTML pages, relative to its root, `/` separators. */
export const pagesOf = (site: string) =>
  walk(site)
    .filter((f) => f.endsWith(".html"))
    .map((f) => path.relative(site, f).split(path.sep).join("/"))
    .sort();

const decode = (s: string) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** The href and src values of a page (its own links, not those of text). */
export const linksOf = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));

const idsCache = new Map<string, Set<string>>();
const idsOf = (file: string) => {
  let ids = idsCache.get(file);
  if (!ids) idsCache.set(file, (ids = new Set([...fs.readFileSync(file, "utf8").matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]!)))));
  return ids;
};

/**
 * Every internal link of every page that points at no file, or at no id of its page:
 * links resolved as a browser would for the site served under `prefix` ("/repo/").
 */
export function brokenLinks(site: string, prefix: string): string[] {
  idsCache.clear();
  const broken: string[] = [];
  const origin = "http://site.test";
  for (const rel of pagesOf(site)) {
    const html = fs.readFileSync(path.join(site, rel), "utf8");
    const base = new URL(prefix + rel, origin);
    for (const link of linksOf(html)) {
      const url = new URL(link, base);
      if (url.origin !== origin) continue;
      if (!url.pathname.startsWith(prefix)) {
        broken.push(`${rel}: ${link} (outside ${prefix})`);
        continue;
      }
      const target = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
      const file = path.join(site, target.endsWith("/") ? `${target}index.html` : target);
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) broken.push(`${rel}: ${link}`);
      else if (url.hash && !idsOf(file).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${rel}: ${link} (no such id)`);
    }
  }
  return broken;
}

/** Whether xmllint (Debian's libxml2-utils, which .ci/run installs) is here; its checks are skipped, said so, where it is not. */
await toolsInstalled();
export const hasXmllint = (() => {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    console.warn("feed checks with xmllint skipped: apt-get install libxml2-utils");
    return false;
  }
})();
