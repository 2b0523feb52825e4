// The hostile READMEs and folders of the adversarial report (notes/adversarial-2026-12-06,
// defects 7, 11, 12 and 13, scripts r10b, r8, r9 and r10), each run as its script does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli, tempDir } from "../helpers.js";

async function journalWith(files: Record<string, string>): Promise<string> {
  const dir = tempDir("nexus-hostile-");
  expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
  return makeTree(files, dir);
}

const config = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8"));
const entry = (dir: string, name: string) => fs.readFileSync(path.join(dir, "entries", name), "utf8");

describe("README headings named like labels (defect 7, r10b)", () => {
  const README = `# TIL

Things I learned.

## Lessons learned

### Docker

Use multi-stage builds. 2024-01-01

### Git

Rebase often. 2024-01-02

## Challenges

### Challenge 1: Slow list views

**Problem:** N+1 queries.

**Solution:** select_related.
`;

  it("reads a group heading with sections under it as a heading, not as a label", async () => {
    const dir = await journalWith({ "learned.md": README });
    const result = await runCli(["import", "learned.md", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout).created as { title: string; topic: string; date: string; guesses: string[] }[];
    expect(created.map((c) => [c.title, c.topic])).toEqual([
      ["Docker", "Docker"],
      ["Git", "Git"],
      ["Slow list views", "Challenges"],
    ]);
    expect(created[2]!.guesses.join()).not.toContain("no heading above it");
    expect(config(dir).groups).toEqual([{ title: "Lessons learned", topics: ["Docker", "Git"] }]);
    expect(config(dir).readme.overview).toBe("Things I learned.");
    // Git keeps its text as what was learned: no "## Challenges" label made it a labelled section.
    expect(entry(dir, "2024-01-02-02-git.md")).toContain("## Takeaway\n\nRebase often. 2024-01-02");
  });

  it("still reads a label heading inside a section as a label", async () => {
    const dir = await journalWith({ "learned.md": "## Bugs\n\n### Leak (2024-03-01)\n\n#### Problem\n\nRSS grew.\n\n#### Lessons learned\n\nStop tickers.\n" });
    const result = JSON.parse((await runCli(["import", "learned.md", "--json"], { cwd: dir })).stdout);
    expect(result.created).toHaveLength(1);
    expect(entry(dir, "2024-03-01-01-leak.md")).toMatch(/## Challenge\n\nRSS grew\.\n\n## Takeaway\n\nStop tickers\./);
  });
});

describe("import of the journal's own folder (defect 11, r8)", () => {
  it("passes over the generated pages, as it does entries/", async () => {
    const dir = await journalWith({ "notes/a.md": "# A note\n\ntext\n" });
    expect((await runCli(["add", "--title", "Lists", "--topic", "Python", "--challenge", "c", "--solution", "s", "--date", "2026-01-01"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, "journal/topics.md"))).toBe(true);
    const result = await runCli(["import", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).created.map((c: { title: string }) => c.title)).toEqual(["A note"]);
  });

  it("passes over another journal's generated pages inside the source folder", async () => {
    const dir = await journalWith({});
    const source = makeTree({ "notes/a.md": "# A\n\nx\n", "other/journal/.nexus-manifest.json": "{}", "other/journal/topics.md": "# Topics\n" });
    const result = JSON.parse((await runCli(["import", source, "--json"], { cwd: dir })).stdout);
    expect(result.created.map((c: { title: string }) => c.title)).toEqual(["A"]);
  });
});

describe("setext headings (defect 12, r9)", () => {
  it("reads `Title` over `===` or `---` as a heading", async () => {
    const dir = await journalWith({
      "learned.md": "My TIL\n======\n\nPython\n------\n\nLists are mutable; tuples are not. 2024-01-01\n\nRust\n----\n\nOwnership moves values. 2024-02-01\n\n---\n\nA rule above, not a heading.\n",
    });
    const result = await runCli(["import", "learned.md", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout).created as { title: string; date: string }[];
    expect(created.map((c) => [c.title, c.date])).toEqual([
      ["Python", "2024-01-01"],
      ["Rust", "2024-02-01"],
    ]);
    expect(entry(dir, "2024-02-01-02-rust.md")).toContain("Ownership moves values. 2024-02-01\n\nA rule above, not a heading.");
  });
});

describe("labels on consecutive lines (defect 13, r10)", () => {
  it("starts each known bold label's block on its own line", async () => {
    const dir = await journalWith({
      "learned.md":
        "# My journey\n\n## Challenges\n\n### Challenge 1: Slow list views (2024-02-01)\n\n**Problem:** N+1 queries in list views.  \n**Solution:** `select_related()` on the foreign keys.  \n**Takeaway:** Count queries before optimizing.\n",
    });
    const result = await runCli(["import", "learned.md"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Slow list views · Challenges · 2024-02-01 · featured");
    expect(entry(dir, "2024-02-01-01-slow-list-views.md")).toContain(
      "## Challenge\n\nN+1 queries in list views.\n\n## Solution\n\n`select_related()` on the foreign keys.\n\n## Takeaway\n\nCount queries before optimizing.\n",
    );
  });

  it("leaves a plain `Fix:` inside a paragraph as text", async () => {
    const dir = await journalWith({ "learned.md": "## Go\n\n### Maps (2024-02-01)\n\nWe tried many things.\nFix: nothing worked.\n" });
    expect((await runCli(["import", "learned.md"], { cwd: dir })).code).toBe(0);
    expect(entry(dir, "2024-02-01-01-maps.md")).toContain("## Takeaway\n\nWe tried many things.\nFix: nothing worked.");
  });
});
