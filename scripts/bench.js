#!/usr/bin/env node
// Benchmark of nexus as whole processes on each Node line (Node 24 and the Node that runs
// it, see bench-lines.js): `show` on this repository's own journal, then `list --limit 10`,
// `search` and `build-readme` on deterministic synthetic journals of 1,000, 10,000 and
// 100,000 entries (about 250 words each, bench-journal.js), cold (no cache: the first
// run builds it) and warm. Each figure is the min, median and max wall time of RUNS runs,
// each run right after a run of that line's own `node -e 0`, and the ratio of its median
// to theirs, with the peak memory (max RSS) and the target of that line beside it.
//
//   node scripts/bench.js                 all sizes
//   node scripts/bench.js 1000 10000      some sizes
//   BENCH_RUNS=9 node scripts/bench.js    more runs per figure (default 7)
//   node scripts/bench.js --node /path/to/node --node /other/node 10000   other Node lines (or BENCH_NODES)
//   node scripts/bench.js --make DIR 10000   only write a journal of that size in DIR
//   node scripts/bench.js --relevance        only the relevance figures (hit@1, hit@3, MRR)
//   node scripts/bench.js --readme 10000     only build-readme (warm, current, --check, cold)
//
// Needs a build (`npm run build`); `npm run bench` builds first. Not run in CI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeJournal } from "./bench-journal.js";
import { measureOnLines, median, nodeLines, timeOnce, withoutNodes } from "./bench-lines.js";

const BIN = fileURLToPath(new URL("../bin/nexus.js", import.meta.url));
const MAKE = process.argv[2] === "--make" ? { dir: process.argv[3], size: Number(process.argv[4]) } : undefined;
const ARGS = withoutNodes(process.argv.slice(2));
const SIZES = ARGS.map(Number).filter((n) => n > 0);
const RUNS = Math.max(Number(process.env.BENCH_RUNS) || 7, 1);
const README_ONLY = process.argv.includes("--readme");
const QUERIES = [
  ["one word", ["celery"]],
  ["one word", ["postgres"]],
  ["several words", ["redis", "cache", "invalidation"]],
  ["typo", ["kubernets"]],
  ["typo", ["throtling"]],
  ["code-ish", ["n+1"]],
];

/** The Node lines measured (bench-lines.js). */
let LINES = [];

// --- The table ------------------------------------------------------------------

/** The section being measured: 0 for this repository's journal, else the journal's size. */
let section = 0;

/**
 * The targets, by Node major: on Node 24 those of issue 20, on the others those of the
 * earlier issues (9 part 4, 8 part 4): a ratio to `node -e 0`, a time in ms, peak memory in MB.
 */
function targetOf(label, size, major) {
  const tenK = size === 10_000;
  if (major >= 24) {
    if (label.startsWith("build-readme (warm") && tenK) return { ms: 1000 };
    if (label.startsWith("build-readme --check (cold") && tenK) return { ms: 3000 };
    if (label.startsWith("build-readme (cold") && tenK) return { ms: 3000 };
    if (label.startsWith("list --limit 10") && !label.includes("cold") && tenK) return { ratio: 4 };
    if (label.startsWith("search, median") && tenK) return { ratio: 6 };
    if (label.startsWith("show")) return { ratio: 3.5 };
    return undefined;
  }
  if (label.startsWith("build-readme (warm") && tenK) return { ms: 1000, mb: 300 };
  if (label.startsWith("list --limit 10") && !label.includes("cold") && tenK) return { ratio: 2.5 };
  if (label.startsWith("search, median") && tenK) return { ratio: 3 };
  if (label.startsWith("search, median") && size === 100_000) return { ratio: 15 };
  if (label.startsWith("search celery") && label.includes("cold") && size === 100_000) return { mb: 300 };
  if (label.startsWith("show")) return { ratio: 2.5 };
  return undefined;
}

function header() {
  console.log(`  ${"command".padEnd(50)} ${"node".padEnd(8)} ${"median".padStart(9)} ${"min-max".padStart(11)} ${"x node".padStart(7)} ${"peak".padStart(7)}  target`);
}

/** One row a line: median wall time (min-max), ratio to that line's `node -e 0`, peak memory, the target. */
function row(label, results, note = "") {
  results.forEach((m, i) => {
    const line = LINES[i];
    const target = targetOf(label, section, line.major);
    const verdicts = [];
    if (target?.ms !== undefined) verdicts.push(`< ${target.ms} ms ${m.median < target.ms ? "ok" : "MISSED"}`);
    if (target?.ratio !== undefined && m.ratio !== undefined) verdicts.push(`<= ${target.ratio}x ${m.ratio <= target.ratio ? "ok" : "MISSED"}`);
    if (target?.mb !== undefined) verdicts.push(`<= ${target.mb} MB ${m.mb <= target.mb ? "ok" : "MISSED"}`);
    const range = `${m.min.toFixed(0)}-${m.max.toFixed(0)}`;
    const cells = `${`${m.median.toFixed(0)} ms`.padStart(9)} ${range.padStart(11)} ${(m.ratio === undefined ? "" : `${m.ratio.toFixed(2)}x`).padStart(7)} ${(Number.isNaN(m.mb) ? "" : `${m.mb.toFixed(0)} MB`).padStart(7)}`;
    const extra = [verdicts.join(", "), note].filter(Boolean).join("  ");
    console.log(`  ${(i === 0 ? label : "").padEnd(50)} ${line.version.padEnd(8)} ${cells}${extra ? `  ${extra}` : ""}`);
  });
}

const ENV = { ...process.env, NO_COLOR: "1" };
/** A nexus command timed on every line (see bench-lines.js). */
const measure = (args, cwd, runs = RUNS, before) => measureOnLines(LINES, args, { cwd, env: ENV, runs, before });
const nexus = (args, cwd) => measure([BIN, ...args], cwd);

/** `node -e 0` on every line: the base of the ratios (each row has its own, measured beside it). */
function baseRow(cwd) {
  const results = measure(["-e", "0"], cwd).map((m) => ({ ...m, ratio: undefined }));
  row("node -e 0", results);
}

/** `show` of an entry of this repository's own journal, warm. */
function benchShow() {
  const repo = path.dirname(path.dirname(BIN));
  const entries = path.join(repo, "entries");
  if (!fs.existsSync(entries)) return;
  const first = fs.readdirSync(entries).filter((f) => f.endsWith(".md")).sort()[0];
  if (!first) return;
  const slug = first.replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, "");
  section = 0;
  console.log(`\nthis repository's journal (${fs.readdirSync(entries).length} entries)`);
  header();
  baseRow(repo);
  for (const line of LINES) timeOnce(line.bin, [BIN, "show", slug], repo, ENV);
  row(`show ${slug}`.slice(0, 50), nexus(["show", slug], repo));
}

// --- build-readme (README, pages, charts) ----------------------------------------

/** Sets every entry's times to now, as a fresh clone has them. */
function touchEntries(root) {
  const now = new Date();
  const dir = path.join(root, "entries");
  for (const name of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, name), now, now);
}

/**
 * build-readme on the journal, warm (the caches in .nexus/ are there): the full build
 * (writes README, pages, charts), a build with nothing to write, and --check; then cold,
 * as CI runs it on a fresh clone (no .nexus/, every entry file just written): --check,
 * and the full build. Last of a section: the entries' times are changed.
 */
function benchReadme(root) {
  const generated = path.join(root, "journal");
  const clean = () => {
    fs.rmSync(generated, { recursive: true, force: true });
    fs.rmSync(path.join(root, "README.md"), { force: true });
  };
  const cold = () => {
    fs.rmSync(path.join(root, ".nexus"), { recursive: true, force: true });
    touchEntries(root);
  };
  const runs = section > 10_000 ? Math.min(RUNS, 3) : RUNS;
  row("build-readme (warm: writes README, pages, charts)", measure([BIN, "build-readme"], root, runs, clean));
  row("build-readme (current: writes nothing)", measure([BIN, "build-readme"], root, runs));
  row("build-readme --check", measure([BIN, "build-readme", "--check"], root, runs));
  const files = fs.readdirSync(generated, { recursive: true }).map((f) => path.join(generated, String(f))).filter((f) => fs.statSync(f).isFile());
  const sizes = files.map((f) => fs.statSync(f).size);
  const svg = files.filter((f) => f.endsWith(".svg")).map((f) => fs.statSync(f).size);
  console.log(
    `  README.md ${fs.statSync(path.join(root, "README.md")).size.toLocaleString("en")} bytes; ${files.length} generated files, ` +
      `${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB, largest ${Math.max(...sizes).toLocaleString("en")} bytes; charts ${svg.map((n) => n.toLocaleString("en")).join(", ")} bytes`,
  );
  row("build-readme --check (cold: fresh clone)", measure([BIN, "build-readme", "--check"], root, runs, cold));
  row("build-readme (cold: fresh clone, writes all)", measure([BIN, "build-readme"], root, runs, () => (cold(), clean())));
}

// --- A journal of each size ------------------------------------------------------

function benchSize(tmp, size) {
  const root = path.join(tmp, `journal-${size}`);
  const t0 = Date.now();
  const words = makeJournal(root, size);
  console.log(`\n${size.toLocaleString("en")} entries (~${words} words each; generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  section = size;
  header();
  baseRow(root);
  const cache = path.join(root, ".nexus");
  const uncache = () => fs.rmSync(cache, { recursive: true, force: true });
  if (README_ONLY) {
    // The entry cache is built first, as a journal in use has it.
    timeOnce(process.execPath, [BIN, "list", "--limit", "1"], root, ENV);
  } else {
    const coldRuns = size > 10_000 ? 1 : RUNS;
    const runsNote = coldRuns < RUNS ? `${coldRuns} run` : "";
    row("list --limit 10  (cold: builds the cache)", measure([BIN, "list", "--limit", "10"], root, coldRuns, uncache), runsNote);
    row("search celery    (cold: builds the cache)", measure([BIN, "search", "celery"], root, coldRuns, uncache), runsNote);
    row("list --limit 10", nexus(["list", "--limit", "10"], root));
    const all = [];
    for (const [kind, words] of QUERIES) {
      const m = nexus(["search", ...words], root);
      all.push(m);
      row(`search ${words.join(" ")}`.padEnd(32) + `(${kind})`, m, m[0].status === 1 ? "no result" : "");
    }
    // The median of each query's median, and its ratio to the median of the bases beside them.
    const medianOf = (i) => {
      const ms = median(all.map((m) => m[i].median));
      const base = median(all.map((m) => m[i].base));
      return { min: Math.min(...all.map((m) => m[i].min)), median: ms, max: Math.max(...all.map((m) => m[i].max)), base, ratio: ms / base, mb: Math.max(...all.map((m) => m[i].mb)) };
    };
    row("search, median of the queries above", LINES.map((_, i) => medianOf(i)));
  }
  benchReadme(root);
  fs.rmSync(root, { recursive: true, force: true });
}

function main() {
  if (!fs.existsSync(path.join(path.dirname(BIN), "..", "dist", "cli.js"))) {
    console.error("bench: dist/ is missing; run `npm run build` first (npm run bench does)");
    process.exit(2);
  }
  const sizes = SIZES.length ? SIZES : [1_000, 10_000, 100_000];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-bench-"));
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  console.log(
    `nexus bench on ${LINES.map((l) => `Node ${l.version.slice(1)}`).join(" and ")}, ${os.cpus().length} CPUs, load average ${load}\n` +
      `${RUNS} runs per figure, the lines in turn, each run right after that line's \`node -e 0\`: wall time median (min-max),\n` +
      `x node = median / median of those \`node -e 0\` runs; peak = max RSS of one more run; warm caches unless "cold"`,
  );
  try {
    if (!README_ONLY) benchShow();
    for (const size of sizes) benchSize(tmp, size);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\nload average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`);
}

// --- Relevance (search engineer's section) -------------------------------------
// hit@1, hit@3 and mean reciprocal rank of the relevance set in
// tests/fixtures/search/relevance (queries.json: a query and the entry meant), each
// query run through the built CLI (the tests measure the same in process).
function relevance() {
  const root = fileURLToPath(new URL("../tests/fixtures/search/relevance/", import.meta.url));
  const cases = JSON.parse(fs.readFileSync(path.join(root, "queries.json"), "utf8"));
  const entries = fs.readdirSync(path.join(root, "entries")).length;
  const ranked = cases.map((c) => {
    const r = spawnSync(process.execPath, [BIN, "search", "--json", "--limit", "10", "--", c.query], { cwd: root, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    const paths = r.status === 0 ? JSON.parse(r.stdout).map((x) => x.path) : [];
    const at = paths.findIndex((p) => p.includes(c.expect));
    return { ...c, rank: at < 0 ? undefined : at + 1 };
  });
  fs.rmSync(path.join(root, ".nexus"), { recursive: true, force: true });
  const figures = (rs) => ({
    queries: rs.length,
    hit1: rs.filter((r) => r.rank === 1).length / rs.length,
    hit3: rs.filter((r) => r.rank !== undefined && r.rank <= 3).length / rs.length,
    mrr: rs.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / rs.length,
  });
  const line = (label, f) => console.log(`  ${label.padEnd(14)} ${String(f.queries).padStart(3)} queries  hit@1 ${f.hit1.toFixed(3)}  hit@3 ${f.hit3.toFixed(3)}  MRR ${f.mrr.toFixed(3)}`);
  console.log(`\nrelevance: ${cases.length} queries on ${entries} entries (tests/fixtures/search/relevance)`);
  line("all", figures(ranked));
  for (const kind of new Set(cases.map((c) => c.kind))) line(kind, figures(ranked.filter((r) => r.kind === kind)));
  for (const r of ranked) if (r.rank !== 1) console.log(`  missed first: ${r.query} -> ${r.expect} (rank ${r.rank ?? "none"})`);
}

if (MAKE) {
  if (!MAKE.dir || !(MAKE.size > 0)) {
    console.error("usage: node scripts/bench.js --make DIR SIZE");
    process.exit(2);
  }
  makeJournal(path.resolve(MAKE.dir), MAKE.size);
} else if (process.argv[2] === "--relevance") {
  relevance();
} else {
  LINES = nodeLines();
  main();
  if (!README_ONLY) relevance();
}
