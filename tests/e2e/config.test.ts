// nexus config through the built CLI: exit codes, stdin, help and completion.
// tests/everyday/config.test.ts tests the keys and the file in process.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, runCli } from "../helpers.js";

describe("nexus config (CLI)", () => {
  it("sets from stdin, gets, and a bad value is exit 2 with nothing written", async () => {
    const dir = makeTree({ "nexus.config.json": '{\r\n  "entries": "entries"\r\n}\r\n', "entries/.keep": "" });
    let r = await runCli(["config", "set", "readme.overview", "-"], { cwd: dir, input: "Two lines,\r\nthe second in 中文.\r\n" });
    expect(r).toEqual({ code: 0, stdout: 'updated nexus.config.json: readme.overview="Two lines,\\nthe second in 中文."\n', stderr: "Next: nexus build-readme\n" });
    expect(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")).toBe('{\r\n  "entries": "entries",\r\n  "readme": {\r\n    "overview": "Two lines,\\nthe second in 中文."\r\n  }\r\n}\r\n');
    r = await runCli(["config", "get", "readme.overview"], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: "Two lines,\nthe second in 中文.\n", stderr: "" });
    r = await runCli(["config", "set", "readme.perTopic", "0"], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: "", stderr: 'nexus: nexus.config.json: "readme.perTopic" must be a whole number from 1 to 100, not 0\nhint: nexus.config.json was not changed\n' });
    expect((await runCli(["config", "get", "readme.title"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["config", "frob"], { cwd: dir })).code).toBe(2);
  });

  it("has help with examples and is in the completion scripts", async () => {
    const dir = makeTree({ "entries/.keep": "" });
    const help = await runCli(["config", "set", "--help"], { cwd: dir });
    expect(help.stdout).toMatch(/Examples:\n {2}nexus config set readme.title/);
    const bash = await runCli(["completion", "bash"], { cwd: dir });
    expect(bash.stdout).toContain('config) case "$prev" in config) COMPREPLY=($(compgen -W "get set unset list" -- "$cur")) ;; get|set|unset) COMPREPLY=($(compgen -W "entries groups readme.title');
    for (const shell of ["zsh", "fish"]) expect((await runCli(["completion", shell], { cwd: dir })).stdout).toMatch(/get set unset list/);
  });
});
