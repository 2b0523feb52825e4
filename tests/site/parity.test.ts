// One code, one ranking: the site's search (the bundle the browser runs, here in
// Node) gives `nexus search`'s top 10, in order and with the same scores, for every
// query of the relevance set. tests/site/browser.test.ts checks the same in Chromium.
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";
import { buildFixtureSite, cliResults, nodeSearch, QUERIES, type BuiltSite, type Ranked } from "./fixture.js";

let site: BuiltSite;
let expected: Map<string, Ranked[]>;
let search: (q: string) => Promise<Ranked[]>;

beforeAll(async () => {
  site = await buildFixtureSite();
  expected = cliResults(site.journal, QUERIES);
  search = nodeSearch(site.repo);
}, 120_000);

describe("search on the site ranks as nexus search does", () => {
  it("checks at least 40 queries, most of them with results", () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(QUERIES.filter((q) => expected.get(q)!.length > 0).length).toBeGreaterThanOrEqual(40);
  });

  it.each(QUERIES)("%s", async (q) => {
    expect(await search(q)).toEqual(expected.get(q));
  });

  it("agrees with the CLI run as a command, scores and all", async () => {
    for (const q of ["celery retry", "kubernets", "optimize queries", "celery kubernetes"]) {
      const r = await runCli(["search", "--json", q], { cwd: site.journal });
      const cli = (JSON.parse(r.stdout) as { score: number }[]).map((h) => h.score);
      expect((await search(q)).map((h) => h.score)).toEqual(cli);
    }
  });
});
