import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEntry } from "../../src/domain/entry.js";
import { setFrontmatterField } from "../../src/domain/frontmatter-edit.js";
import { countLabels, labelKey, nearDuplicates } from "../../src/domain/labels.js";
import { entryText, makeTree, runCli } from "../helpers.js";

const COMMENTED = "---\r\ntitle: Commented\r\n# keep me\r\ntopic: Ops\r\nextra: {a: 1}\r\ndate: 2026-01-07\r\ntags:\r\n  - docker\r\n\r\n  - x\r\n---\r\nbody\r\n  stays  \r\n";

const tree = () =>
  makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-01-02-a.md": entryText({ title: "A", topic: "Docker", date: "2026-01-02", tags: ["Docker", "ci-cd"], challenge: "x" }),
    "entries/2026-01-03-b.md": entryText({ title: "B", topic: "docker", date: "2026-01-03", tags: ["docker", "CI/CD", "Docker-Compose"] }),
    "entries/2026-01-04-c.md": entryText({ title: "C", topic: "Python", date: "2026-01-04", tags: ["tests"] }),
    "entries/2026-01-05-d.md": entryText({ title: "D", topic: "Python", date: "2026-01-05", tags: ["test", '"\\e]0;pwn\\a"'] }),
    "entries/2026-01-07-commented.md": COMMENTED,
  });

describe("label helpers", () => {
  it("counts most used first, ties by name", () => {
    expect(countLabels(["b", "a", "b", "C", "a", "d"]).map((l) => `${l.name}:${l.count}`)).toEqual(["a:2", "b:2", "C:1", "d:1"]);
  });
  it("finds near-duplicates by case, punctuation and plural", () => {
    expect(labelKey("CI/CD")).toBe(labelKey("ci-cd"));
    expect(labelKey("Tests")).toBe(labelKey("test"));
    expect(labelKey("Libraries")).toBe(labelKey("library"));
    expect(labelKey("css")).not.toBe(labelKey("cs"));
    const groups = nearDuplicates(countLabels(["Docker", "docker", "docker", "C++", "cpp", "go"]));
    expect(groups.map((g) => g.map((l) => l.name))).toEqual([["docker", "Docker"], ["C++", "cpp"]]);
  });
  it("changes one frontmatter field and nothing else", () => {
    const out = setFrontmatterField(COMMENTED, "tags", "[Docker, x]");
    expect(out).toBe(COMMENTED.replace("tags:\r\n  - docker\r\n\r\n  - x\r\n", "tags: [Docker, x]\r\n"));
    const added = setFrontmatterField("\ufeff---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\nbody", "tags", "[a]");
    expect(added).toBe("\ufeff---\ntitle: T\ntopic: X\ndate: 2026-01-01\ntags: [a]\n---\nbody");
    const block = "---\ntitle: T\ntags:\n- a\n- b\n# tags: not this\ntopic: X\ndate: 2026-01-01\n...\nbody\n";
    expect(setFrontmatterField(block, "tags", "[c]")).toBe("---\ntitle: T\ntags: [c]\n# tags: not this\ntopic: X\ndate: 2026-01-01\n...\nbody\n");
    expect(setFrontmatterField(block, "topic", '"Y: z"')).toContain('\ntopic: "Y: z"\ndate:');
    const parsed = parseEntry(added);
    expect(parsed.ok && parsed.entry.tags).toEqual(["a"]);
  });
});

describe("nexus tags and topics", () => {
  it("lists tags with counts, most used first, and hints at near-duplicates on stderr", async () => {
    const r = await runCli(["tags"], { cwd: tree() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n").map((l) => l.trim());
    expect(lines[0]).toBe("2  docker");
    expect(lines).toContain("1  CI/CD");
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toContain("\u241b]0;pwn\u2407");
    expect(r.stderr).toContain('"ci-cd" (1), "CI/CD" (1) look like one tag');
    expect(r.stderr).toContain("nexus tags --rename tests test");
  });

  it("prints JSON", async () => {
    const r = await runCli(["topics", "--json"], { cwd: tree() });
    expect(JSON.parse(r.stdout)).toEqual([
      { name: "Python", count: 2 },
      { name: "Docker", count: 1 },
      { name: "docker", count: 1 },
      { name: "Ops", count: 1 },
    ]);
  });

  it("renames a tag across files, merging duplicates, keeping bodies and other lines", async () => {
    const dir = tree();
    const before = Object.fromEntries(fs.readdirSync(path.join(dir, "entries")).map((f) => [f, fs.readFileSync(path.join(dir, "entries", f), "utf8")]));
    const dry = await runCli(["tags", "--rename", "docker", "Docker", "--dry-run"], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("entries/2026-01-03-b.md: [docker, CI/CD, Docker-Compose] → [Docker, CI/CD, Docker-Compose]");
    expect(dry.stderr).toContain("would rename tag \"docker\" to \"Docker\" in 2 files");
    for (const [f, text] of Object.entries(before)) expect(fs.readFileSync(path.join(dir, "entries", f), "utf8")).toBe(text);

    const r = await runCli(["tags", "--rename", "docker", "Docker"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('renamed tag "docker" to "Docker" in 2 files');
    const b = fs.readFileSync(path.join(dir, "entries/2026-01-03-b.md"), "utf8");
    expect(b).toBe(before["2026-01-03-b.md"]!.replace("tags: [docker, CI/CD, Docker-Compose]", "tags: [Docker, CI/CD, Docker-Compose]"));
    const c = fs.readFileSync(path.join(dir, "entries/2026-01-07-commented.md"), "utf8");
    expect(c).toContain("# keep me\r\n");
    expect(c).toContain("extra: {a: 1}\r\n");
    expect(c.endsWith("---\r\nbody\r\n  stays  \r\n")).toBe(true);
    expect(fs.readFileSync(path.join(dir, "entries/2026-01-02-a.md"), "utf8")).toBe(before["2026-01-02-a.md"]);

    // Merging: an entry with both spellings keeps one.
    const merged = await runCli(["tags", "--rename", "tests", "test"], { cwd: dir });
    expect(merged.code).toBe(0);
    const again = await runCli(["tags", "--rename", "ci-cd", "CI/CD"], { cwd: dir });
    expect(again.code).toBe(0);
    const json = JSON.parse((await runCli(["tags", "--json"], { cwd: dir })).stdout) as { name: string; count: number }[];
    expect(json.slice(0, 3)).toEqual([
      { name: "Docker", count: 3 },
      { name: "CI/CD", count: 2 },
      { name: "test", count: 2 },
    ]);
    expect((await runCli(["doctor"], { cwd: dir })).code).toBe(0);
  });

  it("renames a topic, and errors on an unknown name or a bad --rename", async () => {
    const dir = tree();
    const r = await runCli(["topics", "--rename", "DOCKER", "Docker"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("entries/2026-01-03-b.md: docker → Docker\n");
    expect((await runCli(["topics", "--rename", "Nope", "X"], { cwd: dir })).code).toBe(1);
    const one = await runCli(["tags", "--rename", "docker"], { cwd: dir });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("OLD NEW");
    expect((await runCli(["tags", "--rename", "docker", " "], { cwd: dir })).code).toBe(2);
    expect((await runCli(["tags", "--dry-run"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["tags", "--bogus"], { cwd: dir })).code).toBe(2);
  });

  it("leaves other files consistent when one file cannot be written", async () => {
    const dir = tree();
    const sub = path.join(dir, "entries", "locked");
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, "2026-01-08-e.md"), entryText({ title: "E", topic: "Ops", date: "2026-01-08", tags: ["docker"] }));
    fs.chmodSync(sub, 0o555);
    try {
      const r = await runCli(["tags", "--rename", "docker", "container"], { cwd: dir });
      if (process.getuid?.() === 0) return; // root writes anyway
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("entries/locked/2026-01-08-e.md:");
      expect(fs.readFileSync(path.join(dir, "entries/2026-01-03-b.md"), "utf8")).toContain("tags: [container, CI/CD, Docker-Compose]");
      expect(fs.readFileSync(path.join(sub, "2026-01-08-e.md"), "utf8")).toContain("tags: [docker]");
    } finally {
      fs.chmodSync(sub, 0o755);
    }
  });

  it("has help with examples for both", async () => {
    for (const name of ["tags", "topics"]) {
      const r = await runCli([name, "--help"], { cwd: tree() });
      expect(r.stdout).toContain("--rename");
      expect(r.stdout).toContain("--dry-run");
      expect(r.stdout.split("Examples:")[1]!.trim().split("\n").length).toBeGreaterThanOrEqual(2);
    }
  });
});
