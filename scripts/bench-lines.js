// The Node lines the benchmarks run nexus on, and how a command is timed on each: every
// run of it right after a run of that line's own `node -e 0`, the lines in turn, so that
// a busy minute of a shared machine weighs on every line and on its base alike.
//
// Lines: `--node PATH` (repeatable) or BENCH_NODES (paths joined by the system's path
// delimiter); by default Node 24, the active LTS line, as .ci/run installs it (from the
// registry's `node` package, into $NEXUS_NODE_LINES_DIR or $TMPDIR/nexus-node-lines,
// outside the project: installed there if missing), and the Node that runs the bench.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A Node line: its binary and its version, e.g. { bin, version: "v24.21.0", major: 24 }. */
function lineOf(bin) {
  const result = spawnSync(bin, ["-p", "process.version"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${bin} is not a Node binary: ${result.stderr || result.error}`);
  const version = result.stdout.trim();
  return { bin, version, major: Number(version.slice(1).split(".")[0]) };
}

/** The binary of Node `major` where .ci/run keeps it, installed there if missing; undefined when it cannot be. */
function installedLine(major) {
  const dir = path.join(process.env.NEXUS_NODE_LINES_DIR ?? path.join(process.env.TMPDIR ?? os.tmpdir(), "nexus-node-lines"), String(major));
  const bin = path.join(dir, "node_modules", ".bin", "node");
  if (!fs.existsSync(bin)) {
    console.error(`bench: installing Node ${major} into ${dir} (the registry's node package, as .ci/run does)`);
    fs.mkdirSync(dir, { recursive: true });
    const npm = spawnSync("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", `node@${major}`], { stdio: "inherit" });
    if (npm.status !== 0 || !fs.existsSync(bin)) {
      console.error(`bench: could not install Node ${major}; measuring on ${process.version} alone`);
      return undefined;
    }
  }
  return bin;
}

/** The lines to measure on, from `--node PATH` arguments, BENCH_NODES, or the default (Node 24, then this Node). */
export function nodeLines(argv = process.argv.slice(2)) {
  const given = argv.flatMap((arg, i) => (arg === "--node" ? [argv[i + 1]] : []));
  const listed = (process.env.BENCH_NODES ?? "").split(path.delimiter).filter(Boolean);
  const bins = given.length ? given : listed.length ? listed : [installedLine(24), process.execPath].filter(Boolean);
  const lines = [];
  for (const bin of bins) {
    const line = lineOf(bin);
    if (!lines.some((l) => l.version === line.version)) lines.push(line);
  }
  return lines;
}

/** The arguments that are not `--node PATH`. */
export const withoutNodes = (argv) => argv.filter((arg, i) => arg !== "--node" && argv[i - 1] !== "--node");

/** Wall time of one run (ms); throws when it exits with another status than 0 or 1. */
export function timeOnce(bin, args, cwd, env) {
  const start = process.hrtime.bigint();
  const child = spawnSync(bin, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  return { ms, status: child.status };
}

// The peak memory (max RSS) of a run is written by a hook at exit, in a run of its own:
// the hook (an ES module loaded with --import) costs `node -e 0` more than it costs
// nexus, and would make the ratios look better than they are.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import fs from "node:fs"; process.on("exit", () => { try { fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });',
)}`;

/** Peak memory (MB) of one run. */
export function peakMb(bin, args, cwd, env) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nexus-bench-rss-")), "rss");
  try {
    spawnSync(bin, ["--import", RSS_HOOK, ...args], { cwd, env: { ...env, BENCH_RSS_FILE: file }, stdio: "ignore", maxBuffer: 64 * 1024 * 1024 });
    return Number(fs.readFileSync(file, "utf8")) / 1024;
  } catch {
    return NaN;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
export const median = (xs) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** min, median and max of runs (ms), the median of the `node -e 0` runs beside them, and their ratio. */
export function summary(ms, bases) {
  const s = sorted(ms);
  const base = bases.length ? median(bases) : undefined;
  return { min: s[0], median: median(s), max: s[s.length - 1], base, ratio: base ? median(s) / base : undefined };
}

/**
 * Times `args` (a nexus command: arguments of node) `runs` times on each line, each run
 * right after that line's `node -e 0`, the lines in turn; `before` runs before each run
 * (not timed: to remove a cache, for a cold run). Returns, by line, summary() and peak memory.
 */
export function measureOnLines(lines, args, { cwd, env, runs, before }) {
  const times = lines.map(() => ({ ms: [], bases: [], status: 0 }));
  for (let r = 0; r < runs; r += 1) {
    lines.forEach((line, i) => {
      times[i].bases.push(timeOnce(line.bin, ["-e", "0"], cwd, env).ms);
      before?.();
      const run = timeOnce(line.bin, args, cwd, env);
      times[i].ms.push(run.ms);
      times[i].status = run.status;
    });
  }
  return lines.map((line, i) => {
    before?.();
    return { ...summary(times[i].ms, times[i].bases), status: times[i].status, mb: peakMb(line.bin, args, cwd, env) };
  });
}
