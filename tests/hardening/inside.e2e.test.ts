// One rule for what lies inside the journal, for reads and writes alike
// (report 2026-12-06 defect 2, r3.sh, and variants it did not try).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

/** A folder holding `outside/` and a journal `journal/` made by `nexus init`. */
async function setUp(): Promise<{ outside: string; dir: string }> {
  const base = tempDir("nexus-inside-");
  const outside = path.join(base, "outside");
  fs.mkdirSync(outside);
  const dir = path.join(base, "journal");
  expect((await runCli(["init", "journal"], { cwd: base })).code).toBe(0);
  return { outside, dir };
}

const JRNL = '{"entries":[{"title":"From jrnl","body":"b","date":"2024-01-01","time":"09:00","tags":[],"starred":false}]}';

describe("2: nothing is written through an entries folder that every read refuses", () => {
  it("r3: add, import, a second import and a dry run refuse (exit 1) and write nothing outside", async () => {
    const { outside, dir } = await setUp();
    fs.rmdirSync(path.join(dir, "entries"));
    fs.symlinkSync("../outside", path.join(dir, "entries"));
    fs.writeFileSync(path.join(dir, "..", "j.json"), JRNL);
    const list = await runCli(["list"], { cwd: dir });
    expect(list.stderr).toContain("entries folder is a link out of the journal; not read");
    for (const args of [["add", "--title", "Written outside", "--topic", "T", "--date", "2026-01-01"], ["import", "../j.json"], ["import", "../j.json"], ["import", "../j.json", "--dry-run"]]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(/^nexus: entries is a link out of the journal: nothing is read or written through it\n/);
    }
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("a link to nothing, and a folder on the way that leads out (\"entries\": \"notes/entries\")", async () => {
    const { outside, dir } = await setUp();
    fs.rmdirSync(path.join(dir, "entries"));
    fs.symlinkSync("../gone", path.join(dir, "entries"));
    const add = await runCli(["add", "--title", "A", "--topic", "T", "--date", "2026-01-01"], { cwd: dir });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain("entries is a link to nothing: nothing is read or written through it");
    expect((await runCli(["list"], { cwd: dir })).stderr).toContain("entries folder is a link to nothing; not read");
    expect(fs.existsSync(path.join(dir, "..", "gone"))).toBe(false);

    fs.writeFileSync(path.join(dir, "nexus.config.json"), '{"entries": "notes/entries"}\n');
    fs.symlinkSync("../outside", path.join(dir, "notes"));
    const again = await runCli(["add", "--title", "A", "--topic", "T", "--date", "2026-01-01"], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("notes/entries is a link out of the journal");
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("edit writes no draft through a .nexus link out of the journal", async () => {
    const { outside, dir } = await setUp();
    fs.writeFileSync(path.join(dir, "entries/2026-01-01-a.md"), entryText({ title: "A", topic: "T", date: "2026-01-01", challenge: "c" }));
    fs.symlinkSync("../outside", path.join(dir, ".nexus"));
    const editor = path.join(dir, "..", "editor.sh");
    fs.writeFileSync(editor, "#!/bin/sh\necho changed >> \"$1\"\n", { mode: 0o755 });
    const r = await runCli(["edit", "a"], { cwd: dir, env: { EDITOR: editor } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".nexus/drafts is a link out of the journal");
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("init writes no template through a templates link out of the journal", async () => {
    const base = tempDir("nexus-inside-");
    const dir = makeTree({ "nexus.config.json": "{}\n" }, path.join(base, "journal"));
    fs.mkdirSync(path.join(base, "outside"));
    fs.symlinkSync("../outside", path.join(dir, "templates"));
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("templates/entry.md is a link out of the journal");
    expect(fs.readdirSync(path.join(base, "outside"))).toEqual([]);
    expect(fs.existsSync(path.join(dir, "entries"))).toBe(false);
  });

  it("a link to a folder inside the journal is still written through", async () => {
    const { dir } = await setUp();
    fs.renameSync(path.join(dir, "entries"), path.join(dir, "notes"));
    fs.symlinkSync("notes", path.join(dir, "entries"));
    const r = await runCli(["add", "--title", "Inside", "--topic", "T", "--date", "2026-01-01"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, "notes"))).toContain("2026-01-01-inside.md");
  });
});
