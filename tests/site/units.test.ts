// The site's pure parts: markdown made safe, the Atom feed's rules, slugs and
// relative links, settings, and the writer's manifest.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { atomFeed, entryInstant, FEED_SIZE } from "../../src/site/feed.js";
import { relativeHref } from "../../src/site/layout.js";
import { renderMarkdown, resolveEntryLinks } from "../../src/site/markdown.js";
import { buildSiteModel, type EntryMeta } from "../../src/site/model.js";
import { writeSite } from "../../src/site/output.js";
import { siteSettings } from "../../src/site/settings.js";
import { cleanLine, escapeHtml } from "../../src/site/text.js";
import { tempDir } from "../helpers.js";
import { hasXmllint } from "./site-files.js";

export const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(2)">',
  "<svg onload=alert(3)><circle/></svg>",
  "[click](javascript:alert(4)) [upper](JAVASCRIPT:alert(5)) [spaced]( javascript:alert(6))",
  '<a href="jav&#x61;script:alert(7)">entity</a> <a href="data:text/html,<script>alert(8)</script>">data</a>',
  '<iframe src="https://example.com"></iframe><object data="x"></object><embed src="y">',
  "<style>body{display:none}</style>",
  '<div style="color:red" onclick="alert(9)">styled</div>',
  '<form action="https://example.com"><input name="a"><button formaction="javascript:alert(10)">go</button></form>',
  "<math><mi xlink:href=\"javascript:alert(11)\">m</mi></math>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(12)\"><base href=\"https://evil.example/\">",
].join("\n\n");

describe("entry markdown as HTML", () => {
  const html = renderMarkdown(HOSTILE, "entries/a.md", new Map());

  it("keeps no script, event attribute, style, frame, form, base or javascript: link", () => {
    for (const bad of ["<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<object", "<embed", "<style", "style=", "<form", "<input", "<button", "<base", "<meta", "data:text", "<svg", "<math"]) {
      expect(html.toLowerCase(), bad).not.toContain(bad.toLowerCase());
    }
  });

  it("keeps the text of what it removes as text", () => {
    expect(html).toContain("click");
    expect(html).toContain("styled");
  });

  it("marks links to the web noopener and turns their images into links", () => {
    const out = renderMarkdown("[site](https://example.com/a) ![a cat](https://example.com/cat.png) ![local](img/cat.png)", "entries/a.md", new Map());
    expect(out).toContain('<a href="https://example.com/a" rel="noopener noreferrer nofollow">site</a>');
    expect(out).toContain('<a href="https://example.com/cat.png" rel="noopener noreferrer nofollow">[image: a cat]</a>');
    expect(out).toContain("<span>[image: local]</span>");
    expect(out).not.toContain("<img");
  });

  it("links another entry's file to its page, and leaves other files and fragments without a link", () => {
    const out = renderMarkdown("[b](b.md) [sub](../entries/c%20d.md) [readme](../README.md) [frag](#top) [gone](missing.md)", "entries/a.md", new Map());
    const resolved = resolveEntryLinks(out, (p) => ({ "entries/b.md": "b.html", "entries/c d.md": "c-d.html" })[p]);
    expect(resolved).toContain('<a href="b.html">b</a>');
    expect(resolved).toContain('<a href="c-d.html">sub</a>');
    expect(resolved).toContain("<a>readme</a>");
    expect(resolved).toContain("<a>frag</a>");
    expect(resolved).toContain("<a>gone</a>");
  });

  it("highlights code at build time, once per code", () => {
    const cache = new Map<string, string>();
    const out = renderMarkdown("```python\ndef f(x):\n    return '<b>'\n```\n\n```nosuchlang\n<b>x</b>\n```", "entries/a.md", cache);
    expect(out).toContain('<code class="hljs language-python">');
    expect(out).toContain('<span class="hljs-keyword">def</span>');
    expect(out).toContain("&lt;b&gt;");
    expect(out).not.toContain("<b>");
    expect(cache.size).toBe(1);
    cache.set([...cache.keys()][0]!, "FROM CACHE");
    expect(renderMarkdown("```python\ndef f(x):\n    return '<b>'\n```", "entries/a.md", cache)).toContain("FROM CACHE");
  });

  it("puts a section's headings under its h2, none skipped, and tables without obsolete attributes", () => {
    const out = renderMarkdown("# One\n\n#### Two\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] not", "entries/a.md", new Map());
    expect(out).toContain("<h3>One</h3>");
    expect(out).toContain("<h4>Two</h4>");
    expect(out).toContain('<th class="align-center">a</th>');
    expect(out).not.toContain("align=");
    expect(out).toContain('<span class="task" role="img" aria-label="done">☑</span>');
  });

  it("removes control characters and bidirectional overrides", () => {
    expect(escapeHtml("a\u0007b\u202ec<d>")).toBe("abc&lt;d&gt;");
    expect(cleanLine(" a\n\tb\u0000 ")).toBe("a b");
  });
});

const meta = (i: number, over: Partial<EntryMeta> = {}): EntryMeta => ({
  title: `Entry ${i}`,
  topic: i % 2 ? "Python" : "python",
  tags: ["a", "B"],
  date: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
  featured: false,
  path: `entries/2026-01-${String((i % 28) + 1).padStart(2, "0")}-entry-${i}.md`,
  ...over,
});

describe("the site's model and links", () => {
  it("gives every entry, topic and tag a unique lower-case page, and groups names in any case", () => {
    const metas = [meta(1, { path: "entries/Same.md" }), meta(2, { path: "other/same.md" }), meta(3, { path: "entries/中文.md", title: "中文" })];
    const model = buildSiteModel(metas);
    const pages = model.entries.map((e) => e.page);
    expect(new Set(pages).size).toBe(3);
    for (const p of pages) expect(p).toMatch(/^entries\/[a-z0-9-]+\.html$/);
    expect(model.topics).toHaveLength(1);
    expect(model.topics[0]!.entries).toHaveLength(3);
    expect(model.tags.map((t) => t.page)).toEqual(["tags/a.html", "tags/b.html"]);
  });

  it("links relatively from any depth", () => {
    expect(relativeHref("index.html")("topics/x.html")).toBe("topics/x.html");
    expect(relativeHref("entries/a.html")("topics/x.html")).toBe("../topics/x.html");
    expect(relativeHref("entries/a.html")("")).toBe("../");
  });

  it("checks the site's settings, naming the key or flag", () => {
    const config = { entries: "entries", groups: [], readme: {} };
    expect(siteSettings({ ...config, site: { url: "https://me.github.io/til" } }, {}).baseUrl).toBe("https://me.github.io/til/");
    expect(() => siteSettings(config, { baseUrl: "javascript:alert(1)" })).toThrow(/--base-url must be an http or https URL/);
    expect(() => siteSettings(config, { baseUrl: "/relative" })).toThrow(/--base-url must be an absolute URL/);
    expect(() => siteSettings({ ...config, site: { title: 3 } }, {})).toThrow(/"site.title" must be a non-empty string/);
    expect(() => siteSettings({ ...config, site: { feedAuthority: "not a domain" } }, {})).toThrow(/site.feedAuthority/);
  });

  it("takes its title from site.title, else the README's title, else a default", () => {
    const config = { entries: "entries", groups: [], readme: { title: "Ada's \u001b[31mTIL" } };
    // Control characters are dropped, as from every line of text on the site.
    expect(siteSettings(config, {}).title).toBe("Ada's [31mTIL");
    expect(siteSettings({ ...config, site: { title: "Site" } }, {}).title).toBe("Site");
    expect(siteSettings({ ...config, readme: { title: " " } }, {}).title).toBe("Learning journal");
    // Nothing to see (a zero-width space, a bell, marks on nothing) is no title either.
    expect(siteSettings({ ...config, readme: { title: "\u0007\u200b \u0301" } }, {}).title).toBe("Learning journal");
    expect(() => siteSettings({ ...config, site: { title: "\u200b\u2060" } }, {})).toThrow(/"site.title" must be a non-empty string/);
    expect(siteSettings({ ...config, readme: {} }, {}).author).toBe("Learning journal");
  });
});

describe("the Atom feed", () => {
  const hostile = meta(1, { title: "Ends ]]> and <b>&amp; \u0008 \uFFFE", path: "entries/x.md", date: "2026-03-04" });
  const metas = [hostile, ...Array.from({ length: 70 }, (_, i) => meta(i + 2))];
  const model = buildSiteModel(metas.sort((a, b) => (a.date < b.date ? 1 : -1)));
  const feedFor = (baseUrl: string) =>
    atomFeed({
      settings: { ...siteSettings({ entries: "entries", groups: [], readme: {} }, { baseUrl }), baseUrl },
      path: "feed.xml",
      title: "T",
      alternate: "index.html",
      entries: model.entries,
      contentOf: (e) => ({ html: `<p>${e.meta.title} \u0001 ]]></p>`, summary: "s" }),
      feedKey: "feed",
    })!;
  const feed = feedFor("https://me.github.io/til/");

  it.skipIf(!hasXmllint)("is well-formed XML under xmllint, with no character XML 1.0 cannot hold", () => {
    const file = path.join(tempDir(), "feed.xml");
    fs.writeFileSync(file, feed);
    expect(() => execFileSync("xmllint", ["--noout", file], { stdio: "pipe" })).not.toThrow();
    expect(feed).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  });

  it("has an author, a self link, RFC 3339 dates, the newest entry's updated, and at most 50 entries", () => {
    expect(feed).toContain("<author><name>");
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://me.github.io/til/feed.xml"/>');
    const entries = feed.match(/<entry>/g)!;
    expect(entries).toHaveLength(FEED_SIZE);
    const dates = [...feed.matchAll(/<(?:updated|published)>([^<]*)</g)].map((m) => m[1]!);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const newest = model.entries.slice(0, FEED_SIZE).map(entryInstant).sort().at(-1);
    expect(feed.match(/<feed[^]*?<updated>([^<]*)</)![1]).toBe(newest);
  });

  it("has unique tag: ids that stay the same when the site moves", () => {
    const ids = (text: string) => [...text.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1]);
    const here = ids(feed);
    expect(new Set(here).size).toBe(here.length);
    for (const id of here) expect(id).toMatch(/^tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:\S+$/);
    expect(ids(feedFor("https://example.org/elsewhere/"))).toEqual(here);
  });

  it("gives the same bytes for the same entries", () => {
    expect(feedFor("https://me.github.io/til/")).toBe(feed);
  });
});

describe("writing the site", () => {
  it("writes only what changed, removes what it no longer makes, and never writes over a file it did not write", async () => {
    const out = path.join(tempDir(), "site");
    const first = await writeSite(out, [["a.html", "A"], ["b/c.html", "C"]]);
    expect(first).toMatchObject({ written: 2, unchanged: 0, removed: 0 });
    const second = await writeSite(out, [["a.html", "A"], ["d.html", "D"]]);
    expect(second).toMatchObject({ written: 1, unchanged: 1, removed: 1 });
    expect(fs.existsSync(path.join(out, "b/c.html"))).toBe(false);
    fs.writeFileSync(path.join(out, "mine.html"), "the user's");
    await expect(writeSite(out, [["a.html", "A"], ["mine.html", "X"]])).rejects.toThrow(/nexus did not write it/);
    expect(fs.readFileSync(path.join(out, "mine.html"), "utf8")).toBe("the user's");
    const other = tempDir();
    fs.writeFileSync(path.join(other, "x"), "");
    await expect(writeSite(other, [["a.html", "A"]])).rejects.toThrow(/holds files that nexus did not write/);
  });

  it("does not write through a link in the folder", async () => {
    const out = path.join(tempDir(), "site");
    await writeSite(out, [["a/b.html", "B"]]);
    const outside = tempDir();
    fs.rmSync(path.join(out, "a"), { recursive: true });
    fs.symlinkSync(outside, path.join(out, "a"));
    await expect(writeSite(out, [["a/b.html", "B2"]])).rejects.toThrow(/not a folder/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});
