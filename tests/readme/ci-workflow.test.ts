// The workflow `nexus init --ci` writes, run for real: its check step's shell runs
// here with stand-ins for npm and npx on PATH that say whether the pinned version is
// on the registry, whether it installs, and whether the README is current.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTree, runCli, tempDir } from "../helpers.js";

interface Workflow {
  jobs: { readme: { env: Record<string, string>; steps: { name?: string; run?: string; uses?: string; with?: Record<string, unknown> }[] } };
}

async function writtenWorkflow(): Promise<{ text: string; workflow: Workflow }> {
  const dir = makeTree({});
  const result = await runCli(["init", "--ci"], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  const text = fs.readFileSync(path.join(dir, ".github/workflows/nexus-readme.yml"), "utf8");
  return { text, workflow: yaml.load(text) as Workflow };
}

/** Runs the check step with fake npm and npx; `registry` says whether `npm view` finds the version. */
function runStep(workflow: Workflow, fake: { registry: boolean; install?: boolean; current?: boolean }) {
  const bin = tempDir("nexus-fake-npm-");
  const log = path.join(bin, "npx.log");
  fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\n[ "$1" = view ] && { ${fake.registry ? 'echo "$2" | sed "s/.*@//"; exit 0' : "echo 'npm error 404' >&2; exit 1"}; }\nexit 2\n`);
  fs.writeFileSync(
    path.join(bin, "npx"),
    `#!/bin/sh\necho "$*" >> "${log}"\ncase "$*" in\n  *--version) ${fake.install === false ? "echo 'npm error code 128' >&2; exit 1" : "echo 0.0.0"} ;;\n  *"build-readme --check") ${fake.current === false ? "echo 'README.md is stale'; exit 1" : "exit 0"} ;;\nesac\n`,
  );
  for (const name of ["npm", "npx"]) fs.chmodSync(path.join(bin, name), 0o755);
  const step = workflow.jobs.readme.steps.find((s) => s.name === "README.md is up to date");
  expect(step?.run).toBeDefined();
  const result = spawnSync("bash", ["-e", "-c", step!.run!], {
    env: { PATH: `${bin}:${process.env.PATH}`, ...workflow.jobs.readme.env },
    encoding: "utf8",
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  return { ...result, calls };
}

describe("the workflow init --ci writes", () => {
  let text = "";
  let workflow: Workflow;
  beforeAll(async () => {
    ({ text, workflow } = await writtenWorkflow());
  });

  it("pins the nexus that wrote it, and names the same code in git", () => {
    const version = (JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
    expect(workflow.jobs.readme.env.NEXUS).toBe(`nexus-journal@${version}`);
    expect(workflow.jobs.readme.env.NEXUS_FROM_GIT).toMatch(new RegExp(`^github:nexus-journal/nexus#([0-9a-f]{40}|v${version.replace(/\./g, "\\.")})$`));
    expect(text).toContain(`#   npx nexus-journal@${version} build-readme\n`);
    expect(text).toContain(`#   npx --package=${workflow.jobs.readme.env.NEXUS_FROM_GIT} -- nexus build-readme\n`);
  });

  it("checks with the registry's package when it is there, saying nothing more", () => {
    const run = runStep(workflow, { registry: true });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain("::warning");
    expect(run.calls.at(-1)).toBe(`--yes --package=${workflow.jobs.readme.env.NEXUS} -- nexus build-readme --check`);
  });

  it("says clearly when the version is not on the registry, and checks with the same code from git", () => {
    const { NEXUS, NEXUS_FROM_GIT } = workflow.jobs.readme.env;
    const run = runStep(workflow, { registry: false });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`::warning title=nexus is not on npm::${NEXUS} is not on the npm registry, so this check runs the same nexus from git: ${NEXUS_FROM_GIT}`);
    expect(run.calls.at(-1)).toBe(`--yes --package=${NEXUS_FROM_GIT} -- nexus build-readme --check`);
  });

  it("fails a stale README with the command that fixes it", () => {
    const { NEXUS_FROM_GIT } = workflow.jobs.readme.env;
    const run = runStep(workflow, { registry: false, current: false });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("README.md is stale");
    expect(run.stdout).toContain(`::error title=README.md is not up to date::Run npx --package=${NEXUS_FROM_GIT} -- nexus build-readme and commit README.md and journal/`);
  });

  it("fails with its own message when nexus cannot be installed, not as a stale README", () => {
    const run = runStep(workflow, { registry: true, install: false });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`::error title=nexus could not be installed::npx could not install ${workflow.jobs.readme.env.NEXUS}.`);
    expect(run.stdout).not.toContain("not up to date");
  });
});
