import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CTIME_MS, isDirectory, isFile, isSymbolicLink, lstatInto, lstatsByBinding, MODE, MTIME_MS, SIZE, statArray } from "../../src/journal/lstat.js";
import { scanEntries } from "../../src/journal/scan.js";
import { entryText, makeTree, runCli } from "../helpers.js";

describe("lstatInto", () => {
  it("gives what fs.lstatSync gives for a file, a folder, a link and a broken link, and false for nothing", () => {
    const dir = makeTree({ "a.md": "héllo wörld\n", "sub/b.md": "" });
    fs.symlinkSync("a.md", path.join(dir, "link.md"));
    fs.symlinkSync("gone.md", path.join(dir, "broken.md"));
    // Times with a fraction of a millisecond, as most file systems keep them.
    fs.utimesSync(path.join(dir, "a.md"), 1_700_000_000.123456, 1_700_000_000.987654);
    const out = statArray();
    for (const name of ["a.md", "sub", "sub/b.md", "link.md", "broken.md"]) {
      const file = path.join(dir, name);
      const stat = fs.lstatSync(file);
      expect(lstatInto(file, out), name).toBe(true);
      expect([out[MODE], out[SIZE], out[MTIME_MS], out[CTIME_MS]], name).toEqual([stat.mode, stat.size, stat.mtimeMs, stat.ctimeMs]);
      expect([isFile(out), isDirectory(out), isSymbolicLink(out)], name).toEqual([stat.isFile(), stat.isDirectory(), stat.isSymbolicLink()]);
    }
    expect(lstatInto(path.join(dir, "missing.md"), out)).toBe(false);
    // Other errors are thrown, as fs.lstatSync throws them.
    expect(() => lstatInto(path.join(dir, "a.md", "under-a-file"), out)).toThrow(/ENOTDIR/);
  });

  it("takes the quick way on each Node line that CI runs (20, 22 and 24)", () => {
    // A new Node whose fs.lstatSync has another form falls back to it: correct, but each
    // file's Stats object costs as much CPU again as its system call.
    if ([20, 22, 24].includes(Number(process.versions.node.split(".")[0]))) expect(lstatsByBinding()).toBe(true);
  });

  it("lets the scan see a file's size and times as fs.lstatSync does", () => {
    const dir = makeTree({ "entries/2026-01-01-a.md": "x".repeat(1234), "entries/2026-01-02-b.md": "" });
    const { files } = scanEntries(dir, path.join(dir, "entries"));
    for (const found of files) {
      const stat = fs.lstatSync(found.file);
      expect([found.size, found.mtimeMs, found.changedMs]).toEqual([stat.size, stat.mtimeMs, Math.max(stat.mtimeMs, stat.ctimeMs)]);
    }
    expect(files.map((f) => f.path)).toEqual(["entries/2026-01-01-a.md", "entries/2026-01-02-b.md"]);
  });

  it("prints no deprecation warning when Node is asked for pending ones", async () => {
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-01-a.md": entryText({ title: "Alpha", topic: "Misc", date: "2026-01-01" }),
    });
    // Node takes its flags with underscores too: --pending_deprecation.
    for (const env of [{ NODE_OPTIONS: "--pending-deprecation" }, { NODE_OPTIONS: "--pending_deprecation" }, { NODE_PENDING_DEPRECATION: "1" }]) {
      const r = await runCli(["list"], { cwd: dir, env });
      expect(r.stderr, JSON.stringify(env)).toBe("");
      expect(r.stdout).toContain("Alpha");
      expect(r.code).toBe(0);
    }
  });
});
