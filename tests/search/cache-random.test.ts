import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { makeTree } from "../helpers.js";

/** A small seeded generator (mulberry32): the same journal and edits on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const WORDS = [
  "celery", "redis", "retry", "backoff", "n+1", "asyncio.gather", "c++", "foo(", "#tag", "1.2.3", "RollingUpdate", "PostgreSQL",
  "café", "cafe\u0301", "日本語", "🚀", "emoji🚀rocket", "api/v1", "x".repeat(210) + ".y", "tab\there", "naïve", "Straße", "-dash", "queries",
];
const TITLE_BITS = ["Celery", "redis", "n+1", "a\x1fb", "c\x1ed", "e\x1df", "🚀", "café", "cafe\u0301", "quote\"d", "it's", "Straße"];
const TAGS = ["python", "db", "a\x1fb", "x\x1ey", "🚀", "c++", "naïve"];
const QUERIES = [
  "celery", "redis -retry", "n+1", "asyncio.gather", "c++", "foo(", "#tag", "1.2.3", "rolling update", "postgres", "café", "cafe\u0301",
  "日本語", "🚀", "api/v1", "-x", "x".repeat(50), "\"retry backoff\"", "naive", "strasse", "tag:python", "topic:celery", "...", "a\x1fb", "queries -n+1",
];

function entry(r: ReturnType<typeof random>, n: number): string {
  const words = (k: number) => Array.from({ length: k }, () => r.pick(WORDS)).join(r.pick([" ", "  ", "\n", ", ", "\r\n"]));
  const title = `${r.pick(TITLE_BITS)} ${n} ${r.pick(TITLE_BITS)}`.replace(/[\x1d-\x1f]/g, (c) => (r.next() < 0.5 ? c : ""));
  const tags = Array.from({ length: r.int(3) }, () => r.pick(TAGS));
  const quotedTitle = JSON.stringify(title);
  const body = `## Challenge\n\n${words(1 + r.int(8))}\n\n## Solution\n\n${words(r.int(6))}\n`;
  const text = `---\ntitle: ${quotedTitle}\ntopic: ${JSON.stringify(r.pick(["Celery", "Redis", "日本", "c++"]))}\ndate: 2026-0${1 + r.int(9)}-1${r.int(10)}\ntags: ${JSON.stringify(tags)}\n---\n${body}`;
  return r.next() < 0.2 ? text.replace(/\n/g, "\r\n") : text;
}

function answers(dir: string, cache: boolean, batchPostings?: number) {
  const indexed = readIndexedJournal(openJournal(dir), { cache, batchPostings });
  const index = new SearchIndex(indexed);
  const found = QUERIES.map((q) => {
    try {
      const query = parseSearch([q]);
      return index.search(index.request(query, query.filter)).map((h) => [h.entry.path, h.score]);
    } catch (error) {
      return String(error);
    }
  });
  const { entries, problems } = indexed.contents;
  return { entries: entries.map((e) => ({ ...e })), problems, found };
}

describe("the entry cache over random edits", () => {
  it("answers every query as reading every file does, after each round of edits, renames and deletions", () => {
    const r = random(20261129);
    const dir = makeTree({ "nexus.config.json": "{}\n" });
    const folder = path.join(dir, "entries");
    fs.mkdirSync(folder, { recursive: true });
    let clock = Date.now() - 86_400_000 * 10;
    let n = 0;
    let hits = 0;
    const write = (name: string) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, entry(r, n++));
      clock += 1000;
      fs.utimesSync(file, new Date(clock), new Date(clock));
    };
    for (let i = 0; i < 12; i += 1) write(`2026-01-${String(10 + i)}-e${i}.md`);
    for (let round = 0; round < 25; round += 1) {
      const names = fs.readdirSync(folder).filter((x) => x.endsWith(".md"));
      for (let k = 0; k < 1 + r.int(3); k += 1) {
        const op = r.int(4);
        const name = r.pick(names.length ? names : ["none.md"]);
        if (op === 0 || !fs.existsSync(path.join(folder, name))) write(`2026-02-${10 + r.int(20)}-n${n}.md`);
        else if (op === 1) write(name);
        else if (op === 2) fs.renameSync(path.join(folder, name), path.join(folder, `2026-03-${10 + r.int(20)}-r${n++}.md`));
        else fs.rmSync(path.join(folder, name));
      }
      const truth = answers(dir, false);
      // Every other round, the postings of the entries parsed are set aside by batches of a few.
      expect(answers(dir, true, round % 2 ? 3 : undefined)).toEqual(truth);
      const again = readIndexedJournal(openJournal(dir));
      expect(again.stats.parsed).toBe(0);
      expect(answers(dir, true)).toEqual(truth);
      hits += truth.found.filter((f) => Array.isArray(f) && f.length > 0).length;
    }
    expect(hits).toBeGreaterThan(100);
  });
});
