// `nexus --version`, `--help` and `add` with flags must not load marked,
// marked-terminal, fuse.js or inquirer. Run the CLI with a module hook that makes
// those packages unloadable: a command that still works does not load them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

const HEAVY = ["marked", "marked-terminal", "fuse.js", "@inquirer/prompts"];

function blockingHook(): string {
  const dir = tempDir("nexus-hook-");
  fs.writeFileSync(
    path.join(dir, "hooks.mjs"),
    `const heavy = ${JSON.stringify(HEAVY)};
export async function resolve(specifier, context, next) {
  if (heavy.some((h) => specifier === h || specifier.startsWith(h + "/")) || specifier.startsWith("@inquirer/")) {
    throw new Error("blocked by the lazy-loading test: " + specifier);
  }
  return next(specifier, context);
}
`,
  );
  fs.writeFileSync(path.join(dir, "register.mjs"), `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`);
  return path.join(dir, "register.mjs");
}

describe("lazy loading", () => {
  const hook = blockingHook();
  const env = { NODE_OPTIONS: `--import ${hook}` };
  const journal = () =>
    makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-02-select-related.md": entryText({ title: "Select related", topic: "Django", date: "2026-01-02", tags: ["orm"], challenge: "**many** queries" }),
    });

  it("the hook really blocks them (a command that renders markdown fails)", async () => {
    const r = await runCli(["show", "select-related"], { cwd: journal(), env });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("blocked by the lazy-loading test: marked");
  });

  it.each([
    [["--version"]],
    [["--help"]],
    [["add", "--title", "Lazy", "--topic", "Node", "--tag", "startup", "--dry-run"]],
    [["add", "--title", "Lazy", "--topic", "Node", "--solution", "import() on demand"]],
    [["list"]],
    [["tags"]],
    [["topics", "--json"]],
    [["stats", "--until", "2026-01-31"]],
    [["completion", "bash"]],
    [["__complete", "topics"]],
    [["rm", "select-related", "--yes"]],
    [["edit", "--help"]],
    [["review", "--due"]],
    [["review", "select-related", "--rate", "good"]],
  ])("nexus %j works with the heavy modules unloadable", async (args) => {
    const r = await runCli(args, { cwd: journal(), env });
    expect(r.stderr).not.toContain("blocked by the lazy-loading test");
    expect(r.code).toBe(0);
  });
});
