import { describe, expect, it } from "vitest";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { mergeFilters, parseSearch } from "../../src/search/query.js";
import { entryText, makeTree, runCli } from "../helpers.js";
import { entryPath, fixtureJournal } from "./fixture.js";

describe("parsing the query syntax", () => {
  it("reads words, phrases, exclusions and filters", () => {
    const q = parseSearch(['celery "exponential backoff" -redis -"dead letter" topic:"REST APIs" tag:orm since:2024-01-01 until:2024-12-31']);
    expect(q.words.map((w) => w.text)).toEqual(["celery", "exponential", "backoff"]);
    expect(q.phrases).toEqual([[1, 2]]);
    expect(q.excluded.map((g) => g.map((w) => w.text))).toEqual([["redis"], ["dead", "letter"]]);
    expect(q.filter).toEqual({ topic: "REST APIs", tags: ["orm"], since: "2024-01-01", until: "2024-12-31" });
  });

  it("keeps code-like words with dashes and colons as words", () => {
    expect(parseSearch(["retry-after http://x n+1 -"]).words.map((w) => w.text)).toEqual(["retry-after", "http://x", "n+1", "-"]);
  });

  it.each([
    ['"unclosed phrase', /quote .* is never closed/],
    ["topic:", /topic: in the query needs a name/],
    ["tag: celery", /tag: in the query needs a name/],
    ["since:yesterday-ish", /since: must be a date/],
    ["topic:Django topic:Celery", /names two topics/],
    ['""', /empty phrase/],
  ])("refuses %s as a usage error", (query, message) => {
    expect(() => parseSearch([query])).toThrow(message);
  });

  it("merges the query's filters with the flags: both must hold", () => {
    expect(mergeFilters({ tags: ["a"], since: "2024-01-01" }, { tags: ["b"], since: "2024-06-01", until: "2024-12-01" })).toEqual({
      topic: undefined,
      tags: ["a", "b"],
      since: "2024-06-01",
      until: "2024-12-01",
    });
    expect(() => mergeFilters({ topic: "Django" }, { topic: "Celery" })).toThrow(/differ/);
  });
});

describe("searching with the query syntax", () => {
  const dir = fixtureJournal();
  const index = new SearchIndex(readIndexedJournal(openJournal(dir), { cache: false }));
  const paths = (q: string) => {
    const query = parseSearch([q]);
    return index.search(index.request(query, query.filter)).map((h) => h.entry.path);
  };

  it("a phrase needs its words in that order", () => {
    expect(paths('"exponential backoff"')).toEqual([entryPath("retrying-celery-tasks")]);
    expect(paths('"backoff exponential"')).toEqual([]);
  });

  it("a phrase with code-like words (n+1, c++) finds them as written, whole", () => {
    const n1 = entryPath("fixing-n-1-queries");
    expect(paths('"fixing n+1"')).toEqual([n1]);
    expect(paths('"n+1 queries"')).toEqual([n1]);
    expect(paths('"calling c++ from python"')).toEqual([entryPath("calling-c-from-python")]);
    expect(paths('"fixing n+12"')).toEqual([]);
    expect(paths('"n+1 fixing"')).toEqual([]);
    expect(paths('queries -"n+1 queries"')).not.toContain(n1);
    expect(paths("queries")).toContain(n1);
  });

  it("-word leaves out every entry with the word", () => {
    const all = paths("redis");
    const without = paths("redis -channels");
    expect(without.length).toBe(all.length - 1);
    expect(without).not.toContain(entryPath("real-time-notifications"));
    expect(paths("c++ -pybind11")).toEqual([]);
  });

  it("filters alone list the matching entries newest first", () => {
    const found = paths("topic:postgresql");
    expect(found.length).toBeGreaterThan(1);
    expect([...found].sort().reverse()).toEqual(found);
    expect(paths("topic:postgresql since:2026-01-01 until:2026-05-01")).toEqual([entryPath("postgres-full-text-search")]);
  });

  it("is the same syntax on the command line, with exit 2 for a malformed query", async () => {
    // A query with -word goes in one argument (or after --), so -word is no flag.
    const ok = await runCli(["search", '"exponential backoff" -kubernetes', "topic:celery", "--json"], { cwd: dir });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { path: string }[]).map((r) => r.path)).toEqual([entryPath("retrying-celery-tasks")]);
    const bad = await runCli(["search", "celery", "topic:"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/topic: in the query needs a name/);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
    const after = await runCli(["search", "--json", "--", "redis", "-channels"], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain("real-time-notifications");
    // -word on its own is a word to exclude, not an unknown flag; -n, -p and --flags stay flags.
    const bare = await runCli(["-C", ".", "search", "redis", "-channels", "-n", "20", "--json"], { cwd: dir });
    expect(bare.stderr).toBe("");
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe(after.stdout);
    expect(bare.stdout).toContain(entryPath("caching-expensive-views"));
    const typo = await runCli(["search", "redis", "-channels", "--limt", "3"], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown option '--limt'/);
  });

  it("--explain says why each result ranks where it does", async () => {
    const r = await runCli(["search", "celery", "retry", "--explain", "--limit", "1"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/score [\d.]+ = celery [\d.]+ \(title, .*\) \+ retry [\d.]+ \(title.*\)/);
  });
});

describe("code-like words in text written in NFD", () => {
  const nfd = "cafe\u0301";
  const dir = makeTree({
    "entries/2026-01-01-short.md": entryText({ title: "Short", topic: "T", date: "2026-01-01", challenge: `${nfd}.x and more` }),
    // A chunk over 200 characters: this entry's text is read to check a code-like word.
    "entries/2026-01-02-long.md": entryText({ title: "Long", topic: "T", date: "2026-01-02", challenge: `${nfd}.x and ${"a".repeat(150)}.${"b".repeat(100)}` }),
    "entries/2026-01-03-overlap.md": entryText({ title: "Overlap", topic: "T", date: "2026-01-03", challenge: "v1.v1.v1 then" }),
    "entries/2026-01-04-greek.md": entryText({ title: "Greek", topic: "T", date: "2026-01-04", challenge: "ΟΔΟΣ.x here" }),
    "entries/2026-01-05-greek-long.md": entryText({ title: "Greek long", topic: "T", date: "2026-01-05", challenge: `ΟΔΟΣ.x here ${"a".repeat(150)}.${"b".repeat(100)}` }),
  });
  const index = new SearchIndex(readIndexedJournal(openJournal(dir), { cache: false }));
  const paths = (q: string) => {
    const query = parseSearch([q]);
    return index.search(index.request(query, query.filter)).map((h) => h.entry.path).sort();
  };

  it("are found as typed (NFC), whether the entry's text is read or not, and in phrases", () => {
    const both = ["entries/2026-01-01-short.md", "entries/2026-01-02-long.md"];
    expect(paths("café.x")).toEqual(both);
    expect(paths('"café.x and"')).toEqual(both);
    expect(paths("-café.x and")).toEqual([]);
    // A literal's matches may overlap: the one right before the next word counts.
    expect(paths('"v1.v1 then"')).toEqual(["entries/2026-01-03-overlap.md"]);
    expect(paths('"v1.v1.v1.v1 then"')).toEqual([]);
  });

  it("in any case, a final sigma too, whether the entry's text is read or not", () => {
    const greek = ["entries/2026-01-04-greek.md", "entries/2026-01-05-greek-long.md"];
    for (const q of ["οδος.x", "οδοσ.x", "ΟΔΟΣ.x"]) expect(paths(q)).toEqual(greek);
  });
});
