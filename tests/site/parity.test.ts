// One code, one ranking: the site's search (the bundle the browser runs, here in
// Node) gives `nexus search`'s top 10, in order and with the same scores, for every
// query of the relevance set. tests/site/browser.test.ts checks the same in Chromium.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { openJournal } from "../../src/journal/root.js";
import { EntryText, type WordPlace } from "../../src/search/entry-text.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { readIndexedJournal } from "../../src/search/read.js";
import { Store, type Header } from "../../src/site/browser/store.js";
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

describe("the places of words in the site's index (for the bonus of words side by side)", () => {
  it("are those the CLI finds in the text, for every word of every entry", () => {
    const store = new Store();
    const context = vm.createContext({ nexusSearch: { put: (name: string, data: unknown) => store.data.set(name, data) } });
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
    for (const file of walk(path.join(site.repo, "search"))) vm.runInContext(fs.readFileSync(file, "utf8"), context);
    store.open(store.data.get("index") as Header);
    const { entries } = readIndexedJournal(openJournal(site.journal)).contents;
    const words = store.vocabulary.flatMap((t, id) => (t.charCodeAt(0) > 2 ? [id] : []));
    const found = store.places(words, entries.map((_, at) => at))!;
    // Both parts of the index: the base and the tail of the newest entries.
    expect(store.header.base).toBeGreaterThan(0);
    expect(store.header.base).toBeLessThan(entries.length);
    let checked = 0;
    entries.forEach((entry, at) => {
      const expected: WordPlace[] = new EntryText(entry).places();
      checked += expected.length;
      expect(found.get(at) ?? [], entry.path).toEqual(expected);
    });
    expect(checked).toBeGreaterThan(5000);
    // An index of a build before places (a cached search/index.js): the engine reads texts instead.
    delete (store.header.shards as { p?: string }).p;
    expect(store.places(words, [0])).toBeUndefined();
  });

  it("are loaded for a query of several words instead of the texts of results not shown", async () => {
    // Words most entries have: more than the 40 results whose words side by side count.
    const many = ["the and", "a the"];
    const index = new SearchIndex(readIndexedJournal(openJournal(site.journal)));
    for (const q of many) expect(index.search(index.request(parseSearch([q]), {})).length, q).toBeGreaterThan(40);
    const cli = cliResults(site.journal, many);
    for (const q of many) {
      const loaded: string[] = [];
      expect(await nodeSearch(site.repo, loaded)(q)).toEqual(cli.get(q));
      expect(loaded.filter((name) => name.startsWith("search/t/p") || name.startsWith("search/t/q")).length, q).toBeGreaterThan(0);
      expect(loaded.filter((name) => name.startsWith("search/x/")).length, q).toBeLessThanOrEqual(10);
    }
  });
});
