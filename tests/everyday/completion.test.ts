import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, entryText, makeTree, runCli, tempDir } from "../helpers.js";
import { toolsInstalled } from "../ci-tools.js";

await toolsInstalled();
const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

function journal() {
  return makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-01-02-select-related.md": entryText({ title: "Select related", topic: "Django", date: "2026-01-02", tags: ["orm", "performance"] }),
    "entries/2026-01-03-gather.md": entryText({ title: "Gather", topic: "Asynchronous Programming", date: "2026-01-03", tags: ["asyncio", "orm"] }),
    "entries/2026-01-04-gather.md": entryText({ title: "Gather again", topic: "Django", date: "2026-01-04", tags: ['"\\e[2Jevil"'] }),
  });
}

/** A folder with a `nexus` command that runs the built CLI. */
function binDir(): string {
  const dir = tempDir("nexus-bin-");
  fs.writeFileSync(path.join(dir, "nexus"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  return dir;
}

async function script(shell: string): Promise<string> {
  const r = await runCli(["completion", shell], { cwd: tempDir() });
  expect(r.code).toBe(0);
  const file = path.join(tempDir(), `nexus.${shell}`);
  fs.writeFileSync(file, r.stdout);
  return file;
}

describe("nexus __complete", () => {
  it("prints topics and tags most used first, entries by slug, inert", async () => {
    const dir = journal();
    expect((await runCli(["__complete", "topics"], { cwd: dir })).stdout).toBe("Django\nAsynchronous Programming\n");
    expect((await runCli(["__complete", "tags"], { cwd: dir })).stdout).toBe("orm\n\u241b[2Jevil\nasyncio\nperformance\n");
    expect((await runCli(["__complete", "entries"], { cwd: dir })).stdout).toBe("2026-01-04-gather\n2026-01-03-gather\nselect-related\n");
  });

  it("is silent and succeeds outside a journal", async () => {
    const r = await runCli(["__complete", "topics"], { cwd: tempDir() });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("is hidden from help", async () => {
    expect((await runCli(["--help"], { cwd: tempDir() })).stdout).not.toContain("__complete");
  });
});

describe("nexus completion", () => {
  it("rejects an unknown shell with a usage error, and has help with examples", async () => {
    const r = await runCli(["completion", "powershell"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bash, zsh or fish");
    const help = await runCli(["completion", "--help"], { cwd: tempDir() });
    expect(help.stdout.split("Examples:")[1]!.trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });

  it("bash: completes commands, options, topics, tags and entries", async () => {
    const file = await script("bash");
    const dir = journal();
    const complete = (...words: string[]) => {
      const r = spawnSync(
        "bash",
        ["-c", `source "${file}"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _nexus; printf '%s\\n' "\${COMPREPLY[@]}"`, "bash", ...words],
        { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: `${binDir()}:${process.env.PATH}`, NO_COLOR: "1" } },
      );
      expect(r.stderr).toBe("");
      return r.stdout.trim().split("\n").filter(Boolean);
    };
    expect(complete("nexus", "ta")).toEqual(["tags"]);
    expect(complete("nexus", "st")).toEqual(["stats"]);
    expect(complete("nexus", "rm", "--")).toContain("--yes");
    expect(complete("nexus", "list", "-")).toEqual(expect.arrayContaining(["--topic", "--tag", "--limit", "--dir"]));
    expect(complete("nexus", "list", "--topic", "")).toEqual(["Django", "Asynchronous\\ Programming"]);
    expect(complete("nexus", "add", "-p", "As")).toEqual(["Asynchronous\\ Programming"]);
    expect(complete("nexus", "list", "--tag", "")).toEqual(expect.arrayContaining(["orm", "asyncio", "performance"]));
    expect(complete("nexus", "tags", "--rename", "p")).toEqual(["performance"]);
    expect(complete("nexus", "topics", "--rename", "D")).toEqual(["Django"]);
    expect(complete("nexus", "show", "sel")).toEqual(["select-related"]);
    expect(complete("nexus", "completion", "")).toEqual(["bash", "zsh", "fish"]);
    expect(complete("nexus", "config", "")).toEqual(["get", "set", "unset", "list"]);
    expect(complete("nexus", "config", "set", "readme.ti")).toEqual(["readme.title"]);
    expect(complete("nexus", "config", "list", "--a")).toEqual(["--all"]);
    // `-n` takes a value (the limit) after `list`.
    expect(complete("nexus", "list", "-n", "")).toEqual([]);
    // Outside a journal nothing breaks: just no values.
    const outside = spawnSync("bash", ["-c", `source "${file}"; COMP_WORDS=(nexus list --topic ""); COMP_CWORD=3; _nexus; echo "n=\${#COMPREPLY[@]}"`], {
      cwd: tempDir(),
      encoding: "utf8",
      env: { ...process.env, PATH: `${binDir()}:${process.env.PATH}` },
    });
    expect(outside.stdout).toBe("n=0\n");
    expect(outside.stderr).toBe("");
  });

  it("bash: a topic or tag that is shell code is offered as text and never run", async () => {
    const file = await script("bash");
    const dir = makeTree({
      "entries/2026-01-02-hostile.md": '---\ntitle: Hostile\ntopic: "$(touch PWNED1)"\ndate: 2026-01-02\ntags: ["`touch PWNED2`", "{a,b}"]\n---\n',
    });
    const run = (words: string) =>
      spawnSync("bash", ["-c", `source "${file}"; COMP_WORDS=(${words}); COMP_CWORD=3; _nexus; printf '%s\\n' "\${COMPREPLY[@]}"`], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${binDir()}:${process.env.PATH}` },
      });
    const topics = run(`nexus list --topic ""`);
    const tags = run(`nexus list --tag ""`);
    expect(fs.existsSync(path.join(dir, "PWNED1"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "PWNED2"))).toBe(false);
    expect(topics.stdout).toBe("\\$\\(touch\\ PWNED1\\)\n");
    expect(tags.stdout.split("\n")).toEqual(expect.arrayContaining(["\\`touch\\ PWNED2\\`", "\\{a\\,b\\}"]));
  });

  it.skipIf(!has("zsh"))("zsh: the script parses and offers topics", async () => {
    const file = await script("zsh");
    expect(spawnSync("zsh", ["-n", file]).status).toBe(0);
    const harness = `compdef() { :; }
compadd() { [[ $1 == -a ]] && print -rl -- \${(P)2} || { shift; print -rl -- "$@"; } }
_describe() { :; }
source "${file}"
words=(nexus list --topic ""); CURRENT=4; PREFIX=""
_nexus`;
    const r = spawnSync("zsh", ["-c", harness], { cwd: journal(), encoding: "utf8", env: { ...process.env, PATH: `${binDir()}:${process.env.PATH}` } });
    expect(r.stdout).toBe("Django\nAsynchronous Programming\n");
  });

  it.skipIf(!has("fish"))("fish: the script parses and completes commands and topics", async () => {
    const file = await script("fish");
    expect(spawnSync("fish", ["-n", file]).status).toBe(0);
    const run = (line: string) =>
      spawnSync("fish", ["-c", `source "${file}"; complete -C "${line}"`], {
        cwd: journal(),
        encoding: "utf8",
        env: { ...process.env, PATH: `${binDir()}:${process.env.PATH}` },
      }).stdout;
    expect(run("nexus sta")).toMatch(/^stats\t/);
    expect(run("nexus list -p ")).toContain("Asynchronous Programming\t");
    expect(run("nexus show sel")).toContain("select-related");
  });
});
