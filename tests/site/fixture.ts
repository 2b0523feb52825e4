// The journal the site's tests build: the search relevance journal (50 entries) and
// a few more: one written by a hostile stranger, one that links to another entry,
// one with code. Built once per test file with the real CLI.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import type { RelevanceCase } from "../../src/search/relevance.js";
import { buildSiteModel } from "../../src/site/model.js";
import { REPO_ROOT, runCli, tempDir } from "../helpers.js";

export const RELEVANCE = path.join(REPO_ROOT, "tests", "fixtures", "search", "relevance");
/** The relevance set's queries, and two that no entry matches whole (closest matches). */
export const QUERIES = [...(JSON.parse(fs.readFileSync(path.join(RELEVANCE, "queries.json"), "utf8")) as RelevanceCase[]).map((c) => c.query), "celery kubernetes", "graphene zzqxv"];

export const HOSTILE_TITLE = `<img src=x onerror="window.__pwned=1;alert(1)"> & <script>alert(2)</script>`;
const hostile = `---
title: ${JSON.stringify(HOSTILE_TITLE)}
topic: "<svg onload=alert(3)>"
date: 2026-02-01
tags: ["<b>x</b>", "javascript:alert(4)"]
---
## Challenge

<script>window.__pwned = 2; alert(5)</script>
<img src="x" onerror="window.__pwned=3">
<svg onload="window.__pwned=4"></svg>

## Solution

[a link](javascript:window.__pwned=5) and <a href="javascript:alert(6)">another</a> and <iframe src="javascript:alert(7)"></iframe>

## Takeaway

<div onmouseover="alert(8)" style="position:fixed;inset:0">cover</div> \u0007 bell \u202e reversed
`;
const linking = `---
title: "Reading the relevance notes"
topic: "Testing"
date: 2026-02-02
tags: [links]
---
## Challenge

Which entry covers retries? See [retrying Celery tasks](${"PLACEHOLDER"}) and [the README](../README.md).

## Solution

\`\`\`python
def retry(task, attempts=3):
    return task.apply_async(countdown=2 ** attempts)
\`\`\`

## Takeaway

Follow the links between entries.
`;

export interface BuiltSite {
  journal: string;
  /** Built for https://example.github.io/repo/ (404.html links from /repo/). */
  repo: string;
  /** Built for https://example.org/ (404.html links from /). */
  root: string;
}

/** Copies the journal and builds its site twice (for /repo/ and for /). */
export async function buildFixtureSite(): Promise<BuiltSite> {
  const journal = tempDir("nexus-site-");
  fs.cpSync(RELEVANCE, journal, { recursive: true, filter: (src) => !src.includes(`${path.sep}.nexus`) });
  const retry = fs.readdirSync(path.join(journal, "entries")).find((n) => n.includes("retrying-celery-tasks"))!;
  fs.writeFileSync(path.join(journal, "entries", "2026-02-01-hostile.md"), hostile);
  fs.writeFileSync(path.join(journal, "entries", "2026-02-02-links.md"), linking.replace("PLACEHOLDER", retry));
  const repo = path.join(journal, "site-repo");
  const root = path.join(journal, "site-root");
  for (const [out, url] of [[repo, "https://example.github.io/repo/"], [root, "https://example.org/"]] as const) {
    const r = await runCli(["build-site", "--out", out, "--base-url", url], { cwd: journal, timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`build-site failed: ${r.stderr}`);
  }
  return { journal, repo, root };
}

export interface Ranked {
  page: string;
  score: number;
}

/** What `nexus search` finds for each query, top 10, as site pages and scores (the CLI's own engine and cache). */
export function cliResults(journalDir: string, queries: readonly string[]): Map<string, Ranked[]> {
  const indexed = readIndexedJournal(openJournal(journalDir));
  const model = buildSiteModel(indexed.contents.entries);
  const index = new SearchIndex(indexed);
  return new Map(
    queries.map((q) => {
      const query = parseSearch([q]);
      const request = index.request(query, query.filter);
      let hits = index.search(request);
      // As commands/search.ts does: when no entry has every word, the closest ones.
      if (hits.length === 0 && request.matchers.length > 1 && indexed.contents.count > 0) hits = index.search({ ...request, partial: true });
      hits = hits.slice(0, 10);
      return [q, hits.map((h) => ({ page: model.byPath.get(h.entry.path)!.page, score: h.score }))];
    }),
  );
}

type SearchApi = { query: (q: string, limit: number) => Promise<{ hits: Ranked[]; error?: string }> };

/**
 * The site's browser search code (dist/site/search.js) run in Node. With `lazy`, each
 * file of the site's index is handed to it when it asks for it (its name is added to
 * `lazy`), as a page loads them; else every file is handed to it first.
 */
export function nodeSearch(site: string, lazy?: string[]): (query: string) => Promise<Ranked[]> {
  const noop = () => {};
  let context: Record<string, unknown> = {};
  const element = () => {
    const script = { append: noop, remove: noop, onload: noop, set src(url: string) {
      const name = decodeURIComponent(new URL(url).pathname.replace(/^\/site\//, ""));
      lazy?.push(name);
      setTimeout(() => {
        vm.runInContext(fs.readFileSync(path.join(site, name), "utf8"), context);
        script.onload();
      });
    } };
    return script;
  };
  context = { URL, URLSearchParams, console, document: { baseURI: "file:///site/", head: { appendChild: noop }, createElement: element } };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(REPO_ROOT, "dist", "site", "search.js"), "utf8"), context);
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  if (!lazy) for (const file of walk(path.join(site, "search"))) vm.runInContext(fs.readFileSync(file, "utf8"), context);
  const api = context.nexusSearch as SearchApi;
  return async (q) => {
    const r = await api.query(q, 10);
    if (r.error) throw new Error(r.error);
    return r.hits.map((h) => ({ page: h.page, score: h.score }));
  };
}
