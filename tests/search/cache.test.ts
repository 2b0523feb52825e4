import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE } from "../../src/journal/cache.js";
import { newestFirst } from "../../src/journal/read.js";
import { readIndexedJournal, readJournal } from "../../src/search/read.js";
import { scanEntries } from "../../src/journal/scan.js";
import { openJournal } from "../../src/journal/root.js";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";
import { ageEntries, entryPath, fixtureJournal } from "./fixture.js";

const cacheFile = (dir: string) => path.join(dir, CACHE_DIR, CACHE_FILE);
const paths = (stdout: string) => (JSON.parse(stdout) as { path: string }[]).map((r) => r.path);

/** The fixture plus entries with problems: an invalid one and one with a warning. */
function journalWithProblems(): string {
  const dir = fixtureJournal();
  makeTree(
    {
      "entries/2026-07-01-broken.md": "---\ntitle: [unclosed\n---\n",
      "entries/2026-07-02-wrong-date.md": entryText({ title: "Name and date differ", topic: "Misc", date: "2026-07-03", solution: "Celery beat." }),
      "entries/notes/2026-07-04-nested.md": entryText({ title: "Nested folder entry", topic: "Misc", date: "2026-07-04", takeaway: "Deep.\n\n## Other\n\nnotes here" }),
    },
    dir,
  );
  ageEntries(dir);
  const old = new Date(Date.now() - 86_400_000);
  fs.utimesSync(path.join(dir, "entries/notes/2026-07-04-nested.md"), old, old);
  return dir;
}

describe("the entry cache", () => {
  it("gives readJournal the same entries and problems as reading every file, cold and warm", () => {
    const journal = openJournal(journalWithProblems());
    const plain = readJournal(journal, { cache: false });
    expect(fs.existsSync(cacheFile(journal.root))).toBe(false);

    const cold = readIndexedJournal(journal);
    expect(cold.stats).toEqual({ reused: 0, parsed: 25, written: true });
    const warm = readIndexedJournal(journal);
    expect(warm.stats).toEqual({ reused: 25, parsed: 0, written: false });

    for (const contents of [cold.contents, warm.contents, readJournal(journal)]) {
      expect(contents.fileCount).toBe(plain.fileCount);
      expect(contents.problems).toEqual(plain.problems);
      expect(contents.entries.map((e) => ({ ...e }))).toEqual(plain.entries.map((e) => ({ ...e })));
      expect(JSON.stringify(contents.entries)).toBe(JSON.stringify(plain.entries));
      expect(contents.entries.map((e) => Object.keys(e))).toEqual(plain.entries.map((e) => Object.keys(e)));
    }
    expect(plain.problems.map((p) => `${p.path}:${p.severity}`)).toEqual([
      "entries/2026-07-01-broken.md:error",
      "entries/2026-07-02-wrong-date.md:warning",
    ]);
  });

  it("lets a cached entry's fields be assigned like a plain object's", () => {
    const journal = openJournal(fixtureJournal({ aged: true }));
    readJournal(journal);
    const entry = readJournal(journal).entries[0]!;
    entry.takeaway = "changed";
    entry.title = "New title";
    expect(entry.takeaway).toBe("changed");
    expect({ ...entry }).toMatchObject({ takeaway: "changed", title: "New title" });
    expect(entry.solution.length).toBeGreaterThan(0);
  });

  it("does not cache a file modified within the last seconds", () => {
    const journal = openJournal(fixtureJournal());
    readIndexedJournal(journal);
    expect(readIndexedJournal(journal).stats.parsed).toBe(22);
    ageEntries(journal.root);
    readIndexedJournal(journal);
    expect(readIndexedJournal(journal).stats).toMatchObject({ reused: 22, parsed: 0 });
  });

  it("finds a word added to an entry at once after the edit", async () => {
    const dir = fixtureJournal({ aged: true });
    expect((await runCli(["search", "celery"], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(cacheFile(dir))).toBe(true);
    expect((await runCli(["search", "zanzibar"], { cwd: dir })).code).toBe(1);

    const file = path.join(dir, entryPath("structured-logging"));
    fs.appendFileSync(file, "\nShipped the zanzibar collector.\n");
    const found = await runCli(["search", "zanzibar", "--json"], { cwd: dir });
    expect(found.code).toBe(0);
    expect(paths(found.stdout)).toEqual([entryPath("structured-logging")]);

    // Retitled: the old title word goes, the new one comes.
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Structured logging with structlog", "Structured logging with loguru"));
    expect(paths((await runCli(["search", "loguru", "--json"], { cwd: dir })).stdout)).toEqual([entryPath("structured-logging")]);
    const old = JSON.parse((await runCli(["search", "structlog", "--json"], { cwd: dir })).stdout) as { title: string; matches: string[] }[];
    expect(old.map((r) => [r.title, r.matches])).toEqual([["Structured logging with loguru", ["solution"]]]);

    // Deleted and added entries.
    fs.rmSync(file);
    const gone = await runCli(["search", "zanzibar"], { cwd: dir });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('"zanzibar" is in no entry.');
    fs.writeFileSync(path.join(dir, "entries/2026-07-09-zanzibar.md"), entryText({ title: "Zanzibar authorization", topic: "Security", date: "2026-07-09" }));
    expect(paths((await runCli(["search", "zanzibar", "--json"], { cwd: dir })).stdout)).toEqual(["entries/2026-07-09-zanzibar.md"]);
  });

  it("sees an edit that keeps the size and sets the modification time back (cp -p, rsync -t)", async () => {
    const dir = fixtureJournal({ aged: true });
    const file = path.join(dir, entryPath("structured-logging"));
    const before = fs.statSync(file);
    // Same length, so the size stays; the modification time is set back as cp -p does.
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("structlog", "zanzibarx"));
    fs.utimesSync(file, before.atime, before.mtime);
    expect(fs.statSync(file).size).toBe(before.size);
    // This search caches the entry as it is now.
    expect((await runCli(["search", "zanzibarx", "--json"], { cwd: dir })).code).toBe(0);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("zanzibarx", "koalabear"));
    fs.utimesSync(file, before.atime, before.mtime);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    const found = await runCli(["search", "koalabear", "--json"], { cwd: dir });
    expect(found.code).toBe(0);
    expect(paths(found.stdout)).toEqual([entryPath("structured-logging")]);
  });

  it("gives the same results after the cache is deleted", async () => {
    const dir = fixtureJournal({ aged: true });
    const queries = [["celery"], ["kubernets"], ["redis", "--json"], ["n+1", "--json"], ["api", "--limit", "50", "--json"], ["the", "--topic", "python"]];
    const run = () => Promise.all(queries.map((q) => runCli(["search", ...q], { cwd: dir })));
    await run(); // builds the cache
    const cached = await run();
    expect(fs.existsSync(cacheFile(dir))).toBe(true);
    fs.rmSync(path.join(dir, CACHE_DIR), { recursive: true });
    const fresh = await run();
    expect(cached.map((r) => [r.code, r.stdout, r.stderr])).toEqual(fresh.map((r) => [r.code, r.stdout, r.stderr]));
    expect(cached.every((r) => r.code === 0)).toBe(true);
  });

  it("serves several searches at once on a cold cache, all alike, and leaves a whole cache", async () => {
    const dir = fixtureJournal({ aged: true });
    const results = await Promise.all(Array.from({ length: 8 }, () => runCli(["search", "redis", "--json"], { cwd: dir })));
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(results[0]!.stdout);
    }
    expect(paths(results[0]!.stdout)).toContain(entryPath("caching-expensive-views"));
    const leftovers = fs.readdirSync(path.join(dir, CACHE_DIR)).filter((n) => n.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
    // Whole: the next run uses it as it is instead of writing a new one.
    const before = fs.statSync(cacheFile(dir));
    expect(JSON.parse(fs.readFileSync(cacheFile(dir), "utf8").split("\n").at(-1)!)).toMatchObject({ records: 22 });
    expect((await runCli(["search", "redis", "--json"], { cwd: dir })).stdout).toBe(results[0]!.stdout);
    const after = fs.statSync(cacheFile(dir));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it("ignores a damaged cache and replaces it", async () => {
    const dir = fixtureJournal({ aged: true });
    await runCli(["search", "celery"], { cwd: dir });
    const text = fs.readFileSync(cacheFile(dir), "utf8");
    for (const damaged of ["", "garbage", text.slice(0, text.length / 2), text.replace(/"Celery"/g, "42"), `${text}\nextra`]) {
      fs.writeFileSync(cacheFile(dir), damaged);
      const r = await runCli(["search", "celary", "--json"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(paths(r.stdout)[0]).toBe(entryPath("retrying-celery-tasks"));
    }
    readIndexedJournal(openJournal(dir));
    expect(readIndexedJournal(openJournal(dir)).stats).toMatchObject({ reused: 22, parsed: 0 });
  });

  it("never writes through a .nexus link out of the journal", async () => {
    const dir = fixtureJournal({ aged: true });
    const outside = tempDir("nexus-outside-");
    fs.symlinkSync(outside, path.join(dir, CACHE_DIR));
    const r = await runCli(["search", "celery"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("answers without a cache when .nexus cannot hold one", async () => {
    const dir = fixtureJournal({ aged: true });
    fs.writeFileSync(path.join(dir, CACHE_DIR), "not a folder\n");
    const r = await runCli(["search", "celery", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(paths(r.stdout)[0]).toBe(entryPath("retrying-celery-tasks"));
    expect(fs.readFileSync(path.join(dir, CACHE_DIR), "utf8")).toBe("not a folder\n");
  });

  // root may write anywhere, so the permission cannot be taken away from it.
  it.skipIf(process.getuid?.() === 0)("skips the cache when the journal folder is not writable (not as root)", async () => {
    const dir = fixtureJournal({ aged: true });
    fs.chmodSync(dir, 0o555);
    try {
      const r = await runCli(["search", "celery", "--json"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(paths(r.stdout)[0]).toBe(entryPath("retrying-celery-tasks"));
      expect(fs.existsSync(path.join(dir, CACHE_DIR))).toBe(false);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it("puts a .gitignore in the .nexus folder it creates", async () => {
    const dir = fixtureJournal({ aged: true });
    await runCli(["list"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, CACHE_DIR, ".gitignore"), "utf8")).toContain("*");
  });
});

describe("a link to an entry", () => {
  it("is keyed on the link's own change time too, so a link pointed at another file is read again", () => {
    const dir = makeTree({
      "nexus.config.json": '{\n  "entries": "entries"\n}\n',
      "notes/a.md": entryText({ title: "Note A", topic: "X", date: "2026-01-01" }),
      "entries/.keep": "",
    });
    const old = new Date(Date.now() - 86_400_000);
    fs.utimesSync(path.join(dir, "notes/a.md"), old, old);
    // The link comes well after its target's last change.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    fs.symlinkSync("../notes/a.md", path.join(dir, "entries/2026-01-01-a.md"));
    const link = fs.lstatSync(path.join(dir, "entries/2026-01-01-a.md"));
    const { files } = scanEntries(dir, path.join(dir, "entries"));
    expect(files.map((f) => f.path)).toEqual(["entries/2026-01-01-a.md"]);
    expect(files[0]!.changedMs).toBe(link.ctimeMs);
  });
});

describe("the entry cache and the code that made it", () => {
  it("is not used when it was written by another build of the parsing code", async () => {
    const dir = fixtureJournal({ aged: true });
    const journal = openJournal(dir);
    readIndexedJournal(journal);
    expect(readIndexedJournal(journal).stats.reused).toBe(22);
    const text = fs.readFileSync(cacheFile(dir), "utf8");
    fs.writeFileSync(cacheFile(dir), text.replace(/"code":"[^"]*"/, '"code":"another build"'));
    expect(readIndexedJournal(journal).stats).toMatchObject({ reused: 0, parsed: 22, written: true });
    expect(readIndexedJournal(journal).stats.reused).toBe(22);
  });
});

describe("the entries of a read", () => {
  /** Entries of one date in several folders, and of dates in no order of their names. */
  function journalOfTies(): string {
    const dir = tempDir("nexus-ties-");
    makeTree(
      {
        "nexus.config.json": "{}\n",
        "entries/2026-01-01-b.md": entryText({ title: "B", topic: "T", date: "2026-01-01" }),
        "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01" }),
        "entries/sub/2026-01-01-c.md": entryText({ title: "C", topic: "T", date: "2026-01-01" }),
        "entries/sub/deeper/2026-01-01-d.md": entryText({ title: "D", topic: "T", date: "2026-01-01" }),
        "entries/zz-early.md": entryText({ title: "Early", topic: "T", date: "2025-12-31" }),
        "entries/aa-late.md": entryText({ title: "Late", topic: "T", date: "2026-02-01" }),
      },
      dir,
    );
    ageEntries(dir);
    for (const sub of ["entries/sub", "entries/sub/deeper"]) {
      for (const name of fs.readdirSync(path.join(dir, sub)).filter((n) => n.endsWith(".md"))) {
        const old = new Date(Date.now() - 86_400_000);
        fs.utimesSync(path.join(dir, sub, name), old, old);
      }
    }
    return dir;
  }

  it("are newest first, by path within a date, read cold and warm, each made once and the same when asked again", () => {
    const journal = openJournal(journalOfTies());
    for (const round of ["cold", "warm"]) {
      const { contents, stats } = readIndexedJournal(journal);
      expect(stats.reused, round).toBe(round === "cold" ? 0 : 6);
      expect(contents.count).toBe(6);
      const first = contents.entryAt(0);
      const third = contents.entryAt(2);
      expect(contents.entries[0]).toBe(first);
      expect(contents.entries[2]).toBe(third);
      expect(contents.entries.map((e) => e.title)).toEqual(["Late", "D", "C", "B", "A", "Early"]);
      expect(contents.entries.map((e) => e.path)).toEqual([...contents.entries].sort(newestFirst).map((e) => e.path));
      expect(contents.entries.map((_, k) => contents.entryAt(k))).toEqual(contents.entries);
    }
  });

  it("leaves the process in the folder it was in, also when what is told of each file throws", () => {
    const dir = journalOfTies();
    const before = process.cwd();
    expect(scanEntries(dir, path.join(dir, "entries")).files.map((f) => f.path)).toContain("entries/sub/deeper/2026-01-01-d.md");
    expect(process.cwd()).toBe(before);
    expect(() =>
      scanEntries(dir, path.join(dir, "entries"), [], () => {
        throw new Error("told");
      }),
    ).toThrow("told");
    expect(process.cwd()).toBe(before);
  });
});
