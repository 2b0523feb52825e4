// The pieces build-readme uses to stay fast at 100,000 entries give exactly what
// the plain ways give: bodies read in bulk, links worked out per folder, pages
// copied together from bytes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forEachBody, type BodyFields } from "../../src/journal/bodies.js";
import { bodyUnread, lazyEntry, readBodyFields } from "../../src/journal/lazy-entry.js";
import type { LoadedEntry } from "../../src/journal/read.js";
import { encodeHref, hrefBetween, hrefLength, linkTarget, thousands } from "../../src/readme/links.js";
import { escapeInline, stripControls } from "../../src/readme/escape.js";
import { Summaries } from "../../src/readme/summary.js";
import { buildModel } from "../../src/readme/model.js";
import { PartlyPlacedError, replaceFiles } from "../../src/journal/safe-write.js";
import { ByteCounter, PageWriter, type Sink } from "../../src/readme/pages/bytes.js";
import { makeTree, tempDir } from "../helpers.js";

const FM = "---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\n";
const FILES: Record<string, string | Buffer> = {
  "plain.md": `${FM}\n## Challenge\n\nA.\n\n## Solution\n\nB.\n\n## Takeaway\n\nC.\n\nNotes after.\n`,
  "crlf.md": `${FM}\n## Challenge\n\nA\r\nB\n\n## Takeaway\n\nC.\n`.replace(/\n/g, "\r\n"),
  "bom.md": `\ufeff${FM}\n## Solution\n\nWith a BOM.\n`,
  "code.md": `${FM}\n## Challenge\n\n\`\`\`\n## Solution\n\`\`\`\n\n## Solution\n\nReal one.\n`,
  "twice.md": `${FM}\n## Challenge\n\nOne.\n\n## Challenge\n\nTwo.\n`,
  "nfd.md": `${FM}\n## Takeaway\n\nCafe\u0301 数据库 🚀\n`,
  "nofm.md": "No frontmatter.\n",
  "latin1.md": Buffer.concat([Buffer.from(`${FM}\n## Challenge\n\n`), Buffer.from([0xe9, 0x0a])]),
  "nul.md": Buffer.from(`${FM}\n## Challenge\n\nA\u0000B\n`),
  "empty.md": "",
  "big.md": `${FM}\n## Challenge\n\n${"x".repeat(1024 * 1024)}\n`,
  "frontmatter-only.md": FM,
};

describe("forEachBody", () => {
  it("gives each lazy entry the fields its body would load, in order, and leaves the entry unloaded", () => {
    const dir = makeTree(Object.fromEntries(Object.entries(FILES).map(([name, text]) => [`entries/${name}`, text])));
    const names = [...Object.keys(FILES), "missing.md"];
    const entries = names.map((name) => lazyEntry({ title: "T", topic: "X", date: "2026-01-01", tags: [], featured: false, path: `entries/${name}`, file: path.join(dir, "entries", name) }));
    const seen: [LoadedEntry, BodyFields][] = [];
    forEachBody(entries, (entry, fields) => seen.push([entry, { ...fields }]));
    expect(seen.map(([e]) => e)).toEqual(entries);
    seen.forEach(([entry, fields], i) => {
      expect(fields, names[i]).toEqual(readBodyFields(entry.file));
    });
    const plain = seen.find(([e]) => e.path === "entries/plain.md")!;
    expect(plain[1]).toMatchObject({ challenge: "A.", solution: "B.", takeaway: "C.\n\nNotes after." });
    // The entry itself did not load its body: with the file gone, it has none.
    fs.rmSync(plain[0].file);
    expect(plain[0].challenge).toBe("");
  });

  it("gives a lazy entry whose body was read (and maybe changed) its own fields", () => {
    const dir = makeTree({ "entries/x.md": FILES["plain.md"]! });
    const entry = lazyEntry({ title: "T", topic: "X", date: "2026-01-01", tags: [], featured: false, path: "entries/x.md", file: path.join(dir, "entries/x.md") });
    expect(bodyUnread(entry)).toBe(true);
    entry.takeaway = "changed in memory";
    expect(bodyUnread(entry)).toBe(false);
    const seen: BodyFields[] = [];
    forEachBody([entry], (_, fields) => seen.push({ ...fields }));
    expect(seen[0]).toMatchObject({ challenge: "A.", takeaway: "changed in memory" });
    expect(bodyUnread({ ...entry })).toBe(false);
  });

  it("gives an entry in memory its own fields", () => {
    const entry = { title: "T", topic: "X", date: "2026-01-01", tags: [], featured: false, challenge: "c", solution: "s", takeaway: "t", notes: "", body: "b", path: "entries/x.md", file: "/nonexistent/x.md" };
    const seen: BodyFields[] = [];
    forEachBody([entry], (_, fields) => seen.push(fields));
    expect(seen).toEqual([entry]);
  });
});

describe("hrefBetween", () => {
  it("is the relative, encoded path from one file's folder to another file, for any names", () => {
    const names = ["README.md", "a.md", "journal/README.md", "journal/topics/x.md", "journal/topics", "journal", "entries/2026-01-01-x (1).md", "entries/sub/é 🚀.md",
      "docs/journal/charts/a.svg", "a/b/c/d.md", "x/../y.md", "./a.md", "a//b.md", "/abs.md", "a/", "", ".", "..", "journal/../README.md", "entries/.hidden.md", "..x/y.md", "a/..b/c.md", "100%.md", "a'b!c*.md", "journal/topics/journal"];
    const plain = (from: string, to: string) => encodeHref(path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to));
    // Twice: the second time the ways between folders are known already.
    for (let round = 0; round < 2; round += 1) {
      for (const from of names) {
        for (const to of names) {
          expect(hrefBetween(from, to), `${from} -> ${to}`).toBe(plain(from, to));
          // Its length without making it: an href is ASCII, so characters are bytes.
          expect(hrefLength(from, linkTarget(to)), `${from} -> ${to}`).toBe(Buffer.byteLength(plain(from, to)));
        }
      }
    }
  });
});

describe("the fast ways of text that most often needs nothing", () => {
  // Every ASCII character and a few others (controls, bidi overrides, white space trim() takes, letters), alone, first, inside and last.
  const chars = [...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)), "\u0085", "\u00a0", "\u2028", "\u202e", "\u2066", "\u3000", "\ufeff", "é", "数", "🚀"];
  const texts = chars.flatMap((c) => [c, `${c}ab`, `a${c}b`, `ab${c}`]);

  it("escapeInline gives what stripping, trimming and escaping give", () => {
    const plain = (text: string) => stripControls(text).trim().replace(/[\\`*_[\]<>|~&#$]/g, (ch) => (ch === "<" ? "&lt;" : `\\${ch}`));
    for (const text of [...texts, "", "plain title", " x", "x "]) expect(escapeInline(text), JSON.stringify(text)).toBe(plain(text));
  });

  it("encodeHref gives each segment URL-encoded, parentheses and quotes too", () => {
    const plain = (segment: string) => (segment === ".." ? segment : encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    for (const text of texts.filter((t) => !t.includes("/") && !/[\ud800-\udfff]/.test(t))) expect(encodeHref(`dir/${text}.md`), JSON.stringify(text)).toBe(`dir/${plain(`${text}.md`)}`);
  });

  it("Summaries.shortLength is the length of the section in short, without making it", () => {
    const summaries = new Summaries();
    const entries = ["plain", "é and 数据库", "🚀 rocket 🚀", "lone \ud800 surrogate", "", `${"long ".repeat(100)}🚀`].map((text, i) => {
      const entry = { challenge: text, solution: "", takeaway: `${text} ${i}` } as LoadedEntry;
      summaries.add(entry, entry);
      return entry;
    });
    for (const entry of entries) for (const field of ["challenge", "solution", "takeaway"] as const) expect(summaries.shortLength(entry, field)).toBe(summaries.short(entry, field).length);
    expect(summaries.shortLength({} as LoadedEntry, "takeaway")).toBe(0);
  });

  it("buildModel names a topic by its most used spelling, the first in code-unit order on a tie, keying each spelling once", () => {
    const topics = ["Redis", "redis", "REDIS", "redis", "Café", "Cafe\u0301", "Zig", "zig"];
    const entries = topics.map((topic, i) => ({ title: `E${i}`, topic, date: `2026-01-0${i + 1}`, tags: [], featured: false, challenge: "", solution: "", takeaway: "", notes: "", body: "", path: `entries/${i}.md`, file: `/j/entries/${i}.md` })).reverse();
    const model = buildModel(entries, []);
    expect(model.groups[0]!.topics.map((t) => [t.name, t.entries.length])).toEqual([["Cafe\u0301", 2], ["redis", 4], ["Zig", 2]]);
  });

  it("thousands writes a number as toLocaleString('en-US') does", () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 123_456_789, -1, -1234, Number.MAX_SAFE_INTEGER]) expect(thousands(n)).toBe(n.toLocaleString("en-US"));
  });
});

describe("ByteCounter and PageWriter", () => {
  const source = Buffer.from("xx数据库 🚀 · é…yy", "utf8");
  const range = (text: string) => {
    const start = source.indexOf(text);
    return { start, end: start + Buffer.byteLength(text) };
  };
  /** An item's pieces: text, and byte ranges of `source`. */
  const pieces = (i: number): (string | { start: number; end: number })[] => [`### ${i} `, range("数据库 🚀"), `\n- **é:** `, range(" · é…"), i % 3 ? "" : range("xx"), "★ \u{1F680}"];
  const put = (sink: Sink, i: number) => {
    for (const piece of pieces(i)) {
      if (typeof piece === "string") sink.putText(piece);
      else sink.putBytes(source, piece.start, piece.end);
    }
  };
  const text = (i: number) => pieces(i).map((p) => (typeof p === "string" ? p : source.toString("utf8", p.start, p.end))).join("");

  it("count what a page writer writes, and the page is the pieces' text, past the first buffer's size", () => {
    const counter = new ByteCounter();
    const writer = new PageWriter();
    for (let i = 0; i < 3000; i += 1) {
      counter.count = 0;
      put(counter, i);
      const before = writer.used;
      put(writer, i);
      expect(writer.used - before, `item ${i}`).toBe(counter.count);
      expect(counter.count).toBe(Buffer.byteLength(text(i)));
    }
    const all = Array.from({ length: 3000 }, (_, i) => text(i)).join("");
    expect(writer.bytes().length).toBeGreaterThan(64 * 1024);
    expect(writer.bytes().toString("utf8")).toBe(all);
    // The next page starts empty (its buffer is shared).
    const next = new PageWriter();
    put(next, 7);
    expect(next.bytes().toString("utf8")).toBe(text(7));
  });
});

describe("replaceFiles", () => {
  it("writes every file in batches, keeps an existing file's mode, replaces a link without following it, leaves no temporary file", async () => {
    const dir = tempDir();
    const outside = path.join(tempDir(), "outside.md");
    fs.writeFileSync(outside, "not mine");
    fs.writeFileSync(path.join(dir, "f3.md"), "old");
    fs.chmodSync(path.join(dir, "f3.md"), 0o600);
    fs.symlinkSync(outside, path.join(dir, "f4.md"));
    const shared = Buffer.alloc(16);
    const files = Array.from({ length: 10 }, (_, i) => [path.join(dir, `f${i}.md`), () => {
      // The same buffer each time: each file's data is written before the next is made.
      const n = shared.write(`file ${i} é`);
      return shared.subarray(0, n);
    }] as [string, () => Buffer]);
    await replaceFiles(files, { batch: 3 });
    for (let i = 0; i < 10; i += 1) expect(fs.readFileSync(path.join(dir, `f${i}.md`), "utf8")).toBe(`file ${i} é`);
    expect(fs.statSync(path.join(dir, "f3.md")).mode & 0o777).toBe(0o600);
    expect(fs.lstatSync(path.join(dir, "f4.md")).isFile()).toBe(true);
    expect(fs.readFileSync(outside, "utf8")).toBe("not mine");
    expect(fs.readdirSync(dir).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `f${i}.md`).sort());
  });

  it("all or none: an error while the files are written (a full disk) puts none in place and leaves no temporary file", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "f1.md"), "old 1");
    let placing = 0;
    const files = Array.from({ length: 7 }, (_, i) => [path.join(dir, `f${i}.md`), () => {
      if (i === 5) throw new Error("disk full");
      return `file ${i}`;
    }] as [string, () => string]);
    await expect(replaceFiles(files, { batch: 2, beforePlace: () => (placing += 1) })).rejects.toThrow("disk full");
    expect(fs.readdirSync(dir)).toEqual(["f1.md"]);
    expect(fs.readFileSync(path.join(dir, "f1.md"), "utf8")).toBe("old 1");
    expect(placing).toBe(0);
  });

  it("beforePlace runs once every file is written: when it fails nothing is in place; it sees no file in place", async () => {
    const dir = tempDir();
    const files = Array.from({ length: 5 }, (_, i) => [path.join(dir, `f${i}.md`), () => `file ${i}`] as [string, () => string]);
    let seen: string[] = [];
    await expect(
      replaceFiles(files, {
        batch: 2,
        beforePlace: () => {
          seen = fs.readdirSync(dir).filter((n) => !n.endsWith(".tmp"));
          throw new Error("manifest not written");
        },
      }),
    ).rejects.toThrow("manifest not written");
    expect(seen).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("a rename that fails (a folder in the way) is a PartlyPlacedError: the files before it are in place, the rest as they were", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "f2.md"));
    fs.writeFileSync(path.join(dir, "f2.md", "keep"), "x");
    fs.writeFileSync(path.join(dir, "f3.md"), "old 3");
    const files = Array.from({ length: 4 }, (_, i) => [path.join(dir, `f${i}.md`), () => `file ${i}`] as [string, () => string]);
    const error = await replaceFiles(files, { batch: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartlyPlacedError);
    expect(error).toMatchObject({ placed: 2, total: 4 });
    expect(fs.readdirSync(dir).sort()).toEqual(["f0.md", "f1.md", "f2.md", "f3.md"]);
    expect(fs.readFileSync(path.join(dir, "f1.md"), "utf8")).toBe("file 1");
    expect(fs.readFileSync(path.join(dir, "f3.md"), "utf8")).toBe("old 3");
  });
});
