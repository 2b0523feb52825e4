// The same nexus on every supported Node line: the same commands, run by each line on
// its own copy of a journal, print the same stdout and stderr and exit with the same
// code. Node lines are given as paths to their `node` binaries in NEXUS_NODE_LINES
// (separated as in PATH); .ci/run installs Node 22 and 24 and sets it. Without it the
// test is skipped: the suite itself then runs on one line only.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, entryText, makeTree, tempDir } from "../helpers.js";

const lines = (process.env.NEXUS_NODE_LINES ?? "").split(path.delimiter).filter(Boolean);

/** Each command with --json too where it has one (build-readme has --stdout instead). */
const COMMANDS: string[][] = [
  ["list"],
  ["list", "--json"],
  ["list", "--topic", "Django", "--limit", "3"],
  ["search", "caching", "redis"],
  ["search", "cachng", "--json"],
  ["search", "数据库"],
  ["search", "zanzibar"],
  ["show", "api-rate-limiting"],
  ["show", "api-rate-limiting", "--json"],
  ["stats"],
  ["stats", "--json"],
  ["tags"],
  ["tags", "--json"],
  ["topics", "--json"],
  ["doctor"],
  ["doctor", "--json"],
  ["build-readme", "--stdout"],
  ["review", "--due", "--date", "2026-12-01"],
  ["review", "--due", "--date", "2026-12-01", "--json"],
  ["import", path.join(REPO_ROOT, "tests/fixtures/import/til"), "--dry-run"],
  ["import", path.join(REPO_ROOT, "tests/fixtures/import/jrnl.json"), "--dry-run", "--json"],
  ["list", "--bogus"],
];

/** This repository's journal, with an entry in other scripts and a CRLF one. */
function journal(): string {
  const dir = tempDir("nexus-lines-");
  for (const part of ["entries", "templates", "nexus.config.json"]) fs.cpSync(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
  return makeTree(
    {
      "entries/2026-11-21-数据库索引.md": entryText({
        title: "数据库索引 and مؤشرات 🚀",
        topic: "Database Design",
        date: "2026-11-21",
        tags: ["索引"],
        challenge: "查询很慢。",
        solution: "加了数据库索引。",
      }),
      "entries/2026-11-22-crlf.md": entryText({ title: "Line endings", topic: "Version Control", date: "2026-11-22", takeaway: "CRLF stays." }).replace(/\n/g, "\r\n"),
    },
    dir,
  );
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(node: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CI: "true", TZ: "UTC" };
    for (const key of ["FORCE_COLOR", "NEXUS_DIR", "VISUAL", "EDITOR", "NODE_OPTIONS"]) delete env[key];
    const child = spawn(node, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every command in turn on a journal of the line's own (the first builds its cache, as a user's first run does). */
async function runAll(node: string): Promise<Run[]> {
  const dir = journal();
  const runs: Run[] = [];
  for (const args of COMMANDS) runs.push(await run(node, args, dir));
  return runs;
}

describe.skipIf(lines.length === 0)("the same nexus on every Node line (NEXUS_NODE_LINES)", () => {
  it("prints the same stdout and stderr and exits alike on each line", { timeout: 120_000 }, async () => {
    const all = [process.execPath, ...lines.filter((l) => l !== process.execPath)];
    for (const node of all) expect(fs.existsSync(node), `${node} is not there`).toBe(true);
    const versions = await Promise.all(all.map((node) => run(node, ["-p", "process.version"], REPO_ROOT)));
    const results = await Promise.all(all.map(runAll));
    const [reference, ...others] = results;
    // The reference run did what each command is for, and wrote to stderr only the errors and the summaries of doctor and review --due.
    const at = (args: string[]) => reference![COMMANDS.findIndex((c) => c.join(" ") === args.join(" "))]!;
    const errors = new Set(["search zanzibar", "list --bogus", "doctor", "review --due --date 2026-12-01"]);
    COMMANDS.forEach((args, k) => {
      if (!errors.has(args.join(" "))) expect(reference![k]!.stderr, `nexus ${args.join(" ")}`).toBe("");
    });
    expect(at(["list"]).stdout).toContain("Line endings");
    expect(at(["search", "cachng", "--json"]).stdout).toContain("caching-layers-and-invalidation-with-redis");
    expect(at(["search", "数据库"]).stdout).toContain("数据库索引");
    expect(at(["search", "zanzibar"]).code).toBe(1);
    expect(at(["build-readme", "--stdout"]).stdout).toContain("## 🚧 Challenges Faced and Solutions Implemented");
    expect(at(["import", path.join(REPO_ROOT, "tests/fixtures/import/jrnl.json"), "--dry-run", "--json"]).code).toBe(0);
    expect(at(["list", "--bogus"]).code).toBe(2);
    expect(at(["list", "--bogus"]).stderr).toContain("--bogus");
    others.forEach((runs, i) => {
      const line = versions[i + 1]!.stdout.trim();
      COMMANDS.forEach((args, k) => {
        const what = `nexus ${args.join(" ")} on Node ${line} (against ${versions[0]!.stdout.trim()})`;
        expect(runs[k]!.stderr, what).toBe(reference![k]!.stderr);
        expect(runs[k]!.code, what).toBe(reference![k]!.code);
        expect(runs[k]!.stdout, what).toBe(reference![k]!.stdout);
      });
    });
  });
});
