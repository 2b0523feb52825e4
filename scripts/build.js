#!/usr/bin/env node
// Builds dist/: the CLI as one ESM bundle (dist/cli.js) with code splitting, so
// each `await import()` of a command or library becomes a chunk loaded only by the
// commands that need it (`--version` and `--help` load dist/cli.js alone).
// Bundling the dependencies saves resolving and reading ~300 module files per run,
// and the package has no dependencies to install: `npx nexus-journal` fetches one
// package (see tests/package/).
// Types are checked by `npm run typecheck` (tsc); this only transpiles.
//
// Libraries a run seldom needs are bundled on their own, as CommonJS files in
// dist/vendor/, and required on first use (a sync require, where an `await import()`
// would make their callers async):
// - cli-highlight (with every highlight.js language, ~2/3 of `show`'s startup), which
//   marked-terminal calls on the first code block it colours (never without colour);
// - gray-matter, on the first entry parsed (src/domain/frontmatter.ts), built without
//   its default engines: the JavaScript one evals `---js` frontmatter, and nexus passes
//   its own YAML engine and refusing ones for every other language anyway;
// - js-yaml, on the first entry parsed or written.
// - node-emoji (with emojilib's 300 KB of emoji names, made into objects as it loads), which
//   marked-terminal calls only for :emoji: shortcodes, which nexus turns off (emoji: false);
// - cli-table3 (with @colors/colors), which marked-terminal calls only for a table;
// - wink-porter2-stemmer, on the first word stemmed (a search, or an entry parsed): its
//   regular expressions are made as it loads, and `list` of a warm journal stems nothing.
// - highlight.js (its common languages, registered as it loads), which build-site calls
//   only for a code block of an entry it renders: a rebuild renders a few, often none.
// commander's child_process is required only if commander ever uses it.
//
// Bundled code keeps its licence: dist/THIRD-PARTY-LICENSES.txt has the licence of
// every package whose code is in dist/.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { builtinModules } from "node:module";
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

/** The commit checked out, for `init --ci` to name this code on GitHub; "" outside a git checkout. */
function gitCommit() {
  const result = spawnSync("git", ["rev-parse", "--verify", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  return result.status === 0 && /^[0-9a-f]{40}$/.test(result.stdout.trim()) ? result.stdout.trim() : "";
}

const VENDOR = {
  "cli-highlight": { from: `${path.sep}marked-terminal${path.sep}`, exports: "named" },
  "gray-matter": { from: `${path.sep}src${path.sep}`, exports: "call" },
  "js-yaml": { from: `${path.sep}src${path.sep}`, exports: "object" },
  "wink-porter2-stemmer": { from: `${path.sep}src${path.sep}`, exports: "call" },
  "node-emoji": { from: `${path.sep}marked-terminal${path.sep}`, exports: "get" },
  "cli-table3": { from: `${path.sep}marked-terminal${path.sep}`, exports: "construct" },
  "highlight.js/lib/common": { from: `${path.sep}src${path.sep}`, exports: "object" },
};

/** The module that stands for a vendor package in the bundle: it requires dist/vendor/NAME.cjs on first use. */
function vendorStub(name, kind) {
  const load = `import { createRequire } from "node:module";
let real;
const load = () => (real ??= createRequire(import.meta.url)("./vendor/${name}.cjs"));
`;
  if (kind === "call") return `${load}export default function vendored(...args) { return load()(...args); }\n`;
  if (kind === "object") return `${load}export default new Proxy({}, { get: (_, key) => load()[key] });\n`;
  if (kind === "get") return `${load}export function get(name) { return load().get(name); }\n`;
  if (kind === "construct") return `${load}export default function Constructed(...args) { return new (load())(...args); }\n`;
  return `${load}export function highlight(code, options) { return load().highlight(code, options); }\n`;
}

const lazyVendor = {
  name: "lazy-vendor",
  setup(build) {
    const names = Object.keys(VENDOR).map((n) => n.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&"));
    build.onResolve({ filter: new RegExp(`^(${names.join("|")})$`) }, (args) =>
      args.importer.includes(VENDOR[args.path].from) ? { path: args.path, namespace: "nexus-vendor" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "nexus-vendor" }, (args) => ({
      contents: vendorStub(args.path, VENDOR[args.path].exports),
      loader: "js",
      resolveDir: ROOT,
    }));
    build.onLoad({ filter: /^lazy-child-process$/, namespace: "nexus-stub" }, () => ({
      contents: `let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });
`,
      loader: "js",
      resolveDir: ROOT,
    }));
  },
};

// gray-matter's default engines (lib/engines.js) hold an `eval` of `---js` frontmatter
// and js-yaml 3: neither is shipped. Every engine nexus uses is passed in.
const noDefaultEngines = {
  name: "gray-matter-without-default-engines",
  setup(build) {
    build.onLoad({ filter: /[\\/]gray-matter[\\/]lib[\\/]engines\.js$/ }, () => ({
      contents: `const refuse = () => { throw new Error("gray-matter's default engines are not part of nexus"); };
module.exports = { yaml: { parse: refuse, stringify: refuse }, json: { parse: refuse, stringify: refuse }, javascript: { parse: refuse, stringify: refuse } };
`,
      loader: "js",
    }));
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

// Node's own modules are required, not imported: an ES module import of a built-in module
// makes Node build its ES module facade, which reads every export, getters included:
// fs.ReadStream and fs.promises load ~35 more of Node's internal modules (every stream
// module: on Node 24, \`import fs\` takes ~8 ms, a require() of it nothing), and
// process.stdin makes a stream of stdin (chalk imports node:process). Each import of one
// becomes a module of the bundle, one for each importer, that require()s it (the banner's require) and exports it
// as its default and the names that importer takes from it by name, each read once (reading
// every export would run the getters, and warn of deprecated ones). An import of all its
// names (\`import * as\`) is left as it is.
function namedImportsIn(file, specifier) {
  const text = fs.readFileSync(file, "utf8");
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const names = new Set();
  let all = false;
  for (const m of text.matchAll(new RegExp(`import\\s+([^;]*?)\\s*from\\s*["']${quoted}["']`, "g"))) {
    const clause = m[1].trim();
    if (/^type\b/.test(clause)) continue;
    if (clause.includes("*")) all = true;
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) for (const part of braces[1].split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0];
      if (name && !/^type\s/.test(part.trim())) names.add(name);
    }
  }
  return all ? undefined : [...names].sort();
}

const builtinsByRequire = {
  name: "builtins-by-require",
  setup(build) {
    const bare = new Set(builtinModules);
    build.onResolve({ filter: /^[a-z_/]+$|^node:/ }, (args) => {
      if (args.kind !== "import-statement" || args.namespace !== "file" || !args.importer) return undefined;
      if (!args.path.startsWith("node:") && !bare.has(args.path)) return undefined;
      const names = namedImportsIn(args.importer, args.path);
      // One such module for each importer, so that it is bundled with it: shared, it would be a chunk of its own.
      return names ? { path: `${args.path}#${names.join(",")}#${crypto.createHash("sha1").update(args.importer).digest("hex").slice(0, 12)}`, namespace: "nexus-builtin" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "nexus-builtin" }, (args) => {
      const [given, list] = args.path.split("#");
      const specifier = given.startsWith("node:") ? given : `node:${given}`;
      const exports = list ? list.split(",").map((name) => `export const ${name} = m.${name};`) : [];
      return { contents: `const m = require(${JSON.stringify(specifier)});\nexport default m;\n${exports.join("\n")}\n`, loader: "js" };
    });
  },
};

/** dist/THIRD-PARTY-LICENSES.txt: the licence of each package whose code the builds hold. */
function writeLicenses(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
      if (match) packages.set(match[1], match[2]);
    }
  }
  const parts = [];
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8"));
    const file = fs.readdirSync(path.join(ROOT, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? fs.readFileSync(path.join(ROOT, dir, file), "utf8").trim() : `${pkg.license} (no licence file in the package)`;
    parts.push(`${name}@${pkg.version} (${pkg.license})\n\n${text}\n`);
  }
  const header = "The code of these packages is bundled into nexus (dist/). Their licences:\n";
  fs.writeFileSync(path.join(DIST, "THIRD-PARTY-LICENSES.txt"), [header, ...parts].join(`\n${"-".repeat(72)}\n\n`));
}

const BANNER = 'import { createRequire as __nexusRequire } from "node:module";\nconst require = __nexusRequire(import.meta.url);';

fs.rmSync(DIST, { recursive: true, force: true });
const cli = await esbuild.build({
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
  define: { NEXUS_CODE_FINGERPRINT: JSON.stringify(sourceFingerprint()), NEXUS_GIT_COMMIT: JSON.stringify(gitCommit()) },
  plugins: [lazyVendor, lazyChildProcess, builtinsByRequire],
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

const vendored = [];
for (const name of Object.keys(VENDOR)) {
  const built = await esbuild.build({
    absWorkingDir: ROOT,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: ROOT, loader: "js" },
    outfile: path.join(DIST, "vendor", `${name}.cjs`),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    plugins: [noDefaultEngines],
    // Third-party code, read by nobody here: smaller to download and to parse.
    minify: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  vendored.push(built.metafile);
}
// The site's browser code (src/site/browser), copied into each site by build-site:
// the loader every page runs, and the search code: the CLI's own src/search, with
// journal/lazy-entry.ts (which reads files) replaced by the browser's store of texts.
const browserBodies = {
  name: "browser-bodies",
  setup(build) {
    build.onResolve({ filter: /journal\/lazy-entry\.js$/ }, () => ({ path: path.join(ROOT, "src/site/browser/bodies.ts") }));
  },
};
const site = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { loader: "src/site/browser/loader.ts", search: "src/site/browser/search.ts" },
  outdir: path.join(DIST, "site"),
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  plugins: [browserBodies],
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

writeLicenses([cli.metafile, ...vendored, site.metafile]);

// The banner makes a `require` in every chunk, but only the few with CommonJS inside
// use it: it is taken out of the others (a createRequire each, for the ~20 chunks a
// command loads).
for (const name of fs.readdirSync(DIST)) {
  if (!name.endsWith(".js")) continue;
  const file = path.join(DIST, name);
  const text = fs.readFileSync(file, "utf8");
  if (text.startsWith(BANNER) && !/\brequire\b/.test(text.slice(BANNER.length))) fs.writeFileSync(file, text.slice(BANNER.length).replace(/^\n/, ""));
}
