import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const BIN = path.join(REPO_ROOT, "bin", "nexus.js");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = "nexus-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a tree of files ({"entries/a.md": "..."}) into a new temporary folder. */
export function makeTree(files: Record<string, string | Buffer>, dir = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

/** The text of an entry file. */
export function entryText(fields: {
  title: string;
  topic: string;
  date: string;
  tags?: string[];
  challenge?: string;
  solution?: string;
  takeaway?: string;
  extra?: string;
}): string {
  const tags = fields.tags ? `tags: [${fields.tags.join(", ")}]\n` : "";
  const sections = (["challenge", "solution", "takeaway"] as const)
    .filter((k) => fields[k] !== undefined)
    .map((k) => `## ${k[0]!.toUpperCase()}${k.slice(1)}\n\n${fields[k]}\n`)
    .join("\n");
  return `---\ntitle: ${JSON.stringify(fields.title)}\ntopic: ${JSON.stringify(fields.topic)}\ndate: ${fields.date}\n${tags}---\n${sections}${fields.extra ?? ""}`;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, without a terminal: stdin is a pipe
 * (closed at once unless `input` is given), NO_COLOR and CI are set.
 */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NO_COLOR: "1",
      CI: "true",
      FORCE_COLOR: undefined,
      NEXUS_DIR: undefined,
      VISUAL: undefined,
      EDITOR: undefined,
      ...options.env,
    };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`nexus ${args.join(" ")} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // nexus may exit before reading all of its input (a refused flag): that is no test failure.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}
