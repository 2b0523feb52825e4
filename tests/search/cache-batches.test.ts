import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE } from "../../src/journal/cache.js";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { PostingRuns, type RunStore } from "../../src/journal/posting-runs.js";
import { PostingsReader } from "../../src/journal/postings.js";
import { postingBlocks } from "../../src/journal/posting-blocks.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { entryText, makeTree } from "../helpers.js";
import { fixtureJournal } from "./fixture.js";

/** A run store in memory, as the scratch file beside the cache is. */
function memoryStore(): RunStore & { bytes: () => Buffer } {
  let chunks: Buffer[] = [];
  let whole = Buffer.alloc(0);
  const bytes = () => {
    if (chunks.length) {
      whole = Buffer.concat([whole, ...chunks]);
      chunks = [];
    }
    return whole;
  };
  return {
    append: (b) => void chunks.push(Buffer.from(b)),
    read: (buffer, position) => bytes().copy(buffer, 0, position, Math.min(bytes().length, position + buffer.length)),
    bytes,
  };
}

/** Every posting read back from runs, by term, for terms 0 to `terms` - 1. */
function readBack(runs: PostingRuns, terms: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  const read = runs.reader();
  for (let id = 0; id < terms; id += 1) read(id, (record, packed) => out.push([id, record, packed]));
  return out;
}

const QUERIES = ["celery", "redis retry", "n+1", "cache", "kubernets", "\"connection pool\"", "topic:celery", "deploy -docker", "k"];

function answers(dir: string, options: { cache: boolean; batchPostings?: number }) {
  const indexed = readIndexedJournal(openJournal(dir), options);
  const index = new SearchIndex(indexed);
  const found = QUERIES.map((q) => {
    const query = parseSearch([q]);
    return index.search(index.request(query, query.filter)).map((h) => [h.entry.path, h.score]);
  });
  return { entries: indexed.contents.entries.map((e) => ({ ...e })), problems: indexed.contents.problems, found, stats: indexed.stats };
}

const cacheOf = (dir: string) => fs.readFileSync(path.join(dir, CACHE_DIR, CACHE_FILE));

/** The fixture journal with more entries, some broken, some with a warning, aged so that all are cached. */
function largerJournal(): string {
  const dir = fixtureJournal();
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    files[`entries/2025-03-${day}-extra-${i}.md`] = entryText({
      title: `Extra ${i} celery redis ${i % 3 === 0 ? "cache" : "deploy"}`,
      topic: i % 2 ? "Celery" : "Docker",
      date: `2025-03-${day}`,
      challenge: `Retry ${"word ".repeat(i)} connection pool n+1 ${i}`,
    });
  }
  files["entries/2025-04-01-broken.md"] = "---\ntitle: [unclosed\n---\n";
  files["entries/2025-04-02-date.md"] = entryText({ title: "Date differs", topic: "Misc", date: "2025-04-03", solution: "celery" });
  makeTree(files, dir);
  const old = new Date(Date.now() - 86_400_000);
  for (const name of fs.readdirSync(path.join(dir, "entries"))) fs.utimesSync(path.join(dir, "entries", name), old, old);
  return dir;
}

describe("postings set aside by batches", () => {
  it("gives back every posting by term, in record order, whatever the batch size", () => {
    const posting = fc.tuple(fc.nat(60), fc.nat(5000));
    const entry = fc.array(posting, { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (entries, batch) => {
        const runs = new PostingRuns(memoryStore(), batch);
        const expected: [number, number, number][] = [];
        entries.forEach((pairs, record) => {
          const seen = new Set<number>();
          for (const [id, packed] of pairs) {
            if (seen.has(id)) continue;
            seen.add(id);
            runs.add(record * 7, id, packed);
            expected.push([id, record * 7, packed]);
          }
          runs.entryDone();
        });
        expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(readBack(runs, 61)).toEqual(expected);
        for (const [id] of expected) expect(runs.count(id)).toBe(expected.filter((e) => e[0] === id).length);
      }),
    );
  });

  it("sets a batch aside once it holds enough postings, and refuses records out of order", () => {
    const store = memoryStore();
    const runs = new PostingRuns(store, 3);
    runs.add(0, 5, 1);
    runs.add(0, 2, 1);
    runs.entryDone();
    expect(runs.runCount).toBe(0);
    runs.add(1, 2, 4);
    runs.entryDone();
    expect(runs.runCount).toBe(1);
    runs.add(2, 9, 1);
    expect(() => runs.add(1, 3, 1)).toThrow(/increasing order/);
    expect(readBack(runs, 10)).toEqual([[2, 0, 1], [2, 1, 4], [5, 0, 1], [9, 2, 1]]);
    expect(runs.runCount).toBe(2);
  });

  it("does not read a damaged run as postings", () => {
    const store = memoryStore();
    const runs = new PostingRuns(store, 1);
    runs.add(0, 1, 300);
    runs.entryDone();
    store.bytes()[2] = 0x0a;
    expect(() => readBack(runs, 2)).toThrow(/damaged/);
  });
});

describe("the old index merged into a new one", () => {
  it("is read again a chunk at a time, and a block damaged since it was counted stops the write", () => {
    // (term, packed) pairs in the codec's digits: # is 0, $ 1, % 2.
    const fresh = [{ record: 0, pairs: "#$$%" }, { record: 1, pairs: "#%%$" }];
    const directory: number[] = [];
    const first = Buffer.concat(Array.from(postingBlocks({ terms: 3, fresh }, directory), (b) => Buffer.from(b)));
    let reads = 0;
    let damaged = false;
    const reader = new PostingsReader(3, directory, (offset, length) => {
      reads += 1;
      const bytes = Buffer.from(first.subarray(offset, offset + length));
      if (damaged) bytes[0] = 0x0a;
      return bytes;
    });
    const merged = () => Buffer.concat(Array.from(postingBlocks({ terms: 3, stored: { postings: reader, renumber: Int32Array.of(1, 0) }, fresh: [] }, []), (b) => Buffer.from(b)));
    const again = merged();
    // Counted, let go, then read again for the chunk.
    expect(reads).toBe(2);
    expect(again.length).toBe(first.length);
    reader.forget();
    const counted = reader.line(0);
    expect(counted).toBeDefined();
    damaged = true;
    expect(() => merged()).toThrow(/could not be read again/);
  });
});

describe("a cache built by batches", () => {
  it("is the same file, with the same answers, as one built in one batch, cold and then warm", () => {
    const dir = largerJournal();
    const truth = answers(dir, { cache: false });
    expect(truth.found.filter((f) => f.length > 0).length).toBeGreaterThan(5);

    const one = answers(dir, { cache: true });
    expect(one.stats).toMatchObject({ parsed: 64, written: true });
    const whole = cacheOf(dir);
    fs.rmSync(path.join(dir, CACHE_DIR, CACHE_FILE));

    for (const batchPostings of [1, 7, 100]) {
      const cold = answers(dir, { cache: true, batchPostings });
      expect(cold.stats).toMatchObject({ parsed: 64, written: true });
      expect({ ...cold, stats: 0 }).toEqual({ ...truth, stats: 0 });
      expect(cacheOf(dir).equals(whole)).toBe(true);
      const warm = answers(dir, { cache: true });
      expect(warm.stats).toMatchObject({ parsed: 0, reused: 64 });
      expect({ ...warm, stats: 0 }).toEqual({ ...truth, stats: 0 });
      // Nothing but the cache is left in .nexus/: the scratch file of the runs is gone.
      expect(fs.readdirSync(path.join(dir, CACHE_DIR)).sort()).toEqual([".gitignore", CACHE_FILE]);
      fs.rmSync(path.join(dir, CACHE_DIR, CACHE_FILE));
    }
    expect({ ...one, stats: 0 }).toEqual({ ...truth, stats: 0 });
  });

  it("merges postings set aside with those of the cache read, when some entries changed", () => {
    const dir = largerJournal();
    answers(dir, { cache: true });
    const truthBefore = answers(dir, { cache: false });
    expect(answers(dir, { cache: true }).found).toEqual(truthBefore.found);
    // Half of the entries change: their postings are set aside by tiny batches, the others copied from the cache.
    const folder = path.join(dir, "entries");
    const names = fs.readdirSync(folder).filter((n) => n.includes("extra"));
    const old = new Date(Date.now() - 3_600_000);
    names.filter((_, i) => i % 2 === 0).forEach((name, i) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Retry", i % 2 ? "Kubernetes" : "Retry redis"));
      fs.utimesSync(file, old, old);
    });
    const truth = answers(dir, { cache: false });
    const mixed = answers(dir, { cache: true, batchPostings: 2 });
    expect(mixed.stats).toMatchObject({ parsed: names.length / 2, written: true });
    expect({ ...mixed, stats: 0 }).toEqual({ ...truth, stats: 0 });
    expect({ ...answers(dir, { cache: true }), stats: 0 }).toEqual({ ...truth, stats: 0 });
  });

  it("answers from the postings set aside even when the cache cannot be written after all", () => {
    const dir = largerJournal();
    const truth = answers(dir, { cache: false });
    // A folder where the cache file goes: the scratch file opens, the rename onto it fails.
    fs.mkdirSync(path.join(dir, CACHE_DIR, CACHE_FILE), { recursive: true });
    const failed = answers(dir, { cache: true, batchPostings: 5 });
    expect(failed.stats).toMatchObject({ parsed: 64, written: false });
    expect({ ...failed, stats: 0 }).toEqual({ ...truth, stats: 0 });
    expect(fs.readdirSync(path.join(dir, CACHE_DIR)).sort()).toEqual([CACHE_FILE]);
  });

  it("answers from the files when the cache just written is cut before the first search", () => {
    const dir = makeTree({ "nexus.config.json": "{}\n" });
    fs.mkdirSync(path.join(dir, "entries"));
    const old = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 5; i += 1) {
      const file = path.join(dir, "entries", `2025-01-0${i + 1}-e${i}.md`);
      fs.writeFileSync(file, entryText({ title: `Entry ${i}`, topic: "Celery", date: `2025-01-0${i + 1}`, challenge: `celery retry ${i}` }));
      fs.utimesSync(file, old, old);
    }
    const journal = openJournal(dir);
    const truth = answers(dir, { cache: false });
    const indexed = readIndexedJournal(journal, { batchPostings: 1 });
    expect(indexed.stats.written).toBe(true);
    // The postings set aside are only in that file now: cut, they are worked out again from the entries.
    const file = path.join(dir, CACHE_DIR, CACHE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 10));
    const index = new SearchIndex(indexed);
    const query = parseSearch(["celery"]);
    expect(index.search(index.request(query, query.filter)).map((h) => [h.entry.path, h.score])).toEqual(truth.found[0]);
  });
});
