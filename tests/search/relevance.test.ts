// The relevance set: 70 queries a learner would type (word forms, typos, code, several
// words, close entries, prefixes, other scripts, query syntax), each with the entry
// meant, on a 50-entry journal written for it. `npm run bench` prints the same figures.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { journalSearcher, measureRelevance, type RelevanceCase } from "../../src/search/relevance.js";
import { REPO_ROOT } from "../helpers.js";

const ROOT = path.join(REPO_ROOT, "tests", "fixtures", "search", "relevance");
const cases = JSON.parse(fs.readFileSync(path.join(ROOT, "queries.json"), "utf8")) as RelevanceCase[];
const report = measureRelevance(cases, journalSearcher(ROOT));

describe("the relevance set", () => {
  it("has at least 60 queries on at least 40 entries, each meaning one entry that exists", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const names = fs.readdirSync(path.join(ROOT, "entries"));
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) expect(names.some((n) => n.includes(c.expect)), c.expect).toBe(true);
  });

  it.each(report.ranks.map((r) => [r.query, r.expect, r.rank] as const))("%s ranks %s first", (_query, _expect, rank) => {
    expect(rank).toBe(1);
  });

  it("adds up to hit@1, hit@3 and MRR of 1", () => {
    expect(report).toMatchObject({ hit1: 1, hit3: 1, mrr: 1 });
  });
});
