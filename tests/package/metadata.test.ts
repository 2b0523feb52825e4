// package.json as the registry shows it: the README that ships in the package has
// relative links (docs/, entries/, journal/), which npmjs.com resolves against the
// repository named here; the README's install-from-git line names the same one.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";

interface PackageJson {
  dependencies?: Record<string, string>;
  scripts: Record<string, string>;
  homepage?: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;
const README = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("package.json", () => {
  it("names one GitHub repository as repository, homepage and bugs, the one the README installs from", () => {
    const repo = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(pkg.repository?.url ?? "")?.[1];
    expect(repo, "repository.url is git+https://github.com/OWNER/NAME.git").toBeDefined();
    expect(pkg.repository?.type).toBe("git");
    expect(pkg.homepage).toBe(`https://github.com/${repo}#readme`);
    expect(pkg.bugs?.url).toBe(`https://github.com/${repo}/issues`);
    expect(README).toContain(`npm pack github:${repo}`);
    expect(README).toContain(`npx --package=github:${repo} nexus init`);
  });

  it("has no dependencies (esbuild bundles them into dist/), and no script an install of the package would run", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    // A tarball or git install runs these in the package, which has no src/ or esbuild.
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) expect(pkg.scripts[script], script).toBeUndefined();
    // A fresh clone's `npm install` builds dist/; `npm pack` and `npm publish` build it afresh.
    expect(pkg.scripts.dependencies).toBe("npm run build");
    expect(pkg.scripts.prepack).toBe("npm run build");
  });
});
