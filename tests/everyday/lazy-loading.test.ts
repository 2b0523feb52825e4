// `nexus --version`, `--help` and `add` with flags must not load marked,
// marked-terminal, fuse.js or inquirer. The CLI is one bundle split in chunks
// (scripts/build.js), each chunk marked with the node_modules paths of the code it
// holds, and cli-highlight (with highlight.js) is dist/vendor/cli-highlight.cjs,
// required on first use: a module hook notes every file the CLI imports, a patch of
// Module._load every file it requires, and a command that loads no file holding
// those packages (and could not import them from node_modules either) does not load them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

const HEAVY = ["marked", "marked-terminal", "fuse.js", "@inquirer/prompts", "@inquirer/core", "cli-highlight", "highlight.js"];

function recordingHook(): { register: string; log: string } {
  const dir = tempDir("nexus-hook-");
  const log = path.join(dir, "loaded.txt");
  fs.writeFileSync(
    path.join(dir, "hooks.mjs"),
    `import fs from "node:fs";
const heavy = ${JSON.stringify(HEAVY)};
export async function resolve(specifier, context, next) {
  if (heavy.some((h) => specifier === h || specifier.startsWith(h + "/"))) {
    throw new Error("blocked by the lazy-loading test: " + specifier);
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  fs.appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
  );
  // Hooks see what is imported; what is required (dist/vendor/*.cjs) is noted here.
  fs.writeFileSync(
    path.join(dir, "register.mjs"),
    `import fs from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";
register("./hooks.mjs", import.meta.url);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    const file = Module._resolveFilename(request, parent, isMain);
    if (file.startsWith("/")) fs.appendFileSync(${JSON.stringify(log)}, pathToFileURL(file).href + "\\n");
  } catch {}
  return load.apply(this, arguments);
};
`,
  );
  return { register: path.join(dir, "register.mjs"), log };
}

/** The heavy packages whose code is in the files the CLI loaded. */
function heavyLoaded(log: string): string[] {
  const urls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter((u) => u.startsWith("file:")) : [];
  const found = new Set<string>();
  for (const url of urls) {
    const file = fileURLToPath(url);
    const text = fs.readFileSync(file, "utf8");
    for (const h of HEAVY) if (text.includes(`// node_modules/${h}/`) || file.includes(`${path.sep}node_modules${path.sep}${h}${path.sep}`)) found.add(h);
    if (file.endsWith(`${path.sep}vendor${path.sep}cli-highlight.cjs`)) found.add("cli-highlight").add("highlight.js");
  }
  return [...found];
}

describe("lazy loading", () => {
  const hook = recordingHook;
  const journal = () =>
    makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-02-select-related.md": entryText({ title: "Select related", topic: "Django", date: "2026-01-02", tags: ["orm"], challenge: "**many** queries" }),
    });

  it("the hook really sees them (a command that renders markdown loads marked)", async () => {
    const { register, log } = hook();
    const r = await runCli(["show", "select-related"], { cwd: journal(), env: { NODE_OPTIONS: `--import ${register}` } });
    expect(r.code).toBe(0);
    expect(heavyLoaded(log)).toEqual(expect.arrayContaining(["marked", "marked-terminal"]));
    // Without colour, nothing is highlighted: cli-highlight and highlight.js stay unloaded.
    expect(heavyLoaded(log)).not.toContain("cli-highlight");
    expect(heavyLoaded(log)).not.toContain("highlight.js");
  });

  it("the hook sees a required vendor file too (show colours a code block with cli-highlight)", async () => {
    const { register, log } = hook();
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-02-code.md": entryText({ title: "Code", topic: "JS", date: "2026-01-02", solution: "```js\nconst x = 1;\n```" }),
    });
    const r = await runCli(["show", "code"], { cwd: dir, env: { NODE_OPTIONS: `--import ${register}`, FORCE_COLOR: "1", NO_COLOR: undefined } });
    expect(r.code, r.stderr).toBe(0);
    expect(heavyLoaded(log)).toEqual(expect.arrayContaining(["cli-highlight", "highlight.js"]));
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
    const { register, log } = hook();
    const r = await runCli(args, { cwd: journal(), env: { NODE_OPTIONS: `--import ${register}` } });
    expect(r.stderr).not.toContain("blocked by the lazy-loading test");
    expect(r.code, r.stderr).toBe(0);
    expect(heavyLoaded(log)).toEqual([]);
  });
});
