#!/usr/bin/env node
// Benchmark of `nexus build-site` at scale (issue 23, part 5), on the deterministic
// synthetic journal of scripts/bench.js (about 250 words an entry):
// - the build: a cold build (no site, no render cache) and its peak memory, a build
//   with nothing to write, and a build after one `nexus add` (time and files written);
// - the output: files, bytes, the largest page;
// - links: every href and src of every page, and its #fragment, resolved as a browser
//   would for the site built for and served under /repo/, and again under /;
// - search in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
//   the site served gzipped as GitHub Pages serves it: what loads before the box is
//   focused, what the first query and later ones transfer, and the time from a
//   keystroke to 10 rendered results once the shards are loaded.
// Each figure is printed beside its target; a missed one says MISSED (exit 1).
//
//   node scripts/bench-site.js              10,000 entries
//   node scripts/bench-site.js 100000       another size (the browser part is skipped past 10,000 unless --browser)
//   node scripts/bench-site.js --no-browser the build and the links only
//   node scripts/bench-site.js --site DIR   only the search figures, on a site built for /repo/
//
// Needs a build (`npm run build`; `npm run bench` builds first). Not run in CI.
/* global document, performance, Event, requestAnimationFrame -- in functions evaluated in the page */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = path.join(ROOT, "bin", "nexus.js");
const SIZE = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const BROWSER = process.argv.includes("--browser") || (!process.argv.includes("--no-browser") && SIZE <= 10_000);
const CHROMIUM = process.env.NEXUS_CHROMIUM ?? "/usr/bin/chromium";
const BASE = "https://example.com/repo/";
const KB = 1024;

/** The targets of issue 23 at 10,000 entries. */
const TARGETS = {
  coldMs: 20_000,
  coldMb: 1536,
  rebuildMs: 3_000,
  rebuildFiles: 60,
  pageBytes: 200 * KB,
  siteBytes: 150 * KB * KB,
  siteFiles: 25_000,
  loaderBytes: 5 * KB,
  firstQueryBytes: 120 * KB,
  laterQueryBytes: 60 * KB,
  p95Ms: 100,
};

let missed = 0;
function report(label, value, target, unit = "") {
  const verdict = target === undefined ? "" : value <= target ? `  <= ${target.toLocaleString("en")}${unit} ok` : `  <= ${target.toLocaleString("en")}${unit} MISSED`;
  if (target !== undefined && value > target) missed += 1;
  console.log(`  ${label.padEnd(52)} ${value.toLocaleString("en").padStart(12)}${unit}${verdict}`);
}

// --- Running nexus -----------------------------------------------------------------

const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  'import fs from "node:fs"; process.on("exit", () => { try { const u = process.resourceUsage(); fs.writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`); } catch {} });',
)}`;

/** Runs nexus in `cwd`; its wall time, peak memory, CPU time (user and system: what a busy machine inflates less) and stdout. */
function nexus(args, cwd, rssFile) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--import", RSS_HOOK, BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`nexus ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  const [rss, cpu] = fs.readFileSync(rssFile, "utf8").split(" ").map(Number);
  return { ms, mb: rss / 1024, cpuMs: cpu / 1000, stdout: child.stdout };
}

/** "(N written, M unchanged, K removed)" of build-site's line. */
const writtenOf = (stdout) => {
  const m = /\((\d+) written, (\d+) unchanged, (\d+) removed\)/.exec(stdout);
  if (!m) throw new Error(`unexpected build-site output: ${stdout}`);
  return { written: Number(m[1]), unchanged: Number(m[2]), removed: Number(m[3]) };
};

// --- The output and its links ----------------------------------------------------------

function filesOf(dir) {
  const out = [];
  const walk = (rel) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk("");
  return out;
}

const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * Every link of every page (href and src values) that points at no file of the site, or
 * at no id of its page, resolved as a browser would for the site served under `prefix`;
 * links to the site's own absolute URL (canonical, og:url) are checked too.
 */
function brokenLinks(site, prefix, baseUrl) {
  const files = new Set(filesOf(site));
  const ids = new Map();
  const idsOf = (rel) => {
    let set = ids.get(rel);
    if (!set) ids.set(rel, (set = new Set([...fs.readFileSync(path.join(site, rel), "utf8").matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1])))));
    return set;
  };
  const origin = "http://site.test";
  const broken = [];
  let checked = 0;
  for (const rel of [...files].filter((f) => f.endsWith(".html"))) {
    const html = fs.readFileSync(path.join(site, rel), "utf8");
    const page = new URL(prefix + rel, origin);
    for (const m of html.matchAll(/\s(?:href|src|content)="([^"]*)"/g)) {
      let link = decode(m[1]);
      if (m[0].trimStart().startsWith("content")) {
        if (!link.startsWith(baseUrl)) continue;
      }
      if (link.startsWith(baseUrl)) link = prefix + link.slice(baseUrl.length);
      let url;
      try {
        url = new URL(link, page);
      } catch {
        continue;
      }
      if (url.origin !== origin) continue;
      checked += 1;
      if (!url.pathname.startsWith(prefix)) {
        broken.push(`${rel}: ${link} (outside ${prefix})`);
        continue;
      }
      let target = decodeURIComponent(url.pathname.slice(prefix.length));
      if (target === "" || target.endsWith("/")) target += "index.html";
      if (!files.has(target)) broken.push(`${rel}: ${link}`);
      else if (url.hash && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) broken.push(`${rel}: ${link} (no such id)`);
    }
  }
  return { broken, checked };
}

function outputFigures(site) {
  const files = filesOf(site).filter((f) => f !== ".nexus-site.json");
  let bytes = 0;
  let largest = ["", 0];
  for (const f of files) {
    const size = fs.statSync(path.join(site, f)).size;
    bytes += size;
    if (f.endsWith(".html") && size > largest[1]) largest = [f, size];
  }
  return { files: files.length, bytes, largest };
}

// --- The browser -----------------------------------------------------------------------

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".xml": "application/xml" };

/** The site served under `prefix`, gzipped (as GitHub Pages serves it) and cacheable for 10 minutes (its max-age). */
function serveGzip(root, prefix) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname.slice(prefix.length)) || "index.html";
    const file = path.join(root, rel.endsWith("/") ? `${rel}index.html` : rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "max-age=600", ...(gzip ? { "content-encoding": "gzip" } : {}) });
    res.end(gzip ? zlib.gzipSync(body, { level: 6 }) : body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Queries of the synthetic journal's words: one word, several, typos, code-like, syntax. */
const QUERIES = [
  "celery", "postgres", "redis cache invalidation", "kubernets", "throtling", "n+1", "docker", "nginx gunicorn", "asyncio", "graphql",
  "serializer", "migration", "deadlock", "replica", "kafka", "rabbitmq broker", "retry backoff", "idempotency", "prometheus", "sentry",
  "pytest fixture", "mypy", "pydantic", "fastapi", "sqlalchemy", "terraform", "helm ingress", "configmap", "rollback", "canary",
  "latency", "profiling", "flamegraph", "vacuum", "mutex", "coroutine", "typescript", "jwt", "oauth", "csrf",
  '"connection pool"', "topic:Django cache", "tag:redis", "celery -redis", "since:2020-01-01 docker", "elasticsearch", "trigram", "bloom filter", "webhook", "websockets",
];

async function browserFigures(site) {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`  (search in the browser skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`);
    return;
  }
  const { chromium } = await import("playwright-core");
  const prefix = "/repo/";
  const server = await serveGzip(site, prefix);
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const urls = new Map();
    let log = [];
    cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
    cdp.on("Network.loadingFinished", (e) => log.push({ url: urls.get(e.requestId) ?? "", bytes: e.encodedDataLength }));
    const take = () => {
      const got = log;
      log = [];
      return got;
    };
    const sum = (list) => list.reduce((s, r) => s + r.bytes, 0);
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(300);
    const atLoad = take();
    const searchAtLoad = atLoad.filter((r) => /\/(search\/|assets\/search\.js)/.test(r.url));
    const loader = atLoad.filter((r) => r.url.endsWith("/assets/site.js"));
    report("search loaded before focus (bytes)", sum(searchAtLoad), 0);
    report("loader, assets/site.js (bytes on the wire)", sum(loader), TARGETS.loaderBytes);

    const run = (q) =>
      page.evaluate(async (text) => {
        const box = document.getElementById("search-box");
        const into = document.getElementById("search-results");
        const done = new Promise((resolve) => into.addEventListener("nexus-results", resolve, { once: true }));
        const t0 = performance.now();
        box.value = text;
        box.dispatchEvent(new Event("input"));
        await done;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return { ms: performance.now() - t0, shown: into.querySelectorAll("li").length };
      }, q);
    await page.focus("#search-box");
    const firstQuery = QUERIES[0];
    const first = await run(firstQuery);
    const firstBytes = sum(take());
    report(`first query "${firstQuery}" (bytes, ${first.shown} shown)`, firstBytes, TARGETS.firstQueryBytes);
    const later = [];
    for (const q of QUERIES.slice(1)) {
      await run(q);
      const got = take();
      later.push({ q, bytes: sum(got), files: got.map((r) => `${r.url.replace(/^.*\/repo\//, "")} ${r.bytes}`) });
    }
    later.sort((a, b) => a.bytes - b.bytes);
    const worst = later.at(-1);
    report(`later queries: median (bytes, ${later.length} queries)`, later[Math.floor(later.length / 2)].bytes);
    report(`later queries: largest, "${worst.q}" (bytes)`, worst.bytes, TARGETS.laterQueryBytes);
    // BENCH_VERBOSE=1: the files of the largest later query; 2: of every query.
    if (process.env.BENCH_VERBOSE === "2") for (const l of later) console.log(`${l.q}: ${l.bytes}\n  ${l.files.join("\n  ")}`);
    else if (process.env.BENCH_VERBOSE) console.log(worst.files.join("\n"));
    // Once loaded: each query again, 5 times, from the keystroke to 10 results drawn.
    const times = [];
    const byQuery = new Map();
    let fewer = 0;
    for (let round = 0; round < 5; round += 1) {
      for (const q of QUERIES) {
        await page.evaluate(() => {
          const box = document.getElementById("search-box");
          box.value = "";
          box.dispatchEvent(new Event("input"));
        });
        const r = await run(q);
        times.push(r.ms);
        byQuery.set(q, [...(byQuery.get(q) ?? []), r.ms]);
        if (r.shown < 10) fewer += 1;
      }
    }
    times.sort((a, b) => a - b);
    report(`query to rendered results: median (ms)`, Math.round(times[Math.floor(times.length / 2)]));
    report(`query to rendered results: p95 (ms, ${times.length} runs)`, Math.round(times[Math.floor(times.length * 0.95)]), TARGETS.p95Ms);
    const slowest = [...byQuery].map(([q, ms]) => [q, ms.sort((a, b) => a - b)[2]]).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`  (slowest, median of 5: ${slowest.map(([q, ms]) => `${q} ${Math.round(ms)} ms`).join(", ")})`);
    if (fewer) console.log(`  (${fewer / 5} of ${QUERIES.length} queries show fewer than 10 results)`);
  } finally {
    await browser.close();
    server.close();
  }
}

// --- The run ------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(ROOT, "dist", "cli.js"))) {
    console.error("bench-site: dist/ is missing; run `npm run build` first (npm run bench does)");
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-bench-site-"));
  const rss = path.join(tmp, "rss");
  const journal = path.join(tmp, "journal");
  try {
    const t0 = Date.now();
    spawnSync(process.execPath, [path.join(ROOT, "scripts", "bench.js"), "--make", journal, String(SIZE)], { stdio: "inherit" });
    nexus(["list", "--limit", "1"], journal, rss);
    console.log(`\nnexus build-site: ${SIZE.toLocaleString("en")} entries (made in ${((Date.now() - t0) / 1000).toFixed(1)} s), node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    const site = path.join(journal, "site");
    const atSize = SIZE === 10_000 ? TARGETS : {};
    const cold = nexus(["build-site", "--base-url", BASE], journal, rss);
    report(`cold build (ms; no site, no render cache; CPU ${Math.round(cold.cpuMs).toLocaleString("en")} ms)`, Math.round(cold.ms), atSize.coldMs);
    report("cold build: peak memory (MB)", Math.round(cold.mb), atSize.coldMb);
    const again = nexus(["build-site", "--base-url", BASE], journal, rss);
    report(`build of an unchanged journal (ms; ${writtenOf(again.stdout).written} written; CPU ${Math.round(again.cpuMs).toLocaleString("en")} ms)`, Math.round(again.ms));
    nexus(["add", "Tuning celery prefetch with redis", "--topic", "Celery", "--tag", "celery", "--tag", "redis", "--challenge", "Workers hoarded tasks while others idled.", "--solution", "Set `worker_prefetch_multiplier = 1` and `acks_late`.", "--takeaway", "Measure the queue before tuning the workers.", "--date", "2026-12-06"], journal, rss);
    const add = nexus(["build-site", "--base-url", BASE], journal, rss);
    const w = writtenOf(add.stdout);
    report(`build after one add (ms; CPU ${Math.round(add.cpuMs).toLocaleString("en")} ms)`, Math.round(add.ms), atSize.rebuildMs);
    report(`build after one add: files written (${w.removed} removed)`, w.written, atSize.rebuildFiles);
    report("build after one add: peak memory (MB)", Math.round(add.mb));
    const out = outputFigures(site);
    report("output: files", out.files, atSize.siteFiles);
    report("output: MB", Math.round(out.bytes / KB / KB), atSize.siteBytes && atSize.siteBytes / KB / KB);
    report(`largest page, ${out.largest[0]} (KB)`, Math.ceil(out.largest[1] / KB), atSize.pageBytes && atSize.pageBytes / KB);
    const links = brokenLinks(site, "/repo/", BASE);
    report(`broken links under /repo/ (of ${links.checked.toLocaleString("en")})`, links.broken.length, 0);
    for (const b of links.broken.slice(0, 10)) console.log(`    ${b}`);
    const rootSite = path.join(journal, "site-root");
    nexus(["build-site", "--out", rootSite, "--base-url", "https://example.com/"], journal, rss);
    const rootLinks = brokenLinks(rootSite, "/", "https://example.com/");
    report(`broken links under / (of ${rootLinks.checked.toLocaleString("en")})`, rootLinks.broken.length, 0);
    for (const b of rootLinks.broken.slice(0, 10)) console.log(`    ${b}`);
    fs.rmSync(rootSite, { recursive: true, force: true });
    if (BROWSER) await browserFigures(site);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (missed) {
    console.log(`\n${missed} target(s) MISSED`);
    process.exitCode = 1;
  }
}

const only = process.argv.indexOf("--site");
if (only > 0) await browserFigures(path.resolve(process.argv[only + 1]));
else await main();
