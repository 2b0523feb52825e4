#!/usr/bin/env node
// The README's install before nexus-journal is on npm, done for real on this
// repository's HEAD commit: `npm pack git+file://...#COMMIT` (npm clones it, installs
// its devDependencies, builds it with prepack), then `npm i -g` of that tarball into a
// temporary prefix, offline with an empty cache (the package has no dependencies),
// and the installed `nexus` runs a journal. Run by .ci/run after npm test: it takes
// about a minute (the devDependencies install), too long for the test suite.
// Exit 0 and one line when all holds; otherwise what failed, exit 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const started = Date.now();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-git-install-"));

function run(command, args, cwd) {
  const env = { ...process.env, NO_COLOR: "1", CI: "true" };
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  delete env.NEXUS_DIR;
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 600_000 });
  if (result.status !== 0) {
    console.error(`install from git: \`${[command, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal})`);
    console.error(`${result.stdout}\n${result.stderr}`.trim());
    process.exit(1);
  }
  return result.stdout;
}

function expect(condition, what) {
  if (!condition) {
    console.error(`install from git: ${what}`);
    process.exit(1);
  }
}

try {
  const commit = run("git", ["rev-parse", "HEAD"], ROOT).trim();
  const packDir = path.join(scratch, "pack");
  fs.mkdirSync(packDir);
  run("npm", ["pack", `git+file://${ROOT}#${commit}`, "--prefer-offline", "--loglevel=error"], packDir);
  const [tarball] = fs.readdirSync(packDir).filter((f) => f.endsWith(".tgz"));
  expect(tarball, "npm pack made no tarball");
  const prefix = path.join(scratch, "prefix");
  const cache = path.join(scratch, "cache");
  const installed = run("npm", ["i", "-g", "--prefix", prefix, "--offline", "--cache", cache, "--no-audit", "--no-fund", path.join(packDir, tarball)], scratch);
  expect(/added 1 package\b/.test(installed), `npm i -g installed more than the package: ${installed.trim()}`);

  const nexus = path.join(prefix, "bin", "nexus");
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  expect(run(nexus, ["--version"], scratch).trim() === version, `nexus --version is not ${version}`);
  const journal = path.join(scratch, "journal");
  run(nexus, ["init", journal], scratch);
  run(nexus, ["add", "--title", "Installed from git", "--topic", "npm", "--date", "2026-01-02"], journal);
  run(nexus, ["build-readme"], journal);
  expect(fs.readFileSync(path.join(journal, "README.md"), "utf8").includes("Installed from git"), "the README lacks the entry");
  console.log(`install from git: ok (npm pack of ${commit.slice(0, 7)}, npm i -g of its tarball, nexus ${version} ran a journal; ${Math.round((Date.now() - started) / 1000)} s)`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
