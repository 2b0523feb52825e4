// The site in a real browser: Debian's Chromium, headless, through playwright-core.
// Every kind of page loads with no console error and no failed request and passes
// axe-core's WCAG A and AA rules, light and dark; search works by typing, with typos
// and the query syntax, ranks as `nexus search` does, and works from file://; a
// hostile entry runs nothing; dark mode applies from the first paint; every page
// loads under /repo/ and under /. Skipped where Chromium is missing (.ci/run installs it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, hasChromium, launch, serve, stop, watchPage, type Browser, type Page, type Served } from "./browser.js";
import { buildFixtureSite, cliResults, QUERIES, type BuiltSite, type Ranked } from "./fixture.js";
import { THEME_SCRIPT } from "../../src/site/layout.js";
import { pagesOf } from "./site-files.js";

let site: BuiltSite;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let repo: Served;
let root: Served;

beforeAll(async () => {
  if (!hasChromium) return;
  site = await buildFixtureSite();
  ({ browser, close: closeBrowser } = await launch());
  repo = await serve(site.repo, "/repo/");
  root = await serve(site.root, "/");
}, 120_000);

afterAll(async () => {
  if (!hasChromium) return;
  await closeBrowser?.();
  if (repo) await stop(repo);
  if (root) await stop(root);
});

/** A page with its problems watched, in a fresh context (light or dark, JavaScript on or off). */
async function open(options: { dark?: boolean; js?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ colorScheme: options.dark ? "dark" : "light", javaScriptEnabled: options.js !== false });
  const page = await context.newPage();
  return { page, problems: watchPage(page) };
}

const TYPES = ["index.html", "entries/2026-01-12-fixing-n-1-queries-in-list-views.html", "topics.html", "topics/django.html", "tags.html", "timeline.html", "featured.html", "search.html?q=celery", "no/such/page/"];

describe.skipIf(!hasChromium)("the site in Chromium", () => {
  it.each([false, true])("every kind of page loads cleanly and passes axe-core (dark: %s)", async (dark) => {
    const { page, problems } = await open({ dark });
    const found: string[] = [];
    for (const rel of TYPES) {
      const response = await page.goto(repo.url + rel);
      expect(response!.status(), rel).toBe(rel.startsWith("no/") ? 404 : 200);
      await page.waitForLoadState("load");
      if (rel.startsWith("search")) await page.waitForSelector("#search-page-results li");
      found.push(...(await axeViolations(page)).map((v) => `${rel}: ${v}`));
      // The 404 page's own request fails by design; its style and script must not.
      const own = rel.startsWith("no/") ? problems.filter((p) => !p.includes("/no/such/page/") && !p.includes("status of 404")) : problems;
      expect(own, rel).toEqual([]);
      problems.length = 0;
    }
    expect(found).toEqual([]);
    const stylesheets = await page.evaluate(() => document.styleSheets.length);
    expect(stylesheets).toBe(1);
    await page.context().close();
  }, 90_000);

  it("is dark from the first paint when the system is, even without JavaScript, and the toggle's choice wins", async () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const { page } = await open({ dark: true, js: false });
    await page.goto(repo.url + "index.html", { waitUntil: "commit" });
    await page.waitForSelector("body");
    expect(await background(page)).toBe("rgb(13, 17, 23)");
    await page.context().close();
    const light = await open({ dark: true });
    await light.page.goto(repo.url + "index.html");
    await light.page.click("#theme-toggle");
    expect(await background(light.page)).toBe("rgb(255, 255, 255)");
    await light.page.goto(repo.url + "topics.html", { waitUntil: "commit" });
    await light.page.waitForSelector("body");
    expect(await background(light.page)).toBe("rgb(255, 255, 255)");
    expect(await light.page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await light.page.context().close();
  });

  it("searches while the person types, forgiving typos, with the query syntax; loads nothing of search before the box is focused", async () => {
    const { page, problems } = await open();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(repo.url + "entries/2026-01-12-fixing-n-1-queries-in-list-views.html");
    expect(requests.filter((u) => u.includes("/search"))).toEqual([]);
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-box");
    const results = page.locator("#search-results");
    const search = async (text: string) => {
      await page.fill("#search-box", text);
      // The results of this query, not those of the one before still on screen.
      await page.waitForFunction((t) => {
        const shown = document.querySelector<HTMLElement>("#search-results")!;
        return !shown.hidden && shown.dataset.query === t;
      }, text);
      return results.innerText();
    };
    expect(await search("kubernets rollout")).toMatch(/^Rolling deployments on Kubernetes/);
    expect(await search('"connection pool"')).toContain("connection");
    expect(await search("celery -redis")).not.toMatch(/No entries/);
    const django = await search("topic:Django optimize");
    expect(django).toMatch(/Query Optimization/);
    expect(django.split("\n").filter((l) => /^\d{4}-\d{2}-\d{2} · /.test(l)).every((l) => l.endsWith("· Django"))).toBe(true);
    expect(await search("zzqxv")).toContain("No entries match");
    expect(await search("celary")).toMatch(/Celery/);
    const first = results.locator("a").first();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("A");
    await first.press("Enter");
    await page.waitForURL(/entries\/.*\.html$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("offers a spelling when a query finds nothing", async () => {
    const { page } = await open();
    await page.goto(repo.url + "search.html?q=" + encodeURIComponent("pagnation"));
    await page.waitForSelector("#search-page-results p");
    const text = await page.locator("#search-page-results").innerText();
    expect(text).toMatch(/Did you mean pagination\?|Cursor/);
    await page.context().close();
  });

  it("ranks as nexus search does: the same top 10 in the same order with the same scores", async () => {
    // First two queries of words most entries have: their words side by side are scored from the index's places of words, not texts.
    const queries = ["the and", "a the", ...QUERIES];
    const expected = cliResults(site.journal, queries);
    const { page } = await open();
    await page.goto(repo.url + "index.html");
    await page.focus("#search-box");
    await page.waitForFunction(() => "nexusSearch" in window);
    const got = await page.evaluate(async (queries) => {
      const api = (window as unknown as { nexusSearch: { query: (q: string, n: number) => Promise<{ hits: { page: string; score: number }[] }> } }).nexusSearch;
      const out: Record<string, { page: string; score: number }[]> = {};
      for (const q of queries) out[q] = (await api.query(q, 10)).hits.map((h) => ({ page: h.page, score: h.score }));
      return out;
    }, queries);
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    for (const q of queries) expect(got[q], q).toEqual(expected.get(q) as Ranked[]);
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
    expect(loaded.some((url) => url.includes("/search/t/p"))).toBe(true);
    await page.context().close();
  });

  it.each(["missing", "cut short"])("ranks the same from the texts when the files of places are %s (a half-uploaded site)", async (how) => {
    const queries = ["the and", "a the"];
    const expected = cliResults(site.journal, queries);
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-places-"));
    fs.cpSync(site.repo, broken, { recursive: true });
    const folder = path.join(broken, "search/t");
    for (const name of fs.readdirSync(folder).filter((n) => /^[pq]\d/.test(n))) {
      if (how === "missing") fs.rmSync(path.join(folder, name));
      else fs.writeFileSync(path.join(folder, name), fs.readFileSync(path.join(folder, name), "utf8").slice(0, 40));
    }
    const served = await serve(broken, "/repo/");
    const { page, problems } = await open();
    try {
      await page.goto(served.url + "index.html");
      await page.focus("#search-box");
      await page.waitForFunction(() => "nexusSearch" in window);
      const got = await page.evaluate(async (queries) => {
        const api = (window as unknown as { nexusSearch: { query: (q: string, n: number) => Promise<{ hits: { page: string; score: number }[]; error?: string }> } }).nexusSearch;
        const out: Record<string, unknown> = {};
        // (A file cut short used to leave the query waiting for it for ever.)
        const late = new Promise((resolve) => setTimeout(() => resolve("no answer in 10 s"), 10_000));
        for (const q of queries) out[q] = await Promise.race([api.query(q, 10).then((r) => r.error ?? r.hits.map((h) => ({ page: h.page, score: h.score }))), late]);
        return out;
      }, queries);
      for (const q of queries) expect(got[q], q).toEqual(expected.get(q) as Ranked[]);
      // The browser's own reports of the broken files, and nothing else.
      expect(problems.filter((p) => !/status of 404|(HTTP 404|request failed): \S+\/search\/t\/[pq]\d|page error: (Invalid or unexpected token|Unexpected end of input)/.test(p))).toEqual([]);
      expect(problems.length).toBeGreaterThan(0);
    } finally {
      await page.context().close();
      await stop(served);
    }
  });

  it("opens an entry written by a hostile stranger without running anything of it", async () => {
    const { page, problems } = await open();
    const hostile = pagesOf(site.repo).find((p) => p.includes("hostile"))!;
    await page.goto(repo.url + hostile);
    await page.mouse.move(200, 300);
    await page.fill("#search-box", "cover bell");
    await page.waitForSelector("#search-results li");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems.filter((p) => p.startsWith("dialog"))).toEqual([]);
    expect(await page.locator("h1").innerText()).toContain("<img src=x onerror=");
    await page.context().close();
  });

  // Every page under /repo/ is fetched by the browser, and every link and file it names is
  // resolved against it and requested, as a crawler would (build-site.e2e.test.ts checks
  // the same as files, #fragments too, under both prefixes); each kind of page is then
  // loaded whole under / too. Rendering all ~190 pages would take half a minute per run.
  it("crawls every page under /repo/ with no failed request, and loads each kind of page under /", async () => {
    const { page, problems } = await open();
    await page.goto(repo.url + "index.html");
    const pages = pagesOf(site.repo).filter((p) => p !== "404.html");
    const crawl = await page.evaluate(async ({ rels, theme }) => {
      const statusOf = new Map<string, number>();
      const fetchOnce = async (url: string) => {
        if (!statusOf.has(url)) statusOf.set(url, (await fetch(url)).status);
        return statusOf.get(url)!;
      };
      const failed: string[] = [];
      let inline = 0;
      for (const rel of rels) {
        const url = new URL(rel, document.baseURI).href;
        const response = await fetch(url);
        if (response.status !== 200) failed.push(`${rel}: HTTP ${response.status}`);
        const doc = new DOMParser().parseFromString(await response.text(), "text/html");
        // Script in the page itself other than the theme's (allowed by its hash) would break the CSP.
        inline += Array.from(doc.querySelectorAll("script:not([src])")).filter((e) => e.textContent !== theme).length;
        inline += doc.querySelectorAll("[style], [onload], [onerror], [onclick], [onmouseover]").length;
        const named = Array.from(doc.querySelectorAll("[href], [src]")).map((e) => e.getAttribute("href") ?? e.getAttribute("src")!);
        for (const link of named) {
          const target = new URL(link, url);
          if (target.origin !== location.origin) continue;
          target.hash = "";
          const status = await fetchOnce(target.href);
          if (status !== 200) failed.push(`${rel}: ${link}: HTTP ${status}`);
        }
      }
      return { failed, inline, requested: statusOf.size };
    }, { rels: pages, theme: THEME_SCRIPT });
    expect(crawl.failed).toEqual([]);
    expect(crawl.inline).toBe(0);
    expect(crawl.requested).toBeGreaterThan(pages.length / 2);
    for (const rel of TYPES.filter((t) => !t.startsWith("no/"))) {
      await page.goto(root.url + rel, { waitUntil: "load" });
      // A request of the page before (its icon) cut short by this navigation is no failure.
      expect(problems.filter((p) => !p.endsWith("net::ERR_ABORTED")), `${root.url}${rel}`).toEqual([]);
      problems.length = 0;
    }
    await page.context().close();
  });

  it("navigates and searches from file://", async () => {
    const { page, problems } = await open();
    await page.goto(pathToFileURL(path.join(site.repo, "index.html")).href);
    await page.click("a[href='topics.html']");
    await page.click("a[href='topics/django.html']");
    expect(page.url()).toMatch(/topics\/django\.html$/);
    await page.fill("#search-box", "celery retry");
    await page.waitForSelector("#search-results li");
    expect(await page.locator("#search-results li").first().innerText()).toMatch(/Celery/);
    await page.locator("#search-results a").first().click();
    await page.waitForURL(/entries\/.*\.html$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
