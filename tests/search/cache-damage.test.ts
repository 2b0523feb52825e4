import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE } from "../../src/journal/cache.js";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { fixtureJournal } from "./fixture.js";
import { entryText, makeTree } from "../helpers.js";
import { forgeCache } from "../hardening/forge-cache.js";

const cacheFile = (dir: string) => path.join(dir, CACHE_DIR, CACHE_FILE);
const QUERIES = ["celery", "celary retry", "n+1", "redis -channels", '"exponential backoff"'];

/** What the journal reads as and what the queries find: the same with or without a cache. */
function answers(dir: string, cache: boolean) {
  const indexed = readIndexedJournal(openJournal(dir), { cache });
  const index = new SearchIndex(indexed);
  const found = QUERIES.map((q) => {
    const query = parseSearch([q]);
    return index.search(index.request(query, query.filter)).map((h) => [h.entry.path, h.score]);
  });
  const { entries, problems } = indexed.contents;
  return { entries: entries.map((e) => ({ ...e })), problems, found };
}

describe("a damaged entry cache", () => {
  const dir = fixtureJournal({ aged: true });
  const truth = answers(dir, false);
  readIndexedJournal(openJournal(dir));
  const whole = fs.readFileSync(cacheFile(dir));

  it("is never believed: cut or with any byte changed, every answer is the one without a cache", () => {
    const damaged: Buffer[] = [whole.subarray(0, whole.length - 2), whole.subarray(0, whole.length - 1), Buffer.concat([whole, Buffer.from("x")])];
    // Bytes all over the file: header, records (dates, titles) and terms.
    for (let i = 0; i < 60; i += 1) {
      const copy = Buffer.from(whole);
      const at = Math.floor(((i * 7919) % 1000) / 1000 * copy.length);
      copy[at] = copy[at]! ^ (1 << (i % 7));
      damaged.push(copy);
    }
    for (const bytes of damaged) {
      fs.writeFileSync(cacheFile(dir), bytes);
      expect(answers(dir, true)).toEqual(truth);
    }
    // And the cache written in its place is whole again.
    fs.writeFileSync(cacheFile(dir), damaged[0]!);
    readIndexedJournal(openJournal(dir));
    expect(readIndexedJournal(openJournal(dir)).stats).toMatchObject({ parsed: 0, written: false });
    expect(answers(dir, true)).toEqual(truth);
  });

  it("checks the values of a record like those of an entry, even under a right checksum", () => {
    /** Rewrites the cache with the `index`th value of an entry's record changed, and right checksums. */
    const rewrite = (index: number, value: string) => {
      readIndexedJournal(openJournal(dir));
      forgeCache(cacheFile(dir), (lines) => {
        const values = lines[0]!.split("\x1f");
        expect(values[3]).toBe("1");
        values[index] = value;
        lines[0] = values.join("\x1f");
        return lines;
      });
    };
    // A date that is no calendar date: the file is parsed again.
    rewrite(4, "2020-51-01");
    const again = readIndexedJournal(openJournal(dir), { cache: true });
    expect(again.stats.parsed).toBe(1);
    expect(again.contents.entries.map((e) => e.date)).not.toContain("2020-51-01");
    expect(answers(dir, true)).toEqual(truth);
    // A title on two lines, or tags that are no list of tags: the entry takes them from its file.
    for (const [index, value] of [[7, `\x1d${JSON.stringify("two\nlines")}`], [9, `\x1d${JSON.stringify({ not: "tags" })}`], [10, "yes"]] as const) {
      rewrite(index, value);
      expect(answers(dir, true)).toEqual(truth);
    }
  });

  it("after two folders swap names, their files (of the same size and change time) are read as they are, not as the records of their old paths", () => {
    const text = (word: string) => entryText({ title: `About ${word}`, topic: "Fruit", date: "2024-01-01", challenge: `${word} words` });
    const dir = makeTree({ "nexus.config.json": '{"entries":"entries"}\n', "entries/a/x.md": text("apple"), "entries/b/x.md": text("melon") });
    const file = (rel: string) => path.join(dir, "entries", rel);
    const old = new Date(Date.now() - 86_400_000);
    // Set back one after the other: on most systems both get the same change time (the test is meant for those).
    fs.utimesSync(file("a/x.md"), old, old);
    fs.utimesSync(file("b/x.md"), old, old);
    expect(readIndexedJournal(openJournal(dir)).stats).toMatchObject({ written: true, parsed: 2 });
    fs.renameSync(file("a"), file("c"));
    fs.renameSync(file("b"), file("a"));
    fs.renameSync(file("c"), file("b"));
    const titles = (cache: boolean) => readIndexedJournal(openJournal(dir), { cache }).contents.entries.map((e) => [e.path, e.title]);
    expect(titles(false)).toEqual([["entries/b/x.md", "About apple"], ["entries/a/x.md", "About melon"]]);
    expect(titles(true)).toEqual(titles(false));
  });

  it("after files are edited, added, removed and renamed, a cache made of the old index and the new files answers as the files do", () => {
    const changed = fixtureJournal({ aged: true });
    readIndexedJournal(openJournal(changed));
    const names = fs.readdirSync(path.join(changed, "entries")).sort();
    const file = (name: string) => path.join(changed, "entries", name);
    fs.writeFileSync(file(names[0]!), fs.readFileSync(file(names[0]!), "utf8").replace(/## Challenge\n/, "## Challenge\n\nCelery retries with exponential backoff and Redis channels.\n"));
    fs.rmSync(file(names[3]!));
    fs.renameSync(file(names[5]!), file(`2027-01-01-renamed-${names[5]}`));
    fs.writeFileSync(file("2026-12-31-new-entry.md"), entryText({ title: "A new celery entry", topic: "Celery", date: "2026-12-31", challenge: "The N+1 problem in Redis.", solution: "Exponential backoff." }));
    const old = new Date(Date.now() - 86_400_000);
    for (const name of [names[0]!, "2026-12-31-new-entry.md"]) fs.utimesSync(file(name), old, old);
    const truth = answers(changed, false);
    const rebuilt = readIndexedJournal(openJournal(changed));
    expect(rebuilt.stats).toMatchObject({ written: true, parsed: 3 });
    expect(answers(changed, true)).toEqual(truth);
    expect(readIndexedJournal(openJournal(changed)).stats).toMatchObject({ parsed: 0, written: false });
    expect(answers(changed, true)).toEqual(truth);
  });

  it("removes the settled temporary files of interrupted cache writes, and keeps young ones", () => {
    const folder = path.join(dir, CACHE_DIR);
    const old = path.join(folder, `.${CACHE_FILE}.123.deadbeef.tmp`);
    const young = path.join(folder, `.${CACHE_FILE}.456.cafebabe.tmp`);
    fs.writeFileSync(old, "half");
    fs.writeFileSync(young, "half");
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(old, hourAgo, hourAgo);
    fs.rmSync(cacheFile(dir));
    readIndexedJournal(openJournal(dir));
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(young)).toBe(true);
  });
});
