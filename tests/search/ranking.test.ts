import { describe, expect, it } from "vitest";
import { readIndexedJournal } from "../../src/journal/cache.js";
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
    expect(hits[0]!.score).toBeLessThan(hits[1]!.score);
  });

  it("orders equal matches newest first", () => {
    const hits = search("postgresql");
    expect(hits.map((h) => h.entry.date)).toEqual(["2026-06-25", "2026-04-15", "2025-11-05"]);
    expect(new Set(hits.map((h) => h.score))).toEqual(new Set([0]));
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

  it("gives scores from 0 to 1, lower is better", () => {
    for (const query of ["celery", "celary", "retries", "pagination", "kubernets"]) {
      for (const hit of search(query)) {
        expect(hit.score).toBeGreaterThanOrEqual(0);
        expect(hit.score).toBeLessThanOrEqual(1);
      }
    }
    expect(search("celery")[0]!.score).toBe(0);
    expect(search("celary")[0]!.score).toBeGreaterThan(0);
  });

  it("applies the list filters", () => {
    expect(search("indexes", { topic: "postgresql", since: "2026-01-01" }).map((h) => h.entry.path)).toEqual([entryPath("postgres-full-text-search")]);
    expect(search("django", { tags: ["cors"] }).map((h) => h.entry.path)).toEqual([entryPath("cors-headers")]);
    expect(search("celery", { until: "2026-01-01" })).toEqual([]);
  });
});
