// Report 2026-12-06 #9 and #19: every file nexus reads is looked at before a byte of it
// is read. A named pipe, a device or a folder where a file belongs is refused (a pipe
// would make the command wait for ever); a file past its size limit is refused from
// its size (a 3 GiB note crashed the import, read whole first).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileTooLargeError, NotRegularFileError, readRegular } from "../../src/journal/regular-file.js";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

const fifos = process.platform !== "win32";
const journal = (files: Record<string, string> = {}) =>
  makeTree({
    "nexus.config.json": "{}\n",
    ".gitattributes": "reviews.tsv merge=union\n",
    "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01", challenge: "c", solution: "s" }),
    ...files,
  });
/** Puts a named pipe at `rel` (in place of what is there). */
const pipeAt = (dir: string, rel: string) => {
  const file = path.join(dir, rel);
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync("mkfifo", [file]);
};
// A hang fails the test in 10 s instead of the suite's minutes.
const run = (args: string[], cwd: string) => runCli(args, { cwd, timeoutMs: 10_000 });

describe.runIf(fifos)("a named pipe where nexus reads a file: refused, never waited on (report #19)", () => {
  it("reviews.tsv: review, stats and doctor finish and say so; a rating is not recorded", async () => {
    const dir = journal();
    pipeAt(dir, "reviews.tsv");
    const due = await run(["review", "--due"], dir);
    expect(due.stderr).toContain("reviews.tsv:1: not a regular file (a named pipe); not read");
    expect((await run(["stats"], dir)).code).toBe(0);
    const doctor = await run(["doctor"], dir);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout + doctor.stderr).toContain("reviews.tsv:1: not a regular file (a named pipe); not read");
    const rate = await run(["review", "a", "--rate", "good"], dir);
    expect(rate.code).toBe(1);
    expect(rate.stderr).toContain("nexus: reviews.tsv is not a regular file (a named pipe)");
    expect(fs.lstatSync(path.join(dir, "reviews.tsv")).isFIFO()).toBe(true);
  });

  it("nexus.config.json: every command says so (exit 1) instead of waiting", async () => {
    const dir = journal();
    pipeAt(dir, "nexus.config.json");
    const r = await run(["list"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nexus: nexus\.config\.json: not a regular file \(a named pipe\); not read/);
  });

  it("the entry cache, an entry, .gitattributes: passed over, the rest works", async () => {
    const dir = journal();
    expect((await run(["list"], dir)).code).toBe(0);
    pipeAt(dir, ".nexus/entry-cache");
    pipeAt(dir, "entries/2026-02-02-b.md");
    pipeAt(dir, ".gitattributes");
    fs.writeFileSync(path.join(dir, "reviews.tsv"), "# log\n");
    const list = await run(["list"], dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("A");
    expect((await run(["doctor"], dir)).code).toBeLessThan(2);
  });

  it("README.md, templates/README.md and the pages' manifest: build-readme refuses, naming what is there", async () => {
    for (const rel of ["README.md", "templates/README.md", "journal/.nexus-manifest.json"]) {
      const dir = journal();
      pipeAt(dir, rel);
      const r = await run(["build-readme"], dir);
      expect(r.code, rel).toBe(1);
      expect(r.stderr, rel).toMatch(/not a (regular )?file/);
      expect(fs.lstatSync(path.join(dir, rel)).isFIFO()).toBe(true);
    }
  });

  it("init where a named pipe stands for .gitignore: refused, nothing made, the pipe kept", async () => {
    const dir = tempDir();
    pipeAt(dir, ".gitignore");
    const r = await run(["init"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(".gitignore is a named pipe, not a file, so the journal is not ready");
    expect(fs.readdirSync(dir)).toEqual([".gitignore"]);
    expect(fs.lstatSync(path.join(dir, ".gitignore")).isFIFO()).toBe(true);
  });

  it("an import of a pipe, or of a folder with a pipe named like a note", async () => {
    const dir = journal();
    const notes = tempDir();
    fs.writeFileSync(path.join(notes, "real.md"), "# Real\n\ntext\n");
    pipeAt(notes, "pipe.md");
    const folder = await run(["import", notes, "--dry-run"], dir);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain("would create");
    const file = await run(["import", path.join(notes, "pipe.md")], dir);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain("is not a file or a folder");
  });
});

describe("a file past its size limit is refused from its size, before it is read (report #9)", () => {
  it("the report's TIL folder: a 3 GiB note is a problem of its own, the other note is imported", async () => {
    const dir = journal();
    const til = tempDir();
    fs.mkdirSync(path.join(til, "python"));
    fs.writeFileSync(path.join(til, "python", "lists.md"), "# Lists\n\nslicing\n");
    // Sparse: no disk space taken.
    fs.ftruncateSync(fs.openSync(path.join(til, "python", "huge.md"), "w"), 3 * 1024 ** 3);
    const dry = await run(["import", til, "--dry-run"], dir);
    expect(dry.stderr).not.toContain("unexpected error");
    expect(dry.stderr).toContain("python/huge.md:1: file is larger than 1 MiB; not read");
    expect(dry.stdout).toContain("would create  entries/");
    expect(dry.code).toBe(1);
    const real = await run(["import", til], dir);
    expect(real.code).toBe(1);
    expect(fs.readdirSync(path.join(dir, "entries")).filter((n) => n.includes("lists"))).toHaveLength(1);
  });

  it("a note of 1 MiB and one byte in a markdown folder (not a TIL folder), and a README past 64 MiB", async () => {
    const dir = journal();
    const notes = tempDir();
    fs.writeFileSync(path.join(notes, "ok.md"), "---\ntitle: Ok\n---\ntext\n");
    fs.ftruncateSync(fs.openSync(path.join(notes, "big.md"), "w"), 1024 * 1024 + 1);
    const r = await run(["import", notes, "--dry-run"], dir);
    expect(r.stderr).toContain("big.md:1: file is larger than 1 MiB; not read");
    expect(r.stdout).toMatch(/would create {2}entries\/\S+-ok\.md/);
    const readme = path.join(tempDir(), "README.md");
    fs.ftruncateSync(fs.openSync(readme, "w"), 65 * 1024 ** 2);
    const big = await run(["import", readme, "--dry-run"], dir);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/README\.md is larger than 64 MiB: not read/);
  });
});

describe("readRegular", () => {
  it("reads a regular file; refuses a folder, a device and a file past the limit, reading nothing", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.txt");
    fs.writeFileSync(file, "é".repeat(5000));
    expect(readRegular(file, { encoding: "utf8" })).toBe("é".repeat(5000));
    expect(() => readRegular(dir)).toThrow(NotRegularFileError);
    if (fs.existsSync("/dev/zero")) expect(() => readRegular("/dev/zero")).toThrow("not a regular file (a device); not read");
    expect(() => readRegular(file, { maxBytes: 9999 })).toThrow(FileTooLargeError);
    expect(readRegular(file, { maxBytes: 10_000 }).length).toBe(10_000);
  });
  it.runIf(fifos)("refuses a named pipe with no writer at once", () => {
    const dir = tempDir();
    pipeAt(dir, "p");
    expect(() => readRegular(path.join(dir, "p"))).toThrow("not a regular file (a named pipe); not read");
  });
});
