// Report 2026-12-06 #20: a dry run writes nothing, not even nexus's caches in .nexus/.
// `import --dry-run` read the journal through the entry cache, and that read made
// .nexus/ and wrote the cache. The same holds for every other --dry-run and --stdout.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

/** Every file and folder under `dir` with its modification time and size: what a write would change. */
function snapshot(dir: string): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const full = path.join(at, name);
      const stat = fs.lstatSync(full);
      seen.set(path.relative(dir, full), `${stat.mtimeMs}:${stat.size}`);
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return seen;
}

const old = new Date("2020-01-01T00:00:00Z");
function journal(): string {
  const dir = makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01", tags: ["x"], challenge: "c", solution: "s" }),
    "j.json": JSON.stringify({ entries: [{ title: "X", body: "b", date: "2024-01-01", time: "09:00", tags: [] }] }),
    "notes/n.md": "# Note\n\ntext\n",
  });
  // Settled files: a read would cache them.
  fs.utimesSync(path.join(dir, "entries/2026-01-01-a.md"), old, old);
  return dir;
}

const DRY_RUNS = [
  ["import", "j.json", "--dry-run"],
  ["import", "notes", "--dry-run"],
  ["add", "--title", "B", "--topic", "T", "--dry-run"],
  ["tags", "--rename", "x", "y", "--dry-run"],
  ["topics", "--rename", "T", "U", "--dry-run"],
  ["build-readme", "--stdout"],
];

describe("a dry run writes nothing (report #20)", () => {
  it("in a journal with no .nexus/ yet: none is made (the report's import, and every other dry run)", async () => {
    const dir = journal();
    for (const args of DRY_RUNS) {
      const before = snapshot(dir);
      const r = await runCli(args, { cwd: dir });
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(snapshot(dir), args.join(" ")).toEqual(before);
    }
    // With the editor: its draft is a file of the system's temporary folder, not .nexus/drafts/.
    const before = snapshot(dir);
    const edited = await runCli(["add", "--title", "C", "--topic", "T", "--edit", "--dry-run"], { cwd: dir, env: { EDITOR: "true" } });
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stderr).toContain("would write entries/");
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, ".nexus"))).toBe(false);
  });

  it("with a cache that is out of date: the cache is left as it is, and a real command updates it", async () => {
    const dir = journal();
    expect((await runCli(["list"], { cwd: dir })).code).toBe(0);
    fs.writeFileSync(path.join(dir, "entries/2026-01-02-b.md"), entryText({ title: "B", topic: "T", date: "2026-01-02" }));
    fs.utimesSync(path.join(dir, "entries/2026-01-02-b.md"), old, old);
    const before = snapshot(dir);
    for (const args of [DRY_RUNS[0]!, DRY_RUNS[3]!, DRY_RUNS[5]!]) expect((await runCli(args, { cwd: dir })).code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    await runCli(["list"], { cwd: dir });
    expect(snapshot(dir).get(".nexus/entry-cache")).not.toBe(before.get(".nexus/entry-cache"));
  });
});
