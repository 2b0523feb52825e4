// .github/workflows/release.yml: a version tag publishes to npm with provenance, only
// after ci.yml's tests passed, and only when the tag is package.json's version.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  uses?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { tags?: string[] } | null>;
  jobs: Record<string, Job>;
}

const load = (name: string) => yaml.load(fs.readFileSync(path.join(REPO_ROOT, ".github/workflows", name), "utf8")) as Workflow;

describe("the release workflow", () => {
  const release = load("release.yml");
  const ci = load("ci.yml");
  const publish = release.jobs.publish!;
  const steps = publish.steps ?? [];
  const index = (pattern: RegExp) => steps.findIndex((s) => pattern.test(s.run ?? ""));

  it("runs on version tags, and publishes only after ci.yml's tests", () => {
    expect(release.on.push?.tags).toEqual(["v*"]);
    expect(Object.keys(release.on)).toEqual(["push"]);
    expect(release.jobs.test?.uses).toBe("./.github/workflows/ci.yml");
    expect("workflow_call" in ci.on).toBe(true);
    expect(ci.jobs.test?.steps?.some((s) => s.run === "npm test")).toBe(true);
    expect(publish.needs).toBe("test");
  });

  it("publishes the tarball it packed, with provenance, then attaches it to a GitHub release", () => {
    expect(publish.permissions).toEqual({ contents: "write", "id-token": "write" });
    const pack = index(/^npm pack$/);
    const npmPublish = index(/^npm publish .*--provenance/);
    const ghRelease = index(/^gh release create /);
    expect(pack).toBeGreaterThan(0);
    expect(npmPublish).toBeGreaterThan(pack);
    expect(ghRelease).toBeGreaterThan(npmPublish);
    expect(steps[npmPublish]!.run).toContain("./nexus-journal-*.tgz");
    expect(steps[npmPublish]!.env?.NODE_AUTH_TOKEN).toBe("${{ secrets.NPM_TOKEN }}");
  });

  it("refuses a tag that is not package.json's version", () => {
    const check = steps[index(/GITHUB_REF_NAME/)]!;
    expect(index(/GITHUB_REF_NAME/)).toBeLessThan(index(/^npm publish/));
    const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const run = (tag: string) => spawnSync("bash", ["-e", "-c", check.run!], { cwd: REPO_ROOT, env: { ...process.env, GITHUB_REF_NAME: tag }, encoding: "utf8" });
    expect(run(`v${version}`).status).toBe(0);
    const wrong = run("v99.0.0");
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toContain(`the tag v99.0.0 is not package.json's version v${version}`);
  });
});
