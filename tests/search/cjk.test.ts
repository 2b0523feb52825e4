// Chinese, Japanese and Korean: besides the words Intl.Segmenter cuts, text is indexed by
// overlapping pairs of characters, so a word found inside a longer word (東京 in 東京タワー,
// 서울 in 서울에서) is found too, ranked below the entries that have it as a word.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { journalSearcher } from "../../src/search/relevance.js";
import { isPairedWord, PAIR_MARK, pairCounts, pairsOf } from "../../src/search/tokens.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers.js";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "search", "cjk");
const searcher = (language: string) => journalSearcher(path.join(FIXTURES, language));
const ja = searcher("ja");
const zh = searcher("zh");
const ko = searcher("ko");
const slug = (p: string) => path.basename(p, ".md").slice(11);

describe("pairs of characters", () => {
  it("are the overlapping pairs of a word of these scripts", () => {
    expect(pairsOf("東京タワー")).toEqual(["東京", "京タ", "タワ", "ワー"].map((p) => PAIR_MARK + p));
    expect(isPairedWord("東京")).toBe(true);
    expect(isPairedWord("서울")).toBe(true);
    expect(isPairedWord("東")).toBe(false);
    expect(isPairedWord("tokyo")).toBe(false);
    expect(isPairedWord("東京2026")).toBe(false);
  });

  it("are counted across the words the segmenter cuts, leaving out a pair that is a word of its own", () => {
    // 東京都庁 is cut 東京 | 都庁: both are words already, 京都 spans them.
    expect([...pairCounts(["東京都庁"]).keys()]).toEqual([PAIR_MARK + "京都"]);
    expect(pairCounts(["東京タワー、東京タワー"]).get(PAIR_MARK + "東京")).toBe(2);
    expect(pairCounts(["plain English text"]).size).toBe(0);
  });

  it("are made of the text's normal form, as a query word's are", () => {
    // Half-width katakana and voiced kana: the same pairs as the full-width, unvoiced query.
    expect(pairCounts(["ﾃﾞｰﾀ"]).has(PAIR_MARK + "テー")).toBe(true);
  });
});

describe("Japanese journal", () => {
  it("finds 東京 inside 東京タワー, below the entries with 東京 as a word", () => {
    expect(ja("東京").map(slug)).toEqual(["tokyo-weather-api", "skytree-photos", "tokyo-tower"]);
  });

  it("finds a longer word inside a longer one by all its pairs", () => {
    expect(ja("タワー").map(slug)).toEqual(["tokyo-tower"]);
    // Not every pair of タワーX is in the journal: nothing.
    expect(ja("タワーズ")).toEqual([]);
  });

  it("still finds whole words and several words", () => {
    expect(ja("インデックス").map(slug)).toEqual(["index-design"]);
    expect(ja("東京 富士山").map(slug)).toEqual(["tokyo-tower"]);
    expect(ja("学習").map(slug)).toEqual(["model-deploy"]);
  });
});

describe("Chinese journal", () => {
  it("finds 一致 inside 一致性, below the entry with 一致 as a word", () => {
    expect(zh("一致").map(slug)).toEqual(["keep-in-sync", "consistency"]);
    expect(zh("一致性").map(slug)).toEqual(["consistency"]);
  });

  it("finds words the segmenter cuts the same way in query and text", () => {
    expect(zh("连接池").map(slug)).toEqual(["connection-pool"]);
    expect(zh("队列").map(slug)).toEqual(["queue-retry"]);
  });
});

describe("Korean journal", () => {
  it("finds a word with a particle attached (서울 in 서울에서, 인덱스 in 인덱스를)", () => {
    expect(ko("서울").map(slug)).toEqual(["seoul"]);
    expect(ko("인덱스").map(slug)).toEqual(["index"]);
    expect(ko("풀 크기").map(slug)).toEqual(["pool"]);
  });
});

describe("nexus search on CJK text", () => {
  it("marks the word inside the longer one and finds the same through the cache", async () => {
    const dir = tempDir("nexus-cjk-");
    fs.cpSync(path.join(FIXTURES, "ja"), dir, { recursive: true });
    const old = new Date(Date.now() - 86_400_000);
    for (const name of fs.readdirSync(path.join(dir, "entries"))) fs.utimesSync(path.join(dir, "entries", name), old, old);
    for (const run of ["first", "cached"]) {
      const r = await runCli(["search", "東京", "--json"], { cwd: dir });
      expect(r.code, run).toBe(0);
      const results = JSON.parse(r.stdout) as { path: string; matches: string[]; snippet: string }[];
      expect(results.map((x) => slug(x.path)), run).toEqual(["tokyo-weather-api", "skytree-photos", "tokyo-tower"]);
      expect(results[2]!.matches, run).toEqual(["title", "takeaway"]);
      expect(results[2]!.snippet, run).toContain("東京タワー");
    }
    expect(fs.existsSync(path.join(dir, ".nexus"))).toBe(true);
    const colored = await runCli(["search", "東京"], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    // The snippet of 東京タワー marks 東京 inside it.
    expect(colored.stdout).toContain("\u001b[33m東京\u001b[39m\u001b[22mタワー");
  });
});
