// The package as a user gets it: `npm pack`, then install the tarball the ways the
// README says (`npm i -g` into a prefix, `npm exec --package=`) and run it. The
// package has no dependencies, so every install here runs offline with an empty npm
// cache: nothing comes from the registry. Slow (npm), so generous timeouts.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../helpers.js";

const ALLOWED = /^(bin\/|dist\/|templates\/default\/|README\.md$|LICENSE$|package\.json$)/;
const VENDOR = ["dist/vendor/cli-highlight.cjs", "dist/vendor/gray-matter.cjs", "dist/vendor/js-yaml.cjs", "dist/vendor/wink-porter2-stemmer.cjs", "dist/vendor/node-emoji.cjs", "dist/vendor/cli-table3.cjs", "dist/vendor/highlight.js/lib/common.cjs"];

function run(command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CI: "true", ...extraEnv };
  delete env.NEXUS_DIR;
  if (!extraEnv.FORCE_COLOR) delete env.FORCE_COLOR;
  if (extraEnv.FORCE_COLOR) delete env.NO_COLOR;
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

/** npm options for an install that may not touch the registry nor a warm cache. */
const offline = () => ["--offline", "--cache", tempDir("nexus-npm-cache-"), "--no-audit", "--no-fund", "--loglevel=warn"];

let tarball = "";
let files: string[] = [];

beforeAll(() => {
  const packDir = tempDir("nexus-pack-");
  // dist/ is built by `npm test` before the tests; scripts are skipped so a
  // concurrent build is not disturbed.
  expect(fs.existsSync(path.join(REPO_ROOT, "dist", "cli.js")), "run `npm run build` first").toBe(true);
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], REPO_ROOT);
  expectOk(pack, "npm pack");
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path);
  tarball = path.join(packDir, path.basename(info!.filename));
}, 120_000);

describe("the packed tarball", () => {
  it("holds only what runs, with the bundled packages' licences and no eval", () => {
    expect(files.filter((f) => !ALLOWED.test(f))).toEqual([]);
    for (const needed of ["bin/nexus.js", "dist/cli.js", "dist/THIRD-PARTY-LICENSES.txt", ...VENDOR, "package.json", "README.md", "LICENSE", "templates/default/entry.md"]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith("dist/") && f.endsWith(".test.js"))).toBe(false);
    // gray-matter's JavaScript engine evals `---js` frontmatter: it is not shipped at all.
    const code = files.filter((f) => /\.c?js$/.test(f));
    expect(code.filter((f) => /\beval\s*\(/.test(fs.readFileSync(path.join(REPO_ROOT, f), "utf8")))).toEqual([]);
    const licences = fs.readFileSync(path.join(REPO_ROOT, "dist/THIRD-PARTY-LICENSES.txt"), "utf8");
    for (const name of ["commander", "chalk", "marked", "marked-terminal", "fuse.js", "gray-matter", "js-yaml", "highlight.js", "ts-fsrs", "d3-scale"]) {
      expect(licences).toMatch(new RegExp(`^${name.replace(".", "\\.")}@\\d+\\.\\d+\\.\\d+ \\(`, "m"));
    }
  });

  it("installs globally as one package, offline with an empty npm cache, and works from any folder", () => {
    const prefix = tempDir("nexus-prefix-");
    const install = run("npm", ["install", "--global", "--prefix", prefix, ...offline(), tarball], prefix);
    expectOk(install, "npm i -g <tarball>");
    expect(install.stdout).toMatch(/added 1 package\b/);
    expect(install.stderr).not.toMatch(/install-scripts|warn/i);
    const bin = path.join(prefix, "bin", "nexus");

    const version = run(bin, ["--version"], prefix);
    expectOk(version, "nexus --version");
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);

    // The rest from a journal folder elsewhere: templates come from the package, not the cwd.
    const journal = tempDir("nexus-journal-");
    expectOk(run(bin, ["init"], journal), "nexus init");
    expect(fs.existsSync(path.join(journal, "entries"))).toBe(true);
    expect(fs.existsSync(path.join(journal, "templates", "entry.md"))).toBe(true);

    const add = run(bin, ["add", "--title", "Packed and installed", "--topic", "npm", "--tag", "release", "--solution", "```js\nconst packed = true;\n```", "--date", "2026-01-02"], journal);
    expectOk(add, "nexus add");
    expect(add.stdout.trim()).toBe(path.join("entries", "2026-01-02-packed-and-installed.md"));

    const list = run(bin, ["list"], journal);
    expectOk(list, "nexus list");
    expect(list.stdout).toContain("Packed and installed");

    // In colour, the code block goes through the vendored cli-highlight.
    const show = run(bin, ["show", "packed", "--no-pager"], journal, { FORCE_COLOR: "1" });
    expectOk(show, "nexus show");
    expect(show.stdout).toMatch(/\x1b\[\d+mconst\x1b\[39m/);

    const found = run(bin, ["search", "packed"], journal);
    expectOk(found, "nexus search packed");
    expect(found.stdout).toContain("Packed and installed");
    const none = run(bin, ["search", "xyzzy"], journal);
    expect(none.status).toBe(1);
    noCrash(none);

    // The bundled gray-matter still never runs frontmatter code.
    const marker = path.join(journal, "ran.txt");
    fs.writeFileSync(path.join(journal, "entries", "2026-01-03-js.md"), `---js\n{ title: require("fs").writeFileSync(${JSON.stringify(marker)}, "x") }\n---\n`);
    const doctor = run(bin, ["doctor"], journal);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout + doctor.stderr).toContain("nexus reads YAML only");
    expect(fs.existsSync(marker)).toBe(false);
    fs.rmSync(path.join(journal, "entries", "2026-01-03-js.md"));

    const readme = run(bin, ["build-readme"], journal);
    expectOk(readme, "nexus build-readme");
    noCrash(readme);
    expect(fs.readFileSync(path.join(journal, "README.md"), "utf8")).toContain("Packed and installed");
  }, 240_000);

  it("runs once through npm exec, offline with an empty npm cache, without a warning", () => {
    const folder = tempDir("nexus-exec-");
    const exec = run("npm", ["exec", "--yes", ...offline(), `--package=${tarball}`, "--", "nexus", "--version"], folder);
    expectOk(exec, "npm exec --package=<tarball> -- nexus --version");
    expect(exec.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(exec.stderr).toBe("");
  }, 120_000);
});
