#!/usr/bin/env node
// Builds dist/: the CLI as one ESM bundle (dist/cli.js) with code splitting, so
// each `await import()` of a command or library becomes a chunk loaded only by the
// commands that need it (`--version` and `--help` load dist/cli.js alone).
// Bundling the dependencies saves resolving and reading ~300 module files per run.
// Types are checked by `npm run typecheck` (tsc); this only transpiles.
//
// Two libraries stay outside the bundle and load from node_modules when used:
// - cli-highlight (with every highlight.js language, ~2/3 of `show`'s startup) is
//   replaced inside marked-terminal by a stub that requires it on the first code
//   block it colours (never without colour);
// - gray-matter, which src/domain/frontmatter.ts requires on the first parse.
// And js-yaml, required on the first entry parsed or written; commander's
// child_process is required only if commander ever uses it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = path.join(ROOT, "dist");

/** A hash of every source file and the lock file: the cache's records are never reused across builds. */
function sourceFingerprint() {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else {
        hash.update(path.relative(ROOT, full));
        hash.update(fs.readFileSync(full));
      }
    }
  };
  walk(path.join(ROOT, "src"));
  const lock = path.join(ROOT, "package-lock.json");
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest("hex").slice(0, 16);
}

const lazyHighlight = {
  name: "lazy-cli-highlight",
  setup(build) {
    build.onResolve({ filter: /^cli-highlight$/ }, () => ({ path: "lazy-cli-highlight", namespace: "nexus-stub" }));
    build.onLoad({ filter: /^lazy-child-process$/, namespace: "nexus-stub" }, () => ({
      contents: `let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });
`,
      loader: "js",
      resolveDir: ROOT,
    }));
    build.onLoad({ filter: /^lazy-js-yaml$/, namespace: "nexus-stub" }, () => ({
      contents: `import { createRequire } from "node:module";
let real;
export default new Proxy({}, { get: (_, key) => (real ??= createRequire(import.meta.url)("js-yaml"))[key] });
`,
      loader: "js",
      resolveDir: ROOT,
    }));
    build.onLoad({ filter: /^lazy-cli-highlight$/, namespace: "nexus-stub" }, () => ({
      contents: `import { createRequire } from "node:module";
let real;
export function highlight(code, options) {
  real ??= createRequire(import.meta.url)("cli-highlight");
  return real.highlight(code, options);
}
`,
      loader: "js",
      resolveDir: ROOT,
    }));
  },
};

// js-yaml (~100 KB) is needed only to parse or write an entry, which a run on a
// current cache never does: it is required from node_modules on first use.
const lazyYaml = {
  name: "lazy-js-yaml",
  setup(build) {
    build.onResolve({ filter: /^js-yaml$/ }, (args) => (args.importer.includes(`${path.sep}src${path.sep}`) ? { path: "lazy-js-yaml", namespace: "nexus-stub" } : undefined));
  },
};

// commander requires child_process (with net, dgram and more) for executable
// subcommands, which nexus has none of: it is required on first use instead.
const lazyChildProcess = {
  name: "lazy-child-process-in-commander",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`) ? { path: "lazy-child-process", namespace: "nexus-stub" } : undefined,
    );
  },
};

const BANNER = 'import { createRequire as __nexusRequire } from "node:module";\nconst require = __nexusRequire(import.meta.url);';

fs.rmSync(DIST, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: ["src/cli.ts"],
  outdir: DIST,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Every chunk sits in dist/ itself: src/package-paths.ts finds package.json and
  // templates/ as ../ of import.meta.url.
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  // CommonJS inside the bundle (cli-table3, ...) calls require() for Node's modules.
  banner: { js: BANNER },
  define: { NEXUS_CODE_FINGERPRINT: JSON.stringify(sourceFingerprint()) },
  external: ["gray-matter"],
  plugins: [lazyHighlight, lazyChildProcess, lazyYaml],
  legalComments: "none",
  logLevel: "warning",
});

// The banner makes a `require` in every chunk, but only the few with CommonJS inside
// use it: it is taken out of the others (a createRequire each, for the ~20 chunks a
// command loads).
for (const name of fs.readdirSync(DIST)) {
  if (!name.endsWith(".js")) continue;
  const file = path.join(DIST, name);
  const text = fs.readFileSync(file, "utf8");
  if (text.startsWith(BANNER) && !/\brequire\b/.test(text.slice(BANNER.length))) fs.writeFileSync(file, text.slice(BANNER.length).replace(/^\n/, ""));
}
