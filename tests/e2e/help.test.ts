// The commands as people find them: help in groups, aliases from other tools, suggestions
// that are close, one meaning per short flag, and a README reference that says what --help says.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SHORT_FLAGS } from "../../src/cli/help.js";
import { suggestCommands } from "../../src/cli/suggest.js";
import { entryText, makeTree, REPO_ROOT, runCli, tempDir, type RunResult } from "../helpers.js";

let help: RunResult;
let bare: RunResult;
let fish: string;
beforeAll(async () => {
  const cwd = tempDir();
  [help, bare, { stdout: fish }] = await Promise.all([runCli(["--help"], { cwd }), runCli([], { cwd }), runCli(["completion", "fish"], { cwd })]);
});

/** Each command of `nexus --help`: its name, its arguments, and its aliases (from the completion script). */
function commands() {
  const listing = help.stdout.slice(help.stdout.indexOf("\nWrite:"), help.stdout.indexOf("\nExamples:"));
  return [...listing.matchAll(/^ {2}([a-z][\w-]*)(?:\|[\w-]+)* (?:\[options\] )?(.*?)(?: {2,}|$)/gm)].map((m) => {
    const seen = new RegExp(`-n '__fish_seen_subcommand_from ${m[1]}((?: [\\w-]+)*)'`).exec(fish);
    return { name: m[1]!, args: m[2]!.trim(), aliases: seen ? seen[1]!.trim().split(" ").filter(Boolean) : [] };
  });
}

/** The short and long flags of each command (and of the program, as ""), from the completion script. */
function shortFlags(): { command: string; short: string; long: string }[] {
  return [...fish.matchAll(/^complete -c nexus (?:-n '__fish_seen_subcommand_from ([\w-]+)[^']*' )?-s (\w) -l ([\w-]+)/gm)].map((m) => ({
    command: m[1] ?? "",
    short: `-${m[2]}`,
    long: `--${m[3]}`,
  }));
}

describe("nexus --help and nexus alone", () => {
  it("are the same: the commands in groups, then examples, in 80 columns", () => {
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe(help.stdout);
    const headings = help.stdout.split("\n").filter((l) => /^[A-Z][\w ]*:$/.test(l));
    expect(headings).toEqual(["Options:", "Write:", "Find and read:", "Look back:", "Publish:", "Set up and check:", "Examples:"]);
    expect(help.stdout).not.toContain("Commands:");
    expect(help.stdout).not.toContain("Other commands:");
    for (const command of ["build-readme", "search", "review"]) expect(help.stdout).toMatch(new RegExp(`^ {2}nexus ${command}`, "m"));
    expect(help.stdout.split("\n").filter((l) => l.length > 80)).toEqual([]);
  });

  it("has no (default: []) in any command's help, and help --help works", async () => {
    const cwd = tempDir();
    const shown = await Promise.all(["add", "search", "import"].map((c) => runCli([c, "--help"], { cwd })));
    for (const r of shown) {
      expect(r.stdout).toMatch(/-t, --tag <tag>/);
      expect(r.stdout).not.toContain("(default: [])");
    }
    expect(shown[0]!.stdout).toMatch(/-d, --date <date> +the day of the learning: YYYY-MM-DD, today or\s+yesterday/);
    const self = await runCli(["help", "--help"], { cwd });
    expect(self.code).toBe(0);
    expect(self.stdout).toMatch(/^Usage: nexus help \[command\]/);
    expect(self.stdout).toMatch(/Examples:\n {2}nexus help\n {2}nexus help add\n/);
  });
});

describe("versions, aliases and suggestions", () => {
  it("-v, -V, --version and version print the version", async () => {
    const cwd = tempDir();
    const all = await Promise.all([["-v"], ["-V"], ["version"]].map((args) => runCli(args, { cwd })));
    for (const r of all) expect([r.code, r.stdout, r.stderr]).toEqual([0, `${JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version}\n`, ""]);
  });

  it("new, find, open, delete and remove are add, search, show and rm", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/2026-11-20-celery-retries.md": entryText({ title: "Celery retries", topic: "Celery", date: "2026-11-20" }) });
    const added = await runCli(["new", "Docker layers", "-p", "Docker", "-t", "images", "-d", "2026-11-21"], { cwd: dir });
    expect(added.code, added.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, "entries/2026-11-21-docker-layers.md"), "utf8")).toMatch(/^tags: \[images\]$/m);
    const found = await runCli(["find", "celery", "-t", "x"], { cwd: dir });
    expect(found.stderr).toMatch(/No entries match "celery" with these filters/);
    expect((await runCli(["open", "docker"], { cwd: dir })).stdout.split("\n")[0]).toBe("Docker layers");
    expect((await runCli(["delete", "docker-layers", "--yes"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["remove", "celery-retries", "--yes"], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "entries")).filter((f) => f.endsWith(".md"))).toEqual([]);
  });

  it("a mistyped command suggests only close names, commands it starts, or the tool's word for it", async () => {
    const cwd = tempDir();
    const [view, build, shw, xyzzy] = (await Promise.all(["view", "build", "shw", "xyzzy"].map((c) => runCli([c], { cwd })))) as [RunResult, RunResult, RunResult, RunResult];
    expect(view.code).toBe(2);
    expect(view.stderr).toMatch(/^nexus: unknown command 'view'\n\(Did you mean show\?\)/);
    expect(view.stderr).not.toContain("review");
    expect(build.stderr).toContain("(Did you mean one of build-readme, build-site?)");
    expect(shw.stderr).toContain("(Did you mean show?)");
    expect(xyzzy.stderr).not.toContain("Did you mean");
    const names = ["init", "add", "new", "list", "ls", "show", "open", "search", "find", "review", "rm", "delete", "remove", "stats", "tags", "topics"];
    expect(suggestCommands("view", names)).toEqual(["show"]);
    expect(suggestCommands("serch", names)).toEqual(["search"]);
    expect(suggestCommands("revew", names)).toEqual(["review"]);
    expect(suggestCommands("stat", names)).toEqual(["stats"]);
    expect(suggestCommands("tag", names)).toEqual(["tags"]);
    expect(suggestCommands("nwe", names)).toEqual(["new"]);
    expect(suggestCommands("to", names)).toEqual([]);
  });

  it("every error starts with nexus: (commander's and nexus's own)", async () => {
    const cwd = tempDir();
    const errors = await Promise.all([["bogus"], ["list", "--bogus"], ["help", "bogus"], ["show", "x"]].map((a) => runCli(a, { cwd })));
    for (const r of errors) expect(r.stderr).toMatch(/^nexus: (?!error:)/);
  });
});

describe("one meaning per short flag", () => {
  it("each short flag of every command is the long flag the README's table names", () => {
    const flags = shortFlags();
    expect(flags.length).toBeGreaterThan(15);
    const wrong = flags.filter((f) => SHORT_FLAGS[f.short] !== f.long);
    expect(wrong).toEqual([]);
    expect(flags.filter((f) => f.long === "--dry-run")).toEqual([]);
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    for (const [short, long] of Object.entries(SHORT_FLAGS)) expect(readme).toMatch(new RegExp(`\`${short}\`.*\`${long}\``));
  });
});

describe("the README's command reference", () => {
  it("has a section for each command of --help, with its arguments, aliases and options", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("\n## Commands");
    const reference = readme.slice(start, readme.indexOf("\n## ", start + 5));
    const sections = reference.split(/\n(?=### )/);
    const listed = commands().filter((c) => c.name !== "help");
    expect(listed.length).toBeGreaterThan(15);
    const gaps: string[] = [];
    for (const command of listed) {
      const section = sections.find((s) => new RegExp(`^### .*\`nexus ${command.name}[ \`]`).test(s));
      if (!section) {
        gaps.push(`no section for ${command.name}`);
        continue;
      }
      if (command.args && !section.split("\n")[0]!.includes(command.args)) gaps.push(`${command.name}: heading lacks ${command.args}`);
      for (const alias of command.aliases) if (!section.includes(`\`nexus ${alias}\``)) gaps.push(`${command.name}: alias ${alias} not named`);
      const longs = [...fish.matchAll(new RegExp(`__fish_seen_subcommand_from ${command.name}\\b[^']*'.*? -l ([\\w-]+)`, "g"))].map((m) => `--${m[1]}`);
      for (const long of new Set(longs)) if (long !== "--help" && !section.includes(long)) gaps.push(`${command.name}: ${long} not named`);
    }
    expect(gaps).toEqual([]);
  });
});
