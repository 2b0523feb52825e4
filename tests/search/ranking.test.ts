import { describe, expect, it } from "vitest";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseQuery } from "../../src/search/query.js";
import { entryPath, fixtureJournal } from "./fixture.js";

const index = new SearchIndex(readIndexedJournal(openJournal(fixtureJournal()), { cache: false }));
const search = (query: string, filter = {}) => index.search(parseQuery([query]).map((w) => index.matcher(w)), filter);
const paths = (query: string) => search(query).map((h) => h.entry.path);

describe("ranking on the fixture journal", () => {
  it("has at least 20 entries", () => {
    expect(index.journal.contents.entries.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    // exact words
    ["celery", "retrying-celery-tasks"],
    ["idempotency", "idempotency-keys"],
    ["dockerfile", "smaller-docker-image"],
    // several words, any order
    ["celery retry backoff", "retrying-celery-tasks"],
    ["backoff celery", "retrying-celery-tasks"],
    ["redis cache invalidation", "caching-expensive-views"],
    ["gather httpx", "concurrent-http-calls"],
    // typos: a wrong, a missing, a swapped letter
    ["celary", "retrying-celery-tasks"],
    ["throtling", "throttling-the-public-api"],
    ["kubernets", "rolling-deployments-on-kubernetes"],
    ["postgers", "postgres-full-text-search"],
    ["idempotnecy", "idempotency-keys"],
    // code-ish words, literally
    ["n+1", "fixing-n-1-queries"],
    ["select_related()", "fixing-n-1-queries"],
    ["asyncio.gather", "concurrent-http-calls"],
    ["retry-after", "honouring-retry-after"],
    ["c++", "calling-c-from-python"],
    ["/api/v1/", "versioning-a-rest-api"],
    // tag and topic words
    ["etag", "conditional-gets-with-etag"],
    ["csrf", "csrf-tokens"],
    ["pybind11", "calling-c-from-python"],
    ["observability", "structured-logging"],
    // a prefix
    ["websocket", "real-time-notifications"],
  ])("%s finds %s first", (query, slug) => {
    expect(paths(query)[0]).toBe(entryPath(slug));
  });

  it("ranks a hit in the title above a hit in the body of a newer entry", () => {
    // "pagination" is the title of a May 16 entry and in the notes of a May 25 entry.
    expect(paths("pagination")).toEqual([entryPath("cursor-pagination"), entryPath("caching-expensive-views")]);
  });

  it("ranks an exact word above a typo of it, even in a newer entry", () => {
    const hits = search("retries");
    expect(hits[0]!.entry.path).toBe(entryPath("retrying-celery-tasks"));
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("orders equal scores newest first", () => {
    for (const query of ["django", "api", "redis", "test"]) {
      const hits = search(query);
      for (let i = 1; i < hits.length; i += 1) {
        if (hits[i]!.score === hits[i - 1]!.score) expect(hits[i]!.entry.date <= hits[i - 1]!.entry.date).toBe(true);
        else expect(hits[i]!.score).toBeLessThan(hits[i - 1]!.score);
      }
    }
  });

  it("narrows with every extra word", () => {
    const one = paths("redis");
    const two = paths("redis channels");
    expect(one.length).toBeGreaterThan(two.length);
    expect(two).toEqual([entryPath("real-time-notifications")]);
  });

  it("keeps short exact words free of fuzzy noise", () => {
    // cors is one letter from... nothing that csrf should bring; and patch must not find "batch".
    expect(paths("csrf")).toEqual([entryPath("csrf-tokens")]);
    expect(paths("cors")).toEqual([entryPath("cors-headers")]);
    expect(paths("patch")).toEqual([entryPath("mocking-time")]);
  });

  it("matches code-ish words literally, not by their letters alone", () => {
    // "c" and "python" are everywhere; only one entry has the text c++.
    expect(paths("c++")).toEqual([entryPath("calling-c-from-python")]);
    expect(paths("asyncio.gather")).toEqual([entryPath("concurrent-http-calls")]);
    expect(paths("/api/v2/")).toEqual([entryPath("versioning-a-rest-api")]);
    expect(paths("/api/v3/")).toEqual([]);
  });

  it("gives positive scores, higher is better, an exact word above its typo", () => {
    for (const query of ["celery", "celary", "retries", "pagination", "kubernets"]) {
      for (const hit of search(query)) expect(hit.score).toBeGreaterThan(0);
    }
    expect(search("celery")[0]!.score).toBeGreaterThan(search("celary")[0]!.score);
  });

  it("applies the list filters", () => {
    expect(search("indexes", { topic: "postgresql", since: "2026-01-01" }).map((h) => h.entry.path)).toEqual([entryPath("postgres-full-text-search")]);
    expect(search("django", { tags: ["cors"] }).map((h) => h.entry.path)).toEqual([entryPath("cors-headers")]);
    expect(search("celery", { until: "2026-01-01" })).toEqual([]);
  });
});

describe("a hit", () => {
  it("has a Hit's own properties only, its entry the journal's and its words' shares summing to its score", () => {
    const [hit] = index.search(parseQuery(["celery", "retry"]).map((w) => index.matcher(w)));
    expect(Object.keys(hit!).sort()).toEqual(["proximity", "score"]);
    expect(JSON.parse(JSON.stringify(hit))).toEqual({ score: hit!.score, proximity: hit!.proximity });
    expect(index.journal.contents.entries).toContain(hit!.entry);
    expect(hit!.words.map((w) => w.word)).toEqual(["celery", "retry"]);
    expect(hit!.words).toBe(hit!.words);
    const sum = hit!.words.reduce((total, w) => total + w.score, 0) * hit!.proximity;
    expect(Math.abs(sum - hit!.score)).toBeLessThan(0.01);
  });
});
