// The package as a user gets it: `npm pack`, install the tarball into an empty
// folder, and run the everyday commands from there. Slow (an npm install), so it
// has its own generous timeout; it needs the registry unless npm's cache has
// the dependencies.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers.js";

const ALLOWED = /^(bin\/|dist\/|templates\/default\/|README\.md$|LICENSE$|package\.json$)/;

function run(command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CI: "true", ...extraEnv };
  delete env.NEXUS_DIR;
  delete env.FORCE_COLOR;
  // npm sets these for scripts; a nested npm must not inherit the outer package's prefix.
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 200_000 });
}

function expectOk(result: SpawnSyncReturns<string>, what: string): void {
  expect(result.error, what).toBeUndefined();
  expect(result.status, `${what}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
}

const noCrash = (result: SpawnSyncReturns<string>) => {
  expect(result.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
  expect(result.error).toBeUndefined();
};

describe("the packed tarball", () => {
  it(
    "holds only what runs, installs into an empty folder, and works there",
    () => {
      const packDir = tempDir("nexus-pack-");
      // dist/ is built by `npm test` before the tests; scripts are skipped so a
      // concurrent build is not disturbed.
      expect(fs.existsSync(path.join(REPO_ROOT, "dist", "cli.js")), "run `npm run build` first").toBe(true);
      const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], REPO_ROOT);
      expectOk(pack, "npm pack");
      const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
      const files = info!.files.map((f) => f.path);
      expect(files.filter((f) => !ALLOWED.test(f))).toEqual([]);
      for (const needed of ["bin/nexus.js", "dist/cli.js", "package.json", "README.md", "LICENSE", "templates/default/entry.md"]) {
        expect(files).toContain(needed);
      }
      expect(files.some((f) => f.startsWith("dist/") && f.endsWith(".test.js"))).toBe(false);
      const tarball = path.join(packDir, path.basename(info!.filename));

      const app = tempDir("nexus-install-");
      fs.writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: "empty", version: "1.0.0", private: true })}\n`);
      expectOk(run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], app), "npm install <tarball>");

      const version = run("npx", ["--no-install", "nexus", "--version"], app);
      expectOk(version, "npx nexus --version");
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
      expect(version.stdout.trim()).toBe(pkg.version);

      // The rest from a journal folder elsewhere: templates come from the package, not the cwd.
      const bin = path.join(app, "node_modules", ".bin", "nexus");
      const journal = tempDir("nexus-journal-");
      const init = run(bin, ["init"], journal);
      expectOk(init, "nexus init");
      expect(fs.existsSync(path.join(journal, "entries"))).toBe(true);
      expect(fs.existsSync(path.join(journal, "templates", "entry.md"))).toBe(true);

      const add = run(bin, ["add", "--title", "Packed and installed", "--topic", "npm", "--tag", "release", "--solution", "npm pack", "--date", "2026-01-02"], journal);
      expectOk(add, "nexus add");
      expect(add.stdout.trim()).toBe(path.join("entries", "2026-01-02-packed-and-installed.md"));

      const list = run(bin, ["list"], journal);
      expectOk(list, "nexus list");
      expect(list.stdout).toContain("Packed and installed");

      const found = run(bin, ["search", "packed"], journal);
      expectOk(found, "nexus search packed");
      expect(found.stdout).toContain("Packed and installed");
      const none = run(bin, ["search", "xyzzy"], journal);
      expect(none.status).toBe(1);
      noCrash(none);

      const readme = run(bin, ["build-readme"], journal);
      expectOk(readme, "nexus build-readme");
      noCrash(readme);
      expect(fs.readFileSync(path.join(journal, "README.md"), "utf8")).toContain("Packed and installed");
    },
    240_000,
  );
});
