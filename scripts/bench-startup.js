#!/usr/bin/env node
// Startup benchmark: the wall time of short nexus commands against `node -e 0` in the
// same run, on each Node line (Node 24 and the Node that runs it, see bench-lines.js),
// as min, median and max, and the ratio of the medians. Targets (issues 5 and 20):
// --version and --help within 1.5x of that line's `node -e 0`, `add ... --dry-run` within 2x.
// Usage: node scripts/bench-startup.js [--runs 15] [--check] [--node PATH ...]  (build first)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { nodeLines, summary } from "./bench-lines.js";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const CHECK = args.includes("--check");
const BIN = fileURLToPath(new URL("../bin/nexus.js", import.meta.url));

if (!fs.existsSync(fileURLToPath(new URL("../dist/cli.js", import.meta.url)))) {
  console.error("bench-startup: dist/ is missing; run `npm run build` first");
  process.exit(1);
}

// A small journal of its own, so the figures do not depend on this repository's.
const journal = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-bench-startup-"));
fs.mkdirSync(path.join(journal, "entries"));
fs.writeFileSync(path.join(journal, "nexus.config.json"), '{\n  "entries": "entries"\n}\n');
const topics = ["Django", "Python", "Docker", "PostgreSQL", "Testing"];
for (let i = 0; i < 40; i += 1) {
  const day = String((i % 28) + 1).padStart(2, "0");
  const month = String((i % 12) + 1).padStart(2, "0");
  fs.writeFileSync(
    path.join(journal, "entries", `2026-${month}-${day}-note-${i}.md`),
    `---\ntitle: Note ${i} about ${topics[i % 5]}\ntopic: ${topics[i % 5]}\ndate: 2026-${month}-${day}\ntags: [t${i % 7}, bench]\n---\n## Challenge\n\nSomething **hard** number ${i}.\n\n## Solution\n\n\`\`\`python\nprint(${i})\n\`\`\`\n\n## Takeaway\n\n- remember ${i}\n`,
  );
}

const env = { ...process.env, NO_COLOR: "1", CI: "true" };
delete env.NEXUS_DIR;

const cases = [
  { name: "node -e 0", argv: ["-e", "0"] },
  { name: "nexus --version", argv: [BIN, "--version"], target: 1.5 },
  { name: "nexus --help", argv: [BIN, "--help"], target: 1.5 },
  { name: "nexus add --title x --topic y --dry-run", argv: [BIN, "add", "--title", "x", "--topic", "y", "--dry-run"], target: 2 },
  { name: "nexus show note-7", argv: [BIN, "show", "note-7"] },
];

const LINES = nodeLines(args);

function once(bin, argv) {
  const start = performance.now();
  const result = spawnSync(bin, argv, { cwd: journal, env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

try {
  for (const line of LINES) for (const c of cases) once(line.bin, c.argv); // warm the file cache
  const times = LINES.map(() => new Map(cases.map((c) => [c.name, []])));
  // Interleaved rounds, so a slow moment of the machine hits every case and every line alike.
  for (let round = 0; round < RUNS; round += 1) LINES.forEach((line, i) => cases.forEach((c) => times[i].get(c.name).push(once(line.bin, c.argv))));

  const width = Math.max(...cases.map((c) => c.name.length));
  console.log(`startup, ${RUNS} runs, min / median / max (${os.cpus().length} cpus, load average ${os.loadavg().map((n) => n.toFixed(2)).join(" ")})`);
  let missed = 0;
  LINES.forEach((line, i) => {
    console.log(`  Node ${line.version.slice(1)}`);
    const bases = times[i].get("node -e 0");
    for (const c of cases) {
      const m = summary(times[i].get(c.name), c.name === "node -e 0" ? [] : bases);
      const ratio = m.ratio ?? 1;
      const verdict = c.target === undefined ? "" : ratio <= c.target ? `  ok (target ${c.target}x)` : `  SLOW (target ${c.target}x)`;
      if (c.target !== undefined && ratio > c.target) missed += 1;
      const range = `${m.min.toFixed(1)} / ${m.median.toFixed(1)} / ${m.max.toFixed(1)} ms`;
      console.log(`    ${c.name.padEnd(width)}  ${range.padStart(26)}  ${ratio.toFixed(2).padStart(5)}x${verdict}`);
    }
  });
  if (CHECK && missed) process.exitCode = 1;
} finally {
  fs.rmSync(journal, { recursive: true, force: true });
}
