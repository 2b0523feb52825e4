#!/usr/bin/env node
// Benchmark of `nexus search` and `nexus list --limit 10` as whole processes, on
// deterministic synthetic journals of 1,000, 10,000 and 100,000 entries (about 250
// words each), beside `node -e 0`. Prints the median wall time and the peak memory
// (max RSS) of each, cold (no cache: the first run builds it) and warm, and its ratio
// to `node -e 0` run just before each run (the median of those), with the target of issue 9 beside it;
// first `show` on this repository's own journal.
//
//   node scripts/bench.js                 all sizes
//   node scripts/bench.js 1000 10000      some sizes
//   BENCH_RUNS=9 node scripts/bench.js    more runs per median (default 5)
//   node scripts/bench.js --make DIR 10000   only write a journal of that size in DIR
//   node scripts/bench.js --relevance        only the relevance figures (hit@1, hit@3, MRR)
//   node scripts/bench.js --readme 10000     only build-readme (first build, current build, --check)
//
// Needs a build (`npm run build`); `npm run bench` builds first. Not run in CI.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/nexus.js", import.meta.url));
const MAKE = process.argv[2] === "--make" ? { dir: process.argv[3], size: Number(process.argv[4]) } : undefined;
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const README_ONLY = process.argv.includes("--readme");
const QUERIES = [
  ["one word", ["celery"]],
  ["one word", ["postgres"]],
  ["several words", ["redis", "cache", "invalidation"]],
  ["typo", ["kubernets"]],
  ["typo", ["throtling"]],
  ["code-ish", ["n+1"]],
];

// --- A deterministic journal ---------------------------------------------------

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the a to of and in that it was for on with as we when every one after before then because but not only so which this
each all more less first again request response user users data table query queries page view views test tests error errors time
change code team production staging deploy slow fast slower faster broke fixed added removed moved replaced wrote measured found
noticed learned tried used switched configured split merged cached indexed profiled logged retried started stopped checked read
made kept ran took saw needed wanted expected missed lost gained shipped reviewed paired documented refactored simplified rewrote
minutes seconds hours days week night morning release version customer customers report reports job jobs list lists field fields
row rows column columns file files folder config setting settings value values key keys limit limits problem problems solution
approach idea reason result results number numbers size memory disk network server servers client clients browser app apps
service services function functions class classes method methods module modules package packages library libraries tool tools
step steps case cases edge path paths default defaults option options flag flags branch branches commit commits review reviews
simple hard easy clear small large big many few most least better worse same different new old next last other own whole
instead without within across between under over through during while until since about around behind above below into out
never always often sometimes usually still already also even just much very quite rather almost enough too`.split(/\s+/);

const TECH = `django celery redis postgres postgresql kubernetes docker nginx gunicorn uwsgi asyncio graphql rest api endpoint serializer
queryset migration migrations index indexes cache caching invalidation throttling webhook webhooks websocket websockets middleware
authentication authorization jwt oauth csrf cors etag pagination cursor transaction transactions deadlock replica sharding partition
kafka rabbitmq broker worker workers queue queues retry retries backoff idempotency logging tracing metrics prometheus grafana sentry
pytest fixture fixtures mock mocks coverage linting mypy typing dataclass pydantic fastapi flask sqlalchemy alembic terraform
ansible helm ingress pod pods deployment deployments namespace secret secrets configmap volume volumes container containers image
images registry layer layers buildkit ci pipeline pipelines github actions rollback canary latency throughput cpu profiling
flamegraph bottleneck n+1 select_related() prefetch_related() orm join joins subquery explain analyze vacuum bloat lock locks mutex
semaphore thread threads process processes coroutine coroutines event loop callback typescript react frontend backend schema
contract versioning deprecation header headers cookie cookies session sessions token tokens password hashing bcrypt encryption tls
certificate dns balancer timeout timeouts circuit breaker bulkhead rate quota batch stream streams csv json yaml parquet pandas
numpy elasticsearch search ranking fuzzy trigram gin gist btree hash bloom filter s3 bucket cdn static media upload uploads beat
cron scheduler signal signals hook hooks admin permission permissions tenant tenants sso saml ldap retry-after asyncio.gather
/api/v1/ http https grpc protobuf serialization deserialization replication failover backup restore snapshot`.split(/\s+/);

const TOPICS = `Django|Celery|Redis|PostgreSQL|Kubernetes|Docker|Python|REST APIs|GraphQL|Testing|Security|Caching|Observability|CI/CD|
Performance|Databases|Async Python|Networking|Frontend|TypeScript|Terraform|Messaging|Search|Data Engineering|Architecture|Git|
Linux|Payments|Auth|Deployment`.split("|").map((t) => t.trim());

const VERBS = "Fixing Debugging Speeding up Understanding Designing Testing Scaling Securing Caching Profiling Migrating Monitoring Retrying Indexing Versioning".split(" ");
const PREPS = "in with for on behind across under".split(" ");

function zipf(list, r) {
  // Earlier words are more frequent, roughly as in real text.
  return list[Math.floor(list.length * r() ** 2.2)];
}

// The long tail of a real journal: names of functions, tables, hosts, error codes.
const SYLLABLES = "ka lo mi zu ter bin dex qua rop sel vin tor ex al um ra pe no fi gor".split(" ");
function rareWord(r) {
  const n = 2 + Math.floor(r() * r() * 3);
  let word = "";
  for (let i = 0; i < n; i += 1) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  const shape = r();
  if (shape < 0.15) return `${word}_${SYLLABLES[Math.floor(r() * SYLLABLES.length)]}`;
  if (shape < 0.25) return String(Math.floor(r() * 5000));
  return word;
}

// Each topic has its own technical words; an entry mostly uses its topic's.
const CLUSTER = Math.ceil(TECH.length / TOPICS.length);
const clusterOf = (topicIndex) => Array.from({ length: CLUSTER }, (_, j) => TECH[(topicIndex * CLUSTER + j) % TECH.length]);

function sentence(r, cluster) {
  const n = 8 + Math.floor(r() * 10);
  const words = [];
  for (let i = 0; i < n; i += 1) {
    const x = r();
    words.push(x < 0.72 ? zipf(COMMON, r) : x < 0.9 ? cluster[Math.floor(r() * cluster.length)] : x < 0.97 ? TECH[Math.floor(r() * TECH.length)] : rareWord(r));
  }
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function paragraph(r, words, cluster) {
  const out = [];
  let count = 0;
  while (count < words) {
    const s = sentence(r, cluster);
    out.push(s);
    count += s.split(" ").length;
  }
  return out.join(" ");
}

function entry(i) {
  const r = random(i * 7919 + 17);
  const topicIndex = Math.floor(r() * TOPICS.length);
  const topic = TOPICS[topicIndex];
  const cluster = clusterOf(topicIndex);
  const tech = () => (r() < 0.75 ? cluster[Math.floor(r() * cluster.length)] : TECH[Math.floor(r() * TECH.length)]).replace(/[()]/g, "");
  const title = `${VERBS[Math.floor(r() * VERBS.length)]} ${tech()} ${PREPS[Math.floor(r() * PREPS.length)]} ${tech()}`;
  const tags = [...new Set([tech(), tech(), tech()].map((t) => t.replace(/[^a-z0-9-]/g, "")).filter(Boolean))];
  const day = new Date(Date.UTC(2014, 0, 1) + Math.floor(r() * 4300) * 86_400_000).toISOString().slice(0, 10);
  const p = (n) => paragraph(r, n, cluster);
  const body = `## Challenge\n\n${p(80)}\n\n## Solution\n\n${p(110)}\n\n- ${sentence(r, cluster)}\n- ${sentence(r, cluster)}\n\n## Takeaway\n\n${p(35)}\n`;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const text = `---\ntitle: ${JSON.stringify(title)}\ntopic: ${JSON.stringify(topic)}\ndate: ${day}\ntags: [${tags.map((t) => JSON.stringify(t)).join(", ")}]\n---\n\n${body}`;
  return { name: `${day}-${slug}-${i}.md`, text, mtime: new Date(`${day}T12:00:00Z`) };
}

function makeJournal(root, size) {
  fs.mkdirSync(path.join(root, "entries"), { recursive: true });
  fs.writeFileSync(path.join(root, "nexus.config.json"), '{\n  "entries": "entries"\n}\n');
  let words = 0;
  for (let i = 0; i < size; i += 1) {
    const e = entry(i);
    const file = path.join(root, "entries", e.name);
    fs.writeFileSync(file, e.text);
    // Entries are written over years, not in the last second.
    fs.utimesSync(file, e.mtime, e.mtime);
    if (i < 200) words += e.text.split(/\s+/).length;
  }
  return Math.round(words / Math.min(size, 200));
}

// --- Measuring ----------------------------------------------------------------

const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import fs from "node:fs"; process.on("exit", () => { try { fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });',
)}`;

function runOnce(args, cwd, rssFile) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--import", RSS_HOOK, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKb = Number(fs.readFileSync(rssFile, "utf8"));
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  return { ms, mb: rssKb / 1024, status: child.status };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The median of `runs` runs of a command, each run right after a run of `node -e 0`
 * in the same folder: on a shared machine the load drifts, and the ratio to
 * `node -e 0` (`base`, the median of those runs) is fair only when both are measured
 * under the same load.
 */
function measure(args, cwd, rssFile, runs = RUNS) {
  const bases = [];
  const results = Array.from({ length: runs }, () => {
    bases.push(runOnce(["-e", "0"], cwd, rssFile).ms);
    return runOnce(args, cwd, rssFile);
  });
  return { ms: median(results.map((r) => r.ms)), mb: Math.max(...results.map((r) => r.mb)), status: results[0].status, base: median(bases) };
}

// --- build-readme (README, pages, charts) ----------------------------------------

/** build-readme on the journal: the first build (writes everything), a build with nothing to write, and --check. */
function benchReadme(root, rssFile) {
  const runs = Math.min(RUNS, 3);
  const generated = path.join(root, "journal");
  const clean = () => {
    fs.rmSync(generated, { recursive: true, force: true });
    fs.rmSync(path.join(root, "README.md"), { force: true });
  };
  const first = [];
  for (let i = 0; i < runs; i += 1) {
    clean();
    first.push(runOnce([BIN, "build-readme"], root, rssFile));
  }
  const full = { ms: median(first.map((m) => m.ms)), mb: Math.max(...first.map((m) => m.mb)) };
  row("build-readme (writes README, pages, charts)", full);
  row("build-readme (current: writes nothing)", measure([BIN, "build-readme"], root, rssFile, runs));
  fullBuildMs = full.ms;
  row("build-readme --check", measure([BIN, "build-readme", "--check"], root, rssFile, runs));
  const files = fs.readdirSync(generated, { recursive: true }).map((f) => path.join(generated, String(f))).filter((f) => fs.statSync(f).isFile());
  const sizes = files.map((f) => fs.statSync(f).size);
  const svg = files.filter((f) => f.endsWith(".svg")).map((f) => fs.statSync(f).size);
  console.log(
    `  README.md ${fs.statSync(path.join(root, "README.md")).size.toLocaleString("en")} bytes; ${files.length} generated files, ` +
      `${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB, largest ${Math.max(...sizes).toLocaleString("en")} bytes; charts ${svg.map((n) => n.toLocaleString("en")).join(", ")} bytes`,
  );
}

// --- The table ------------------------------------------------------------------

/** `node -e 0` of the section being measured: every time is also shown as a ratio to it. */
let base;

/** The median of the first build-readme row of the section: --check is to be faster still. */
let fullBuildMs;

/** The issues' targets (issue 9 part 4, issue 8 part 4): a ratio to `node -e 0`, a time in ms, peak memory in MB. */
function targetOf(label, size) {
  if (label.startsWith("build-readme (writes") && size === 10_000) return { ms: 1000, mb: 300 };
  if (label === "build-readme --check" && size === 10_000) return { ms: Math.min(1000, fullBuildMs ?? 1000), mb: 300 };
  if (label.startsWith("list --limit 10") && !label.includes("cold") && size === 10_000) return { ratio: 2.5 };
  if (label.startsWith("search, median") && size === 10_000) return { ratio: 3 };
  if (label.startsWith("search, median") && size === 100_000) return { ratio: 15 };
  if (label.startsWith("search celery") && label.includes("cold") && size === 100_000) return { mb: 300 };
  if (label.startsWith("show")) return { ratio: 2.5 };
  return undefined;
}

let section = 0;

function header() {
  console.log(`  ${"command".padEnd(42)} ${"median".padStart(10)} ${"x node".padStart(7)} ${"peak RSS".padStart(9)}  target`);
}

const row = (label, m, note = "") => {
  const ratio = base ? m.ms / (m.base ?? base) : undefined;
  const target = targetOf(label, section);
  let verdict = "";
  if (target?.ratio !== undefined && ratio !== undefined) verdict = `<= ${target.ratio}x ${ratio <= target.ratio ? "ok" : "MISSED"}`;
  if (target?.mb !== undefined) verdict = `<= ${target.mb} MB ${m.mb <= target.mb ? "ok" : "MISSED"}`;
  if (target?.ms !== undefined) verdict = `< ${target.ms.toFixed(0)} ms ${m.ms < target.ms ? "ok" : "MISSED"}, ${verdict}`;
  const cells = `${m.ms.toFixed(0).padStart(7)} ms ${ratio === undefined ? "".padStart(7) : `${ratio.toFixed(2)}x`.padStart(7)} ${m.mb.toFixed(0).padStart(6)} MB`;
  console.log(`  ${label.padEnd(42)} ${cells}${verdict ? `  ${verdict}` : ""}${note ? `  ${note}` : ""}`);
};

/** Measures `node -e 0` in `cwd`: the base of the ratios that follow. */
function measureBase(cwd, rssFile) {
  base = undefined;
  const m = measure(["-e", "0"], cwd, rssFile);
  row("node -e 0", m);
  base = m.ms;
}

/** `show` of an entry of this repository's own journal, warm, beside `node -e 0`. */
function benchShow(rssFile) {
  const repo = path.dirname(path.dirname(BIN));
  const entries = path.join(repo, "entries");
  if (!fs.existsSync(entries)) return;
  const first = fs.readdirSync(entries).filter((f) => f.endsWith(".md")).sort()[0];
  if (!first) return;
  const slug = first.replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, "");
  section = 0;
  console.log(`\nthis repository's journal (${fs.readdirSync(entries).length} entries)`);
  header();
  measureBase(repo, rssFile);
  runOnce([BIN, "show", slug], repo, rssFile);
  row(`show ${slug}`.slice(0, 42), measure([BIN, "show", slug], repo, rssFile));
}

function main() {
  if (!fs.existsSync(path.join(path.dirname(BIN), "..", "dist", "cli.js"))) {
    console.error("bench: dist/ is missing; run `npm run build` first (npm run bench does)");
    process.exit(2);
  }
  const sizes = SIZES.length ? SIZES : [1_000, 10_000, 100_000];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-bench-"));
  const rssFile = path.join(tmp, "rss");
  console.log(`nexus bench: node ${process.version}, ${os.cpus().length} CPUs, ${RUNS} runs per median (wall time), peak = max RSS, warm cache unless "cold"`);
  try {
    if (!README_ONLY) benchShow(rssFile);
    for (const size of sizes) {
      const root = path.join(tmp, `journal-${size}`);
      const t0 = Date.now();
      const words = makeJournal(root, size);
      console.log(`\n${size.toLocaleString("en")} entries (~${words} words each; generated in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      section = size;
      header();
      measureBase(root, rssFile);
      if (README_ONLY) {
        // The entry cache is built first, as a journal in use has it.
        runOnce([BIN, "list", "--limit", "1"], root, rssFile);
        benchReadme(root, rssFile);
        fs.rmSync(root, { recursive: true, force: true });
        continue;
      }
      const cache = path.join(root, ".nexus");
      fs.rmSync(cache, { recursive: true, force: true });
      row("list --limit 10  (cold: builds the cache)", measure([BIN, "list", "--limit", "10"], root, rssFile, 1));
      fs.rmSync(cache, { recursive: true, force: true });
      row("search celery    (cold: builds the cache)", measure([BIN, "search", "celery"], root, rssFile, 1));
      row("list --limit 10", measure([BIN, "list", "--limit", "10"], root, rssFile));
      const all = [];
      for (const [kind, words] of QUERIES) {
        const m = measure([BIN, "search", ...words], root, rssFile);
        all.push(m);
        row(`search ${words.join(" ")}`.padEnd(32) + `(${kind})`, m, m.status === 1 ? "no result" : "");
      }
      row("search, median of the queries above", { ms: median(all.map((m) => m.ms)), mb: Math.max(...all.map((m) => m.mb)), base: median(all.map((m) => m.base)) });
      benchReadme(root, rssFile);
      fs.rmSync(root, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
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
  main();
  if (!README_ONLY) relevance();
}
