// nexus build-site run as a user runs it, on a 52-entry journal: valid HTML, links
// that all lead somewhere under /repo/ and under /, every entry within 3 clicks,
// metadata on every page, the feeds and the sitemap, the same bytes twice, and
// rebuilds that write only what changed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTree, entryText, runCli, tempDir } from "../helpers.js";
import { buildFixtureSite, HOSTILE_TITLE, type BuiltSite } from "./fixture.js";
import { brokenLinks, hasXmllint, linksOf, pagesOf, walk } from "./site-files.js";

let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite();
}, 120_000);

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");

describe("the pages", () => {
  it("are valid HTML (html-validate, recommended rules)", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });
    const errors: string[] = [];
    // Every kind of page (the pages of a kind share their markup: 70 ms a page, a few of each), and the entries of strangers and of links.
    const pages = pagesOf(site.repo);
    const kinds = new Map<string, string[]>();
    for (const rel of pages) kinds.set(rel.replace(/[^/]*$/, ""), [...(kinds.get(rel.replace(/[^/]*$/, "")) ?? []), rel]);
    const chosen = [...kinds].flatMap(([folder, list]) => (folder === "" ? list : list.slice(0, 3)));
    chosen.push(...pages.filter((p) => /hostile|links|code/.test(p)));
    expect(chosen.length).toBeGreaterThan(15);
    for (const rel of new Set(chosen)) {
      const report = await validator.validateString(read(site.repo, rel), rel);
      for (const r of report.results) for (const m of r.messages) errors.push(`${rel}:${m.line}: ${m.ruleId}: ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it("link only to files and ids that exist, under /repo/ and under /", () => {
    expect(brokenLinks(site.repo, "/repo/")).toEqual([]);
    expect(brokenLinks(site.root, "/")).toEqual([]);
    // The same check finds a broken link.
    const copy = tempDir();
    fs.cpSync(site.root, copy, { recursive: true });
    fs.rmSync(path.join(copy, "topics.html"));
    expect(brokenLinks(copy, "/").length).toBeGreaterThan(0);
  });

  it("reach every entry from the home page in at most 3 clicks, without JavaScript", () => {
    const depth = new Map([["index.html", 0]]);
    const queue = ["index.html"];
    while (queue.length) {
      const rel = queue.shift()!;
      if (depth.get(rel)! >= 3) continue;
      for (const link of linksOf(read(site.root, rel))) {
        const url = new URL(link, new URL(rel, "http://s.test/"));
        const target = url.pathname.slice(1);
        if (url.origin !== "http://s.test" || !target.endsWith(".html") || depth.has(target)) continue;
        depth.set(target, depth.get(rel)! + 1);
        queue.push(target);
      }
    }
    const entries = pagesOf(site.root).filter((p) => p.startsWith("entries/"));
    expect(entries.length).toBe(52);
    expect(entries.filter((p) => !depth.has(p))).toEqual([]);
  });

  it("each have a unique title and description, a canonical link, OpenGraph tags and an icon", () => {
    const titles = new Map<string, string>();
    const descriptions = new Map<string, string>();
    for (const rel of pagesOf(site.repo).filter((p) => p !== "404.html")) {
      const html = read(site.repo, rel);
      const title = html.match(/<title>([^<]*)<\/title>/)![1]!;
      const description = html.match(/<meta name="description" content="([^"]*)">/)![1]!;
      expect(titles.get(title), `${rel} and ${titles.get(title)} share "${title}"`).toBeUndefined();
      titles.set(title, rel);
      if (rel.startsWith("entries/")) {
        expect(descriptions.get(description), `${rel}: "${description}"`).toBeUndefined();
        descriptions.set(description, rel);
      }
      const canonical = `https://example.github.io/repo/${rel === "index.html" ? "" : rel}`;
      expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
      for (const tag of ["og:title", "og:description", "og:type", `og:url" content="${canonical}`]) expect(html).toContain(`<meta property="${tag}`);
      expect(html).toMatch(/<link rel="icon" href="[^"]*assets\/icon.svg"/);
      expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    }
  });

  it("keep 404.html styled at any depth: its links start from the site's root path", () => {
    const html = read(site.repo, "404.html");
    expect(html).toContain('href="/repo/assets/site.css"');
    expect(html).toContain('src="/repo/assets/site.js"');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });

  it("show a hostile entry as text: no script, event attribute or javascript: link of its own", () => {
    const rel = pagesOf(site.repo).find((p) => p.includes("hostile"))!;
    const html = read(site.repo, rel);
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).not.toMatch(/<(img|svg|iframe|div)[^>]*\son\w+=/i);
    expect(html.toLowerCase()).not.toMatch(/(href|src|action)="\s*javascript:/);
    expect([...html.matchAll(/<script/g)]).toHaveLength(2);
    expect(html).not.toMatch(/[\u0007\u202e]/);
    expect(HOSTILE_TITLE).toContain("onerror");
  });

  it("link an entry to the entry it links to, and back", () => {
    const links = read(site.repo, pagesOf(site.repo).find((p) => p.includes("-links"))!);
    const retry = pagesOf(site.repo).find((p) => p.includes("retrying-celery-tasks"))!;
    expect(links).toContain(`<a href="../${retry}">retrying Celery tasks</a>`);
    expect(links).toContain("<a>the README</a>");
    expect(links).toContain('<span class="hljs-keyword">def</span>');
    expect(read(site.repo, retry)).toMatch(/Linked from[^]*Reading the relevance notes/);
  });
});

describe("the feeds, the sitemap and robots.txt", () => {
  it.skipIf(!hasXmllint)("are well-formed under xmllint", () => {
    const xml = walk(site.repo).filter((f) => f.endsWith(".xml"));
    expect(xml.length).toBeGreaterThan(3);
    expect(() => execFileSync("xmllint", ["--noout", ...xml], { stdio: "pipe" })).not.toThrow();
  });

  it("keep the feed's ids when the site's URL changes", () => {
    const ids = (dir: string) => [...read(dir, "feed.xml").matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]);
    expect(ids(site.repo).length).toBe(51);
    expect(ids(site.repo)).toEqual(ids(site.root));
    expect(read(site.root, "feed.xml")).toContain('<link rel="self" type="application/atom+xml" href="https://example.org/feed.xml"/>');
  });

  it("list every entry with its date in the sitemap, which robots.txt names", () => {
    const sitemap = read(site.repo, "sitemap.xml");
    for (const rel of pagesOf(site.repo).filter((p) => p.startsWith("entries/"))) expect(sitemap).toMatch(new RegExp(`<loc>https://example.github.io/repo/${rel}</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>`));
    expect(sitemap).not.toContain("404.html");
    expect(read(site.repo, "robots.txt")).toContain("Sitemap: https://example.github.io/repo/sitemap.xml");
  });
});

describe("building again", () => {
  it("gives the same bytes, and writes nothing when nothing changed", async () => {
    const again = path.join(site.journal, "site-again");
    await runCli(["build-site", "--out", again, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    const files = walk(site.repo).map((f) => path.relative(site.repo, f)).sort();
    expect(walk(again).map((f) => path.relative(again, f)).sort()).toEqual(files);
    for (const f of files) expect(fs.readFileSync(path.join(again, f)).equals(fs.readFileSync(path.join(site.repo, f))), f).toBe(true);
    const r = await runCli(["build-site", "--out", again, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
  });

  it("after an entry is added, writes its page and the few pages that show it", async () => {
    const out = path.join(site.journal, "site-again");
    fs.writeFileSync(path.join(site.journal, "entries", "2026-12-01-new.md"), entryText({ title: "A new thing", topic: "Testing", date: "2026-12-01", tags: ["new"], takeaway: "Something new." }));
    const r = await runCli(["build-site", "--out", out, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    const written = Number(r.stdout.match(/\((\d+) written/)![1]);
    expect(written).toBeGreaterThan(5);
    expect(written).toBeLessThan(60);
    // An older entry's title changes too: every page that shows it is made again, as a build from nothing makes it.
    const older = path.join(site.journal, "entries", fs.readdirSync(path.join(site.journal, "entries")).sort()[3]!);
    const text = fs.readFileSync(older, "utf8");
    fs.writeFileSync(older, text.replace(/^title: .*$/m, "title: Retitled for the test"));
    await runCli(["build-site", "--out", out, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    const fresh = path.join(tempDir(), "fresh");
    await runCli(["build-site", "--out", fresh, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    const files = walk(fresh).map((f) => path.relative(fresh, f)).sort();
    expect(walk(out).map((f) => path.relative(out, f)).sort()).toEqual(files);
    for (const f of files.filter((f) => f !== ".nexus-site.json")) expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(fresh, f))), f).toBe(true);
    // Its page, its topic's, its month's, the feeds...
    expect(files.filter((f) => fs.readFileSync(path.join(out, f), "utf8").includes("Retitled for the test")).length).toBeGreaterThan(3);
    fs.writeFileSync(older, text);
    fs.rmSync(path.join(site.journal, "entries", "2026-12-01-new.md"));
    const back = await runCli(["build-site", "--out", out, "--base-url", "https://example.github.io/repo/"], { cwd: site.journal, timeoutMs: 60_000 });
    expect(back.stdout).toMatch(/ removed\)/);
    expect(fs.existsSync(path.join(out, "entries", "2026-12-01-new.html"))).toBe(false);
  });
});

describe("bad input", () => {
  const journal = () => makeTree({ "nexus.config.json": "{}", "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01" }) });

  it("refuses a bad --base-url as a usage error naming the flag", async () => {
    const r = await runCli(["build-site", "--base-url", "ftp://x/"], { cwd: journal() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--base-url must be an http or https URL");
  });

  it("writes nothing into a folder of other files, or over the journal", async () => {
    const dir = journal();
    fs.mkdirSync(path.join(dir, "other"));
    fs.writeFileSync(path.join(dir, "other", "keep.txt"), "mine");
    const r = await runCli(["build-site", "--out", "other"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("holds files that nexus did not write");
    expect(fs.readdirSync(path.join(dir, "other"))).toEqual(["keep.txt"]);
    const over = await runCli(["build-site", "--out", "."], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("would mix the site with the journal's own files");
  });

  it("builds without a base URL, leaving out the feeds, the sitemap and canonical links", async () => {
    const dir = journal();
    const r = await runCli(["build-site"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "site", "index.html"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "site", "feed.xml"))).toBe(false);
    expect(read(path.join(dir, "site"), "index.html")).not.toContain("canonical");
    expect(brokenLinks(path.join(dir, "site"), "/")).toEqual([]);
  });
});
