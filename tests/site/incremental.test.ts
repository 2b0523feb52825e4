// What keeps a rebuild of a large site short, and right: the writer's keys (a file
// whose inputs are unchanged is not made again) and its checks of what is on disk,
// the render cache, the search index's words and tail files, the closest related
// entries without a full sort, and the quick paths of the text cleaning.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSiteModel, type EntryMeta } from "../../src/site/model.js";
import { SITE_MANIFEST, writeSite, type SiteFile } from "../../src/site/output.js";
import { closest, decodeRelated, encodeRelated, relatedEntries, relatedKept } from "../../src/site/related.js";
import { decodeRenderCache, encodeRenderCache, StoredHighlight } from "../../src/site/render-cache.js";
import { frontCode, frontDecode, shardOf, TAIL_SHARDS, tailBlock } from "../../src/site/search-format.js";
import { cleanLine, escapeHtml } from "../../src/site/text.js";
import { tempDir } from "../helpers.js";

describe("writing a site again", () => {
  it("makes a keyed file only when its key or the settings changed, or it is missing or of another size", async () => {
    const out = path.join(tempDir(), "site");
    let made = 0;
    const files = (key: string, content = "A"): SiteFile[] => [["a.html", () => (made++, content), key], ["b.html", "B"]];
    expect(await writeSite(out, files("k1"), "v1")).toMatchObject({ written: 2 });
    expect(made).toBe(1);
    expect(await writeSite(out, files("k1", "never made"), "v1")).toMatchObject({ written: 0, unchanged: 2 });
    expect(made).toBe(1);
    expect(fs.readFileSync(path.join(out, "a.html"), "utf8")).toBe("A");
    // Other settings or code: keys are not trusted.
    await writeSite(out, files("k1", "A2"), "v2");
    expect(fs.readFileSync(path.join(out, "a.html"), "utf8")).toBe("A2");
    // A file cut short (a crash of the system before it reached the disk) is written again.
    fs.writeFileSync(path.join(out, "a.html"), "");
    expect(await writeSite(out, files("k1", "A2"), "v2")).toMatchObject({ written: 1 });
    expect(fs.readFileSync(path.join(out, "a.html"), "utf8")).toBe("A2");
    fs.rmSync(path.join(out, "b.html"));
    expect(await writeSite(out, files("k1", "A2"), "v2")).toMatchObject({ written: 1 });
    expect(fs.readFileSync(path.join(out, "b.html"), "utf8")).toBe("B");
  });

  it("trusts no damaged line of the manifest, and keeps the lines of the files it leaves as they are", async () => {
    const out = path.join(tempDir(), "site");
    const files: SiteFile[] = [["a.html", () => "A", "k1"], ["b.html", () => "B", "k2"], ["c.html", "C"]];
    await writeSite(out, files, "v1");
    const manifest = path.join(out, SITE_MANIFEST);
    const before = fs.readFileSync(manifest, "utf8");
    const data = JSON.parse(before) as { files: Record<string, unknown> };
    expect(data.files["a.html"]).toMatch(/^\S{22} 1 k1$/);
    for (const bad of ["x 1", " 1 k1", "x 1x k1", "x -1 k1", "x 1 k", 7]) {
      data.files["a.html"] = bad;
      fs.writeFileSync(manifest, JSON.stringify(data));
      // Made again and written (its hash is not known), and the line is whole again.
      expect(await writeSite(out, files, "v1"), String(bad)).toMatchObject({ written: 1, unchanged: 2 });
      expect(fs.readFileSync(manifest, "utf8")).toBe(before);
    }
  });

  it("takes back a file a stopped build wrote before its manifest, and only with the same content", async () => {
    const out = path.join(tempDir(), "site");
    await writeSite(out, [["a.html", "A"]]);
    fs.writeFileSync(path.join(out, "new.html"), "N");
    expect(await writeSite(out, [["a.html", "A"], ["new.html", "N"]])).toMatchObject({ files: 2 });
    fs.writeFileSync(path.join(out, "other.html"), "theirs");
    await expect(writeSite(out, [["a.html", "A"], ["new.html", "N"], ["other.html", "mine"]])).rejects.toThrow(/nexus did not write it/);
    expect(fs.readFileSync(path.join(out, "other.html"), "utf8")).toBe("theirs");
  });
});

describe("the render cache", () => {
  it("keeps every entry's key, identity, description, links and code keys, and nothing damaged", () => {
    const rendered = [
      { key: "k1", description: "One · “quoted” 東京 🚀", links: ["entries/b.md"], codes: ["c1"] },
      { key: "k2", description: "", links: [], codes: [] },
    ];
    const bytes = Buffer.from(encodeRenderCache(rendered, ["entries/a.md\u00001\u00002\u00003", ""]));
    const cache = decodeRenderCache(bytes);
    expect([...cache.entries.values()]).toEqual(rendered);
    expect(cache.identities).toEqual(["entries/a.md\u00001\u00002\u00003", ""]);
    expect(cache.byIdentity.get("entries/a.md\u00001\u00002\u00003")).toBe("k1");
    for (const bad of [bytes.subarray(0, bytes.length - 5), Buffer.from('{"version":"other","rows":[]}'), Buffer.from('{"version":"site-render-3","rows":[[1]]}')]) {
      expect(decodeRenderCache(bad).entries.size).toBe(0);
    }
  });

  it("reads the highlighted code only when asked, and keeps only the code in use", () => {
    let reads = 0;
    const stored = new StoredHighlight(() => (reads++, Buffer.from(JSON.stringify({ version: "site-render-3", code: { a: "<span>a</span>", b: "b" } }))));
    expect(reads).toBe(0);
    expect(stored.get("a")).toBe("<span>a</span>");
    stored.set("c", "c");
    expect(stored.added).toBe(true);
    expect(JSON.parse(stored.encode(new Set(["a", "c"]))).code).toEqual({ a: "<span>a</span>", c: "c" });
    expect(reads).toBe(1);
  });
});

describe("the search index's format", () => {
  it("writes the words front-coded and reads them back, in any script", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", minLength: 1 }).filter((w) => !w.includes("\n"))), (list) => {
        const words = [...new Set(list)].sort();
        expect(frontDecode(frontCode(words))).toEqual(words);
      }),
    );
    const words = ["celery", "celeryd", "cell", "東京", "東京タワー", "🚀", "🚀🚀"];
    expect(frontCode(words).length).toBeLessThan(words.join("\n").length);
  });

  it("spreads terms over the tail files, the same file for the same term, and keeps both parts in use for small journals", () => {
    const seen = new Set(["celery", "redis", "docker", "n+1", "東京", "kubernetes", "cache", "retry", "pool", "queue", "index", "vacuum"].map(shardOf));
    expect(seen.size).toBeGreaterThan(TAIL_SHARDS / 2);
    expect(shardOf("celery")).toBe(shardOf("celery"));
    expect(tailBlock(52)).toBe(8);
    expect(tailBlock(10_000)).toBe(128);
    expect(tailBlock(100_000)).toBe(128);
  });
});

describe("related entries", () => {
  it("take the highest scores, the lower place first among equals, as a full sort would", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(200)), fc.array(fc.constantFrom(0, 0.5, 1, 1.5, 2.25), { minLength: 201, maxLength: 201 }), fc.integer({ min: 1, max: 8 }), (candidates, scores, max) => {
        const expected = [...candidates].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, max);
        expect(closest(candidates, (j) => scores[j]!, max)).toEqual(expected);
      }),
    );
  });

  it("are earlier entries that share a word: an entry added later changes no older page", () => {
    const metas: EntryMeta[] = ["celery retry", "celery beat", "redis cache", "redis pool", "celery pool"].map((title, i) => ({ title, topic: `Subject${"abcde"[i]}`, tags: [], date: `2026-01-0${i + 1}`, featured: false, path: `entries/e${i}.md` }));
    const model = buildSiteModel(metas.reverse());
    const related = relatedEntries(model);
    for (const e of model.entries) {
      for (const r of related[e.at]!) {
        expect(r.meta.date < e.meta.date).toBe(true);
        expect(r.meta.title.split(" ").some((w) => e.meta.title.split(" ").includes(w))).toBe(true);
      }
    }
    expect(related[model.byPath.get("entries/e4.md")!.at]!.map((e) => e.meta.title)).toEqual(expect.arrayContaining(["celery retry", "celery beat", "redis pool"]));
    expect(related[model.byPath.get("entries/e0.md")!.at]).toEqual([]);
  });
});

describe("related entries kept between builds", () => {
  const metas = (count: number): EntryMeta[] =>
    Array.from({ length: count }, (_, i) => ({ title: `${["celery", "redis", "pool", "retry"][i % 4]} ${["beat", "cache", "queue"][i % 3]} ${i}`, topic: `T${i % 5}`, tags: i % 2 ? ["x"] : [], date: `2026-01-${String(1 + (i % 28)).padStart(2, "0")}`, featured: false, path: `entries/e${String(i).padStart(3, "0")}.md` })).reverse();
  const places = (list: { meta: EntryMeta }[][]) => list.map((l) => l.map((e) => e.meta.path));

  it("are what a build without them finds, reusing the rows of unchanged older entries only", () => {
    const before = buildSiteModel(metas(60));
    const first = relatedKept(before, []);
    expect(first.reused).toBe(0);
    const rows = decodeRelated(Buffer.from(encodeRelated(first.rows, "v1")), "v1");
    expect(rows).toEqual(first.rows);
    // One entry added (the newest): every older row holds.
    const after = buildSiteModel(metas(61));
    const again = relatedKept(after, rows);
    expect(again.reused).toBe(60);
    expect(places(again.related)).toEqual(places(relatedEntries(after)));
    // An older entry's title changed: the rows from it on are worked out again.
    const changed = metas(61);
    changed[40] = { ...changed[40]!, title: "celery retry pool" };
    const model = buildSiteModel(changed);
    const third = relatedKept(model, again.rows);
    expect(third.reused).toBe(20);
    expect(places(third.related)).toEqual(places(relatedEntries(model)));
  });

  it("are not taken from a cache of another version or a damaged one", () => {
    const rows = relatedKept(buildSiteModel(metas(10)), []).rows;
    const bytes = encodeRelated(rows, "v1");
    expect(decodeRelated(Buffer.from(bytes), "v2")).toEqual([]);
    expect(decodeRelated(Buffer.from(bytes.slice(0, -10)), "v1")).toEqual([]);
    // A related entry that is not an earlier one.
    expect(decodeRelated(Buffer.from(JSON.stringify({ version: "v1", rows: [["s", [], [0]]] })), "v1")).toEqual([]);
    expect(decodeRelated(undefined, "v1")).toEqual([]);
  });
});

describe("text made safe for HTML", () => {
  // What cleanLine and escapeHtml did before their quick paths: every regular expression, always.
  const slowClean = (t: string) =>
    t.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "").replace(/[\ufdd0-\ufdef\ufffe\uffff]/g, "");
  const slowLine = (t: string) => slowClean(t).replace(/\s+/g, " ").trim();
  const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  it("gives what every replacement would give", () => {
    const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("a", " ", "  ", "\t", "\n", "\r", "\u00a0", "&", "<", "\u202e", "\ud800", "\udc00", "\ufffe", "\u0007", "é") }));
    fc.assert(
      fc.property(text, (t) => {
        expect(cleanLine(t)).toBe(slowLine(t));
        expect(escapeHtml(t)).toBe(slowClean(t).replace(/[&<>"']/g, (c) => escapes[c]!));
      }),
    );
  });
});
