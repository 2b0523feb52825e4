import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { GitFailed, gitEnvironment, runGit, tryGit } from "../../src/import/git.js";
import { tempDir } from "../helpers.js";
import { makeTrap, plainGit } from "./git-trap.js";

// What nexus (and a rename-following history reader) asks git: each is run in a
// repository whose config names a program for every way git documents.
const ASKED: string[][] = [
  ["rev-parse", "--show-toplevel"],
  ["log", "--format=%x01%as", "--name-only", "--diff-filter=A", "-z", "--", "."],
  ["log", "-1", "--format=%as", "--", "python/list-slicing.md"],
  ["log", "--follow", "--name-status", "--format=%as", "--", "python/list-slicing.md"],
  ["log", "-M", "--name-status", "-z", "--format=%x01%as"],
  ["log", "-p", "--", "python", "web"],
  ["log", "-p", "--", "notes"],
  ["show", "HEAD~2"],
  ["diff-tree", "-r", "-p", "HEAD~2", "HEAD"],
  ["ls-tree", "-r", "HEAD"],
  ["rev-list", "--all"],
];

const ask = (repo: string, args: string[]) => {
  try {
    return runGit(repo, args);
  } catch (error) {
    if (error instanceof GitFailed) return undefined; // refused or failed: fine, as long as nothing ran
    throw error;
  }
};

describe("git runner: a repository's config runs no program", () => {
  for (const where of ["config", "include", "includeIf"] as const) {
    test(`traps set in the repository's ${where === "config" ? "own config" : `config reached by ${where}`}`, () => {
      const trap = makeTrap(tempDir("nexus-git-"), where);
      // Plain git, asked the same and a little more, runs the traps: the test can fail.
      for (const args of [...ASKED, ["status"], ["-c", "filter.trap.process=", "log", "-p", "--", "web"]]) {
        try {
          plainGit(trap.repo, args);
        } catch {
          // a trap exits 1; git may fail after running it
        }
      }
      expect(trap.fired()).toEqual(expect.arrayContaining([
        "core.fsmonitor", "diff.trap.textconv", "filter.trap.process", "gpg.openpgp.program", "gpg.ssh.program", "gpg.x509.program", "remote.ext",
      ]));
      fs.rmSync(trap.marker);
      for (const args of ASKED) ask(trap.repo, args);
      expect(trap.fired()).toEqual([]);
      // And the answers are still there.
      expect(runGit(trap.repo, ["log", "--format=%as", "--follow", "--", "python/list-slicing.md"]).split("\n").filter(Boolean)).toEqual(["2021-05-03", "2020-09-13"]);
    });
  }

  test("a bare repository inside the folder is not used", () => {
    const dir = tempDir("nexus-git-");
    const trap = makeTrap(dir);
    const bare = path.join(trap.repo, "web", "embedded.git");
    fs.cpSync(path.join(trap.repo, ".git"), bare, { recursive: true });
    plainGit(bare, ["config", "core.bare", "true"]);
    fs.rmSync(trap.marker, { force: true });
    plainGit(bare, ["log", "-1"]);
    expect(trap.fired()).toEqual(["gpg.ssh.program"]);
    fs.rmSync(trap.marker);
    expect(() => runGit(bare, ["log", "-1"])).toThrow(GitFailed);
    expect(trap.fired()).toEqual([]);
  });

  test("GIT_* variables of nexus's environment do not reach git", () => {
    const env = gitEnvironment({
      PATH: "/usr/bin",
      HOME: "/root",
      GIT_DIR: "/elsewhere",
      GIT_CONFIG_PARAMETERS: "'log.showsignature'='true'",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "gpg.program",
      GIT_CONFIG_VALUE_0: "/tmp/x",
      GIT_EXTERNAL_DIFF: "/tmp/x",
      GIT_SSH_COMMAND: "/tmp/x",
      GIT_ASKPASS: "/tmp/x",
      GIT_EXEC_PATH: "/tmp",
      git_pager: "/tmp/x",
    });
    expect(Object.keys(env).filter((k) => /^git_/i.test(k)).sort()).toEqual([
      "GIT_ALLOW_PROTOCOL", "GIT_ATTR_NOSYSTEM", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_SYSTEM",
      "GIT_NO_LAZY_FETCH", "GIT_OPTIONAL_LOCKS", "GIT_PAGER", "GIT_TERMINAL_PROMPT",
    ]);
    expect(env.GIT_CONFIG_GLOBAL).toBe("/dev/null");
    expect(env.PATH).toBe("/usr/bin");
  });

  test("commands that read the work tree, and arguments that turn a program on, are refused", () => {
    const dir = tempDir("nexus-git-");
    for (const args of [["status"], ["diff"], ["ls-files", "-m"], ["checkout", "."], ["config", "x.y", "z"], ["log", "--ext-diff"], ["log", "--textconv"], ["show", "--show-signature"], ["log", "--format=%G?"], []]) {
      expect(() => runGit(dir, args), args.join(" ")).toThrow(/not (a command|an argument) nexus/);
    }
  });

  test("outside a repository: GitFailed with git's reason, and tryGit gives undefined", () => {
    const dir = tempDir("nexus-git-");
    expect(() => runGit(dir, ["log"])).toThrow(/not a git repository/);
    expect(tryGit(dir, ["log"])).toBeUndefined();
  });
});
