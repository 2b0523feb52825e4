// What a run does not do before it does its work (docs/speed.md): the bundle takes Node's own
// modules with require(), not import (an import makes Node build a facade of the module that
// reads every export, and fs's getters load ~35 more of Node's modules); and a run that asks
// nothing of the user never makes process.stdin (a stream of its own, with fs.promises and
// every file stream module when stdin is a file or a pipe's end).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, REPO_ROOT, runCli, tempDir } from "../helpers.js";

/** A preload that says on stderr when process.stdin is first made. */
function stdinWatch(): string {
  const file = path.join(tempDir("nexus-stdin-"), "watch.cjs");
  fs.writeFileSync(
    file,
    `const made = Object.getOwnPropertyDescriptor(process, "stdin");
Object.defineProperty(process, "stdin", { configurable: true, enumerable: made.enumerable, get() { require("node:fs").writeSync(2, "STDIN MADE\\n"); Object.defineProperty(process, "stdin", made); return made.get.call(process); } });
`,
  );
  return file;
}

describe("work a run leaves undone", () => {
  it("imports none of Node's modules in dist/ but node:module (the banner's require)", () => {
    const dist = path.join(REPO_ROOT, "dist");
    const imported = new Set<string>();
    for (const name of fs.readdirSync(dist).filter((n) => n.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(dist, name), "utf8");
      // Chunks of dependencies that import Node's modules themselves (chalk, inquirer) are theirs.
      if (text.includes("node_modules/")) continue;
      for (const m of text.matchAll(/\bfrom\s*"(node:[^"]+)"|\bimport\s*\(\s*"(node:[^"]+)"\s*\)/g)) imported.add(m[1] ?? m[2]!);
    }
    expect([...imported]).toEqual(["node:module"]);
  });

  it("makes process.stdin only for a command that may ask the user something", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/2026-01-02-a.md": entryText({ title: "Celery retries", topic: "Python", date: "2026-01-02" }) });
    const env = { NODE_OPTIONS: `--require ${stdinWatch()}` };
    for (const args of [["list"], ["search", "celery"], ["show", "a"], ["--version"]]) {
      const run = await runCli(args, { cwd: dir, env });
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: "" });
    }
    // No words and no terminal: search asks whether it may prompt, and says it may not.
    const asked = await runCli(["search"], { cwd: dir, env });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain("STDIN MADE");
  });
});
