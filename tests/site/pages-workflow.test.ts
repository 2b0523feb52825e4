// nexus init --pages: a workflow that builds the site with the nexus that wrote it
// and deploys it with the official Pages actions at their current majors.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { packageVersion } from "../../src/package-paths.js";
import { PAGES_WORKFLOW_PATH } from "../../src/site/pages-workflow.js";
import { runCli, tempDir } from "../helpers.js";

interface Step {
  uses?: string;
  id?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; needs?: string; environment?: { name: string }; env?: Record<string, string>; steps: Step[] }>;
}

describe("nexus init --pages", () => {
  it("writes a workflow that builds on pushes to the default branch and deploys with the official actions", async () => {
    const dir = tempDir();
    const r = await runCli(["init", "--pages"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/created\s+\.github\/workflows\/nexus-pages\.yml/);
    const flow = yaml.load(fs.readFileSync(path.join(dir, PAGES_WORKFLOW_PATH), "utf8")) as Workflow;
    expect(Object.keys(flow.on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(flow.jobs.build!.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(flow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    const build = flow.jobs.build!.steps;
    expect(build.map((s) => s.uses).filter(Boolean)).toEqual(["actions/checkout@v7", "actions/setup-node@v7", "actions/configure-pages@v5", "actions/upload-pages-artifact@v5"]);
    expect(build[1]!.with).toEqual({ "node-version": 24 });
    const run = build.find((s) => s.run)!;
    expect(run.env).toEqual({ BASE_URL: "${{ steps.pages.outputs.base_url }}" });
    expect(build.find((s) => s.uses?.startsWith("actions/configure-pages"))!.id).toBe("pages");
    expect(run.run).toContain('nexus build-site --out _site --base-url "$BASE_URL/"');
    expect(flow.jobs.build!.env!.NEXUS).toBe(`nexus-journal@${packageVersion()}`);
    expect(build.at(-1)!.with).toEqual({ path: "_site" });
    expect(flow.jobs.deploy!.needs).toBe("build");
    expect(flow.jobs.deploy!.environment!.name).toBe("github-pages");
    expect(flow.jobs.deploy!.steps.map((s) => s.uses)).toEqual(["actions/deploy-pages@v5"]);
  });

  it("ignores the site's folder in git, once, and keeps a workflow already there", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, ".github", "workflows"), { recursive: true });
    fs.writeFileSync(path.join(dir, PAGES_WORKFLOW_PATH), "mine\n");
    await runCli(["init", "--pages"], { cwd: dir });
    await runCli(["init", "--pages"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, PAGES_WORKFLOW_PATH), "utf8")).toBe("mine\n");
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8").match(/^\/site\/$/gm)).toHaveLength(1);
  });
});
