import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";
import { entryPath, fixtureJournal } from "./fixture.js";

const journal = fixtureJournal();
const search = (args: string[], env?: Record<string, string | undefined>) => runCli(["search", ...args], { cwd: journal, env });

describe("nexus search output", () => {
  it("prints date, topic, title and tags, then the path and a snippet with the match", async () => {
    const r = await search(["throtling"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    // 80 columns without a terminal: the title is whole, the tags that do not fit are counted.
    expect(lines[0]).toBe("2026-02-03  Django REST Fra…  Throttling the public API with DRF  +2");
    expect(lines[1]).toBe(`  ${entryPath("throttling-the-public-api")}`);
    // The typo also finds other forms of the word in the solution (the words of
    // AnonRateThrottle and of DEFAULT_THROTTLE_RATES): the snippet shows them.
    expect(lines[2]).toMatch(/^ {2}…`AnonRateThrottle` .*DEFAULT_THROTTLE_RATES.*…$/);
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it("cuts the snippet around the match in the body, with ellipses", async () => {
    const r = await search(["lockstep"]);
    expect(r.code).toBe(0);
    const snippet = r.stdout.split("\n")[2]!;
    expect(snippet).toMatch(/^ {2}….* lockstep\.$/);
    expect(snippet.length).toBeLessThanOrEqual(80);
  });

  it("separates results with a blank line and keeps every snippet on one line", async () => {
    const r = await search(["redis"]);
    expect(r.code).toBe(0);
    const blocks = r.stdout.trimEnd().split("\n\n");
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks) expect(block.split("\n")).toHaveLength(3);
  });

  it("highlights the matched text when colour is on", async () => {
    const r = await search(["celary"], { NO_COLOR: undefined, FORCE_COLOR: "1" });
    expect(r.code).toBe(0);
    // bold + yellow around the word as written in the entry
    expect(r.stdout).toMatch(/\u001b\[1m\u001b\[33mCelery\u001b\[39m\u001b\[22m/);
  });

  it("prints JSON best first with path, title, topic, date, tags, score and matches", async () => {
    const r = await search(["retry-after", "--json"]);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results.map((x) => x.path)).toEqual([entryPath("honouring-retry-after"), entryPath("throttling-the-public-api")]);
    expect(results[0]).toEqual({
      path: entryPath("honouring-retry-after"),
      title: "Honouring Retry-After in API clients",
      topic: "Python",
      date: "2026-03-01",
      tags: ["http", "resilience"],
      score: expect.any(Number) as unknown as number,
      matches: ["title", "solution"],
      why: { words: [{ word: "retry-after", score: expect.any(Number) as unknown as number, fields: { title: 1, solution: 1 } }], proximity: 1 },
      snippet: expect.stringContaining("Retry-After") as unknown as string,
      partial: false,
    });
    // Higher is better: a match in the title outweighs one in the solution.
    expect(results[0]!.score as number).toBeGreaterThan(results[1]!.score as number);
    expect(results[1]!.matches).toEqual(["solution"]);
  });

  it("--limit caps the results and says how many more there are", async () => {
    const r = await search(["api", "--limit", "2", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    expect(r.stderr).toMatch(/^2 of \d+ matching entries shown; --limit \d+ shows all\n$/);
  });

  it("defaults to 10 results", async () => {
    const r = await search(["the", "--json"]);
    expect(JSON.parse(r.stdout)).toHaveLength(10);
  });

  it("filters by --topic, --tag, --since and --until like list", async () => {
    const r = await search(["indexes", "--topic", "postgresql", "--since", "2026-01-01", "--json"]);
    expect((JSON.parse(r.stdout) as { path: string }[]).map((x) => x.path)).toEqual([entryPath("postgres-full-text-search")]);
    const tagged = await search(["django", "--tag", "cors", "--tag", "django", "--json"]);
    expect((JSON.parse(tagged.stdout) as { path: string }[]).map((x) => x.path)).toEqual([entryPath("cors-headers")]);
    const until = await search(["celery", "--until", "2026-01-01"]);
    expect(until.code).toBe(1);
    expect(until.stderr).toContain('No entries match "celery" with these filters.');
  });

  it("rejects a bad date or limit as a usage error", async () => {
    expect((await search(["celery", "--since", "last week"])).code).toBe(2);
    const limit = await search(["celery", "--limit", "0"]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("--limit must be a whole number");
  });
});

describe("nexus search with no result", () => {
  it("says so on stderr, suggests close topics, tags or titles, and exits 1", async () => {
    const r = await search(["kuuberneetess"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('No entries match "kuuberneetess".');
    expect(r.stderr).toContain('"kuuberneetess" is in no entry.');
    expect(r.stderr).toMatch(/Did you mean: .*Rolling deployments on Kubernetes/);
  });

  it("shows the entries with most of the words when none has them all, says so on stderr and exits 1", async () => {
    const r = await search(["celery", "zeppelin"]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe('No entry has all of "celery zeppelin" ("zeppelin" is in none); closest matches:');
    const blocks = r.stdout.trimEnd().split("\n\n");
    expect(blocks[0]).toContain("Retrying Celery tasks");
    for (const block of blocks) expect(block).toMatch(/\n {2}without: zeppelin$/);
  });

  it("ranks the closest matches by how many words they hold, then by score", async () => {
    const r = await search(["celery", "retry", "zeppelin", "--json"]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { path: string; partial: boolean; missing: string[] }[];
    expect(results[0]).toMatchObject({ path: entryPath("retrying-celery-tasks"), partial: true, missing: ["zeppelin"] });
    const held = results.map((x) => 3 - x.missing.length);
    expect(held).toEqual([...held].sort((a, b) => b - a));
    expect(held.at(-1)).toBe(1);
  });

  it("says when each word is somewhere but never together, with the closest matches", async () => {
    const r = await search(["celery", "kubernetes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('No entry has all of "celery kubernetes"; closest matches:\n');
    expect(r.stdout).toMatch(/without: celery/);
    expect(r.stdout).toMatch(/without: kubernetes/);
  });

  it("keeps the filters and exclusions for the closest matches", async () => {
    const excluded = JSON.parse((await search(["retry", "zeppelin", "-celery", "--json"])).stdout) as { path: string }[];
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded.map((x) => x.path)).not.toContain(entryPath("retrying-celery-tasks"));
    const filtered = JSON.parse((await search(["retry", "zeppelin", "--topic", "python", "--json"])).stdout) as { topic: string }[];
    expect(filtered.length).toBeGreaterThan(0);
    for (const x of filtered) expect(x.topic).toBe("Python");
  });

  it("finds Tmux In Your Tmux for tmux inside tmux", async () => {
    const dir = makeTree({
      "entries/2026-01-01-tmux.md": entryText({ title: "Tmux In Your Tmux", topic: "Shell", date: "2026-01-01", takeaway: "Press the prefix twice to reach the inner session." }),
      "entries/2026-01-02-screen.md": entryText({ title: "GNU screen inside ssh", topic: "Shell", date: "2026-01-02", takeaway: "Detach with C-a d." }),
      "entries/2026-01-03-vim.md": entryText({ title: "Vim splits", topic: "Editors", date: "2026-01-03", takeaway: "tmux panes and vim splits are different things." }),
      "entries/2026-01-04-docker.md": entryText({ title: "localhost inside a container", topic: "Docker", date: "2026-01-04", takeaway: "It is the container itself." }),
      "entries/2026-01-05-python.md": entryText({ title: "Expressions inside f-strings", topic: "Python", date: "2026-01-05", takeaway: "Quotes inside need care." }),
    });
    const r = await runCli(["search", "tmux", "inside", "tmux"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No entry has all of "tmux inside"; closest matches:');
    expect(r.stdout.split("\n")[0]).toContain("Tmux In Your Tmux");
  });

  it("prints an empty JSON array and exits 1", async () => {
    const r = await search(["zeppelin", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("says the journal is empty when it is", async () => {
    const empty = makeTree({ "entries/.keep": "" });
    const r = await runCli(["search", "celery"], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No entries yet");
  });
});

describe("nexus search with bad input", () => {
  it("without words and without a terminal is a usage error", async () => {
    for (const args of [[], [""], ["   "]]) {
      const r = await search(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("say what to search for");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("--json without words is a usage error", async () => {
    const r = await search(["--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--json needs words to search for");
  });

  it("refuses a 10,000-character query with one clear line", async () => {
    const word = await search(["x".repeat(10_000)]);
    expect(word.code).toBe(2);
    expect(word.stderr).toMatch(/^nexus: a search word can be at most 100 characters; "x{40}…" has 10000\n/);
    const words = await search([Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ")]);
    expect(words.code).toBe(2);
    expect(words.stderr).toContain("a search can have at most 24 words; this one has 2000");
  });

  it.each([["(a|b)*"], ["[a-z]+"], ["*.md"], ["^$"], ["\\d{3}"], ["?"], ["a**b"], ["%s"], ["$(rm -rf /)"]])(
    "treats %s as text, never as a pattern",
    async (query) => {
      const r = await search([query]);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).not.toContain("unexpected error");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it("finds only-punctuation words literally", async () => {
    const hit = await search(["@>", "--json"]);
    expect(hit.code).toBe(0);
    expect((JSON.parse(hit.stdout) as { path: string }[]).map((x) => x.path)).toEqual([entryPath("indexing-postgresql-jsonb")]);
    const none = await search(["!!!"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No entries match "!!!".');
  });

  it("warns once about each invalid entry and still answers", async () => {
    const dir = makeTree({
      "entries/2026-01-01-good.md": entryText({ title: "Celery beat schedules", topic: "Celery", date: "2026-01-01" }),
      "entries/2026-01-02-bad.md": "---\ntitle: [unclosed\n---\nbody\n",
      "entries/2026-01-03-no-frontmatter.md": "just text about celery\n",
    });
    const r = await runCli(["search", "celery"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Celery beat schedules");
    const warnings = r.stderr.trim().split("\n");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^nexus: warning: entries\/2026-01-02-bad\.md:\d+: invalid YAML.*\(skipped\)$/);
    expect(warnings[1]).toMatch(/^nexus: warning: entries\/2026-01-03-no-frontmatter\.md:1: no frontmatter/);
    const strict = await runCli(["--strict", "search", "celery"], { cwd: dir });
    expect(strict.code).toBe(1);
  });

  it("prints control characters from entries inert", async () => {
    const dir = makeTree({
      "entries/2026-01-01-evil.md": entryText({
        title: "Evil \u001b]0;pwned\u0007 title",
        topic: "Sec\u009bcurity",
        date: "2026-01-01",
        tags: [JSON.stringify("x\u001b[2Jy")],
        solution: "Celery \u001b[31mred\u001b[0m and \u202ereversed",
      }),
    });
    const r = await runCli(["search", "celery"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain("␛");
    const json = await runCli(["search", "celery", "--json"], { cwd: dir });
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect((JSON.parse(json.stdout) as { title: string }[])[0]!.title).toBe("Evil \u001b]0;pwned\u0007 title");
  });

  it("finds words with accents either way", async () => {
    const dir = makeTree({
      "entries/2026-01-01-cafe.md": entryText({ title: "Café ordering service", topic: "Résumé", date: "2026-01-01" }),
    });
    expect((await runCli(["search", "cafe"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["search", "RESUME"], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, "entries"))).toBe(true);
  });
});
