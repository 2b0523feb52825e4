// Dates from the git history: each file's first commit under any of its earlier
// names, read in one pass (history.ts), checked on repositories built here with
// renames, moves between folders, copies, deletions, re-adds and a merge.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { firstDatesFromLog } from "../../src/import/history.js";
import { makeTree, runCli, tempDir } from "../helpers.js";

/** A repository in a new folder, and a way to commit in it on a given day. */
function repository() {
  const dir = tempDir("nexus-history-");
  const git = (args: string[], date?: string) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args], {
      cwd: dir,
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : {}) },
      encoding: "utf8",
    });
  git(["init", "-q"]);
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const commit = (date: string) => {
    git(["add", "-A"]);
    git(["commit", "-qm", `on ${date}`], date);
  };
  const mv = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    git(["mv", from, to]);
  };
  return { dir, git, write, commit, mv };
}

const note = (title: string, body = `${title} is something I learned, written in a few words so that a rename keeps it similar.`) => `# ${title}\n\n${body}\n`;

describe("firstDatesFromLog", () => {
  const record = (date: string, ...changes: string[]) => `\x01${"f".repeat(40)}\x00${date}\x00\n${changes.join("\x00")}\x00`;

  it("follows a chain of renames, lets a re-added file keep its first date, and dates a copy by itself", () => {
    const log = [
      record("2020-01-01", "A", "a.md", "A", "b.md", "A", "c.md"),
      record("2020-02-01", "R100", "a.md", "x/a.md"),
      record("2020-03-01", "R090", "x/a.md", "y/a2.md", "D", "b.md"),
      record("2020-04-01", "A", "b.md", "A", "x/a.md", "C080", "c.md", "c-copy.md", "M", "c.md"),
    ].join("");
    expect(Object.fromEntries(firstDatesFromLog(log))).toEqual({
      "y/a2.md": "2020-01-01",
      "b.md": "2020-01-01",
      "c.md": "2020-01-01",
      // A new file under a name another file left, and a copy: new files.
      "x/a.md": "2020-04-01",
      "c-copy.md": "2020-04-01",
    });
  });

  it("reads every source of a commit before applying it: two files that swap names keep their dates", () => {
    const log = [record("2020-01-01", "A", "a.md"), record("2020-02-01", "A", "b.md"), record("2020-03-01", "R100", "a.md", "b.md", "R100", "b.md", "a.md")].join("");
    expect(Object.fromEntries(firstDatesFromLog(log))).toEqual({ "a.md": "2020-02-01", "b.md": "2020-01-01" });
  });

  it("dates a file it first sees changed (a shallow clone) by that commit, and skips records without a date", () => {
    expect(Object.fromEntries(firstDatesFromLog(record("2021-05-05", "M", "old.md") + "\x01garbage\x00not-a-date\x00"))).toEqual({ "old.md": "2021-05-05" });
  });
});

describe("nexus import dates a repository's files by their history", () => {
  it("follows renames, moves, deletions and re-adds; a copy, a new file under a freed name and a merged branch get their own day", async () => {
    const repo = repository();
    repo.write("notes/python/one.md", note("One"));
    repo.write("notes/python/two.md", note("Two"));
    repo.write("notes/python/three.md", note("Three"));
    repo.write("notes/rust/dated.md", "---\ntitle: Dated\ndate: 2019-05-05\n---\nFrontmatter wins.\n");
    repo.write("notes/rust/date-line.md", "# Date line\n\n_2019-06-06_\n\nThe date under the title wins.\n");
    repo.commit("2020-01-01");
    repo.mv("notes/python/one.md", "notes/rust/one-moved.md");
    repo.commit("2020-02-01");
    fs.copyFileSync(path.join(repo.dir, "notes/python/two.md"), path.join(repo.dir, "notes/python/two-copy.md"));
    repo.commit("2020-03-01");
    repo.git(["rm", "-q", "notes/python/three.md"]);
    repo.commit("2020-04-01");
    repo.write("notes/python/three.md", note("Three"));
    repo.commit("2020-05-01");
    // Moved again, a little edited: still a rename.
    repo.mv("notes/rust/one-moved.md", "notes/go/one-final.md");
    fs.appendFileSync(path.join(repo.dir, "notes/go/one-final.md"), "One more line.\n");
    repo.commit("2020-06-01");
    repo.mv("notes/python/two.md", "notes/go/two.md");
    repo.commit("2020-08-01");
    repo.write("notes/python/two.md", note("Another two", "A different learning under a name that was free again, with other words."));
    repo.commit("2020-09-01");
    repo.git(["checkout", "-qb", "side"]);
    repo.write("notes/go/branch.md", note("Branch"));
    repo.commit("2020-10-01");
    repo.git(["checkout", "-q", "main"]);
    repo.write("notes/go/main.md", note("Main"));
    repo.commit("2020-10-15");
    repo.git(["merge", "-q", "--no-ff", "-m", "merge", "side"], "2020-11-01");
    repo.write("notes/go/untracked.md", note("Untracked"));
    const noon = new Date(2022, 0, 15, 12);
    fs.utimesSync(path.join(repo.dir, "notes/go/untracked.md"), noon, noon);

    const journal = makeTree({ "nexus.config.json": '{"entries": "entries"}\n', "entries/.gitkeep": "" });
    const result = await runCli(["import", path.join(repo.dir, "notes"), "--json", "--dry-run"], { cwd: journal });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    const dates = Object.fromEntries(data.created.map((c: { title: string; date: string; dated: string }) => [c.title, `${c.date} ${c.dated}`]));
    expect(dates).toEqual({
      One: "2020-01-01 first commit",
      Two: "2020-01-01 first commit",
      "Another two": "2020-09-01 first commit",
      Three: "2020-01-01 first commit",
      Branch: "2020-10-01 first commit",
      Main: "2020-10-15 first commit",
      Untracked: "2022-01-15 modification time",
      Dated: "2019-05-05 frontmatter",
      "Date line": "2019-06-06 text",
      // The copy is a file of its own, from the day it was made.
      [data.created.find((c: { source: string }) => c.source.endsWith("two-copy.md")).title]: "2020-03-01 first commit",
    });
    expect(data.dates).toEqual({ text: 1, frontmatter: 1, "first commit": 7, "modification time": 1 });

    // The summary counts the dates by source; the guesses are listed only with --verbose (or --dry-run).
    const quiet = await runCli(["import", path.join(repo.dir, "notes"), "--dry-run"], { cwd: journal });
    expect(quiet.stdout).toContain("Dates: 1 from the text, 1 from frontmatter, 7 by first commit, 1 by modification time.");
    expect(quiet.stdout).toContain("guess: no date in the file: dated 2022-01-15 (the file's modification time: it has no git history)");
    const written = await runCli(["import", path.join(repo.dir, "notes")], { cwd: journal });
    expect(written.code).toBe(0);
    expect(written.stdout).not.toContain("guess:");
    expect(written.stdout).toMatch(/^\d+ guess(es)? \(.*\): --verbose lists them\.$/m);
    expect(written.stdout).toContain("Dates: 1 from the text, 1 from frontmatter, 7 by first commit, 1 by modification time.");
  });

  it("dates an undated README by its first commit, under its earlier name", async () => {
    const repo = repository();
    repo.write("LEARNED.md", "## Go\n\n### Slices\n\n- append may copy\n");
    repo.commit("2021-01-01");
    repo.mv("LEARNED.md", "README.md");
    fs.appendFileSync(path.join(repo.dir, "README.md"), "\n### Maps\n\n- not ordered\n");
    repo.commit("2021-03-03");
    const journal = makeTree({ "nexus.config.json": '{"entries": "entries"}\n' });
    const data = JSON.parse((await runCli(["import", path.join(repo.dir, "README.md"), "--json"], { cwd: journal })).stdout);
    expect(data.created.map((c: { title: string; date: string }) => `${c.title} ${c.date}`)).toEqual(["Slices 2021-01-01", "Maps 2021-01-01"]);
    expect(data.created[0].guesses).toEqual(["no date in the section: dated 2021-01-01 (the file's first commit)"]);
  });
});

describe("file names git and file systems allow", () => {
  it("follows renames of names with a tab or a line break, and reports a name that is not UTF-8 instead of stopping", async () => {
    const repo = repository();
    repo.write("t/x/a\tb.md", note("Tab"));
    repo.write("t/x/new\nline.md", note("Line break"));
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(repo.dir, "t/x/caf")), Buffer.from([0xe9]), Buffer.from(".md")]), note("Latin-1 name"));
    repo.commit("2019-01-01");
    repo.mv("t/x/a\tb.md", "t/x/c\td.md");
    repo.mv("t/x/new\nline.md", "t/x/new\nline2.md");
    repo.commit("2020-01-01");
    const journal = makeTree({ "nexus.config.json": '{"entries": "entries"}\n' });
    const result = await runCli(["import", path.join(repo.dir, "t"), "--json", "--dry-run"], { cwd: journal });
    expect(result.code).toBe(1);
    const data = JSON.parse(result.stdout);
    expect(data.created.map((c: { title: string; date: string }) => `${c.title} ${c.date}`).sort()).toEqual(["Line break 2019-01-01", "Tab 2019-01-01"]);
    expect(data.problems).toEqual([{ path: expect.stringMatching(/x\/caf.\.md$/), line: 1, message: "a name that is not UTF-8: not read (rename it)" }]);
  });
});
