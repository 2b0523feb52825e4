// `nexus import` of a folder or file that comes with a hostile `.git`: report
// 2026-12-06 defect 1 (r0.sh), and the ways around it the report did not try.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeTree, runCli, tempDir } from "../helpers.js";
import { makeTrap, plainGit } from "./git-trap.js";

const journal = (dir: string) => makeTree({ "nexus.config.json": '{\n  "entries": "entries"\n}\n', "entries/.gitkeep": "" }, path.join(dir, "journal"));

describe("import runs nothing named by the source's git config", () => {
  test("r0: log.showSignature with gpg.program on a signed commit, folder and single note, --dry-run and for real", async () => {
    const dir = tempDir("nexus-git-e2e-");
    const til = path.join(dir, "til");
    fs.mkdirSync(path.join(til, "python"), { recursive: true });
    fs.writeFileSync(path.join(til, "python/lists.md"), "# Lists\n\nslicing\n");
    fs.writeFileSync(path.join(til, ".hook.sh"), `#!/bin/sh\necho "ran: $0 $*" >> "${dir}/PWNED"\nexit 1\n`, { mode: 0o755 });
    plainGit(til, ["init", "-q"]);
    plainGit(til, ["add", "python"]);
    const tree = plainGit(til, ["write-tree"]).trim();
    fs.writeFileSync(path.join(dir, "c.txt"), `tree ${tree}\nauthor a <a@b> 1600000000 +0000\ncommitter a <a@b> 1600000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n`);
    plainGit(til, ["update-ref", "HEAD", plainGit(til, ["hash-object", "-t", "commit", "-w", "../c.txt"]).trim()]);
    plainGit(til, ["config", "log.showSignature", "true"]);
    plainGit(til, ["config", "gpg.program", "./.hook.sh"]);
    plainGit(til, ["log", "-1"]); // the trap works with plain git
    expect(fs.existsSync(path.join(dir, "PWNED"))).toBe(true);
    fs.rmSync(path.join(dir, "PWNED"));
    const cwd = journal(dir);
    const dry = await runCli(["import", "../til", "--dry-run"], { cwd });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Lists · python · 2020-09-13");
    const one = await runCli(["import", "../til/python/lists.md", "--dry-run"], { cwd });
    expect(one.code).toBe(0);
    const real = await runCli(["import", "../til"], { cwd });
    expect(real.code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, "entries"))).toContain("2020-09-13-lists.md");
    expect(fs.existsSync(path.join(dir, "PWNED"))).toBe(false);
  });

  test("every documented way, set through include.path, with GIT_* config in nexus's environment and a `git` program in the folder on an empty PATH entry", async () => {
    const dir = tempDir("nexus-git-e2e-");
    const trap = makeTrap(dir, "include", false);
    fs.writeFileSync(path.join(trap.repo, "git"), `#!/bin/sh\necho "fake-git $*" >> '${trap.marker}'\n`, { mode: 0o755 });
    fs.rmSync(trap.marker, { force: true });
    const cwd = journal(dir);
    const env = {
      PATH: `:${process.env.PATH}`,
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_0: "log.showSignature",
      GIT_CONFIG_VALUE_0: "true",
      GIT_CONFIG_KEY_1: "gpg.program",
      GIT_CONFIG_VALUE_1: path.join(dir, "trap-gpg.program.sh"),
      GIT_EXTERNAL_DIFF: path.join(dir, "trap-diff.external.sh"),
    };
    for (const args of [["import", "../til", "--dry-run"], ["import", "../til/web/grid.md", "--dry-run"], ["import", "../til"]]) {
      const result = await runCli(args, { cwd, env });
      expect(result.code, result.stderr).toBe(0);
    }
    expect(trap.fired()).toEqual([]);
    // The dates still come from git: web/grid.md was first committed on 2021-01-07.
    expect(fs.readdirSync(path.join(cwd, "entries"))).toContain("2021-01-07-grid.md");
  });
});
