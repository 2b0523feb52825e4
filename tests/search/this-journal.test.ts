// Searches a new user tried on this repository's own journal (issue 9), on a copy of entries/.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, tempDir } from "../helpers.js";

const dir = tempDir("nexus-this-journal-");
fs.cpSync(path.join(REPO_ROOT, "entries"), path.join(dir, "entries"), { recursive: true });
fs.copyFileSync(path.join(REPO_ROOT, "nexus.config.json"), path.join(dir, "nexus.config.json"));

async function titles(...query: string[]): Promise<string[]> {
  const r = await runCli(["search", ...query, "--json", "--limit", "50"], { cwd: dir });
  expect(r.stderr).toBe("");
  return (JSON.parse(r.stdout) as { title: string }[]).map((x) => x.title);
}

describe("search on this repository's journal", () => {
  it("ranks Database Query Optimization first for n+1", async () => {
    expect((await titles("n+1"))[0]).toBe("Database Query Optimization");
  });

  it("finds Database Query Optimization for optimize queries", async () => {
    expect((await titles("optimize", "queries"))[0]).toBe("Database Query Optimization");
  });

  it("finds Containerizing Django applications for containerize", async () => {
    expect((await titles("containerize"))[0]).toMatch(/^Containerizing Django applications/);
  });

  it("finds the same entries for cache and caching", async () => {
    const cache = await titles("cache");
    const caching = await titles("caching");
    // Every entry with a form of the word (cache, cached, caching, caches), and the same for both.
    expect(cache.length).toBeGreaterThanOrEqual(3);
    expect(new Set(cache)).toEqual(new Set(caching));
    expect(cache[0]).toBe(caching[0]);
  });
});
