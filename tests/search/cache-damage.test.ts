import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE, readIndexedJournal } from "../../src/journal/cache.js";
import { cachePieces, codeFingerprint, type CacheRecord } from "../../src/journal/cache-file.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { fixtureJournal } from "./fixture.js";

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
    const indexed = readIndexedJournal(openJournal(dir));
    expect(indexed.stats.parsed).toBe(0);
    const text = fs.readFileSync(cacheFile(dir), "utf8").split("\n");
    const records = JSON.parse(text[1]!) as CacheRecord[];
    const ok = records.findIndex((r) => r[3] === 1);
    const bad = structuredClone(records);
    (bad[ok] as unknown[])[6] = "2020-51-01";
    const rest = text.slice(2);
    const vocabulary = rest.slice(0, (JSON.parse(text[0]!) as { terms: number }).terms);
    fs.writeFileSync(cacheFile(dir), [...cachePieces(codeFingerprint(), bad, vocabulary, rest.slice(vocabulary.length))].join(""));
    const again = readIndexedJournal(openJournal(dir), { cache: true });
    expect(again.stats.parsed).toBe(1);
    expect(again.contents.entries.map((e) => e.date)).not.toContain("2020-51-01");
    expect(answers(dir, true)).toEqual(truth);
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
