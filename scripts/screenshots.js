#!/usr/bin/env node
// The README's pictures, made from real output of this repository's own journal:
// - docs/images/terminal.svg: `nexus search celary` and `nexus list` as a terminal
//   shows them (run with FORCE_COLOR=1; their ANSI colours turned into SVG text here);
// - docs/images/readme.png: the README that `nexus build-readme` makes for a journal
//   (the relevance journal of the tests), rendered as GitHub shows markdown;
// - docs/images/site-{home,entry}-{light,dark}.png: the site of `nexus build-site`,
//   in Debian's Chromium (/usr/bin/chromium, through playwright-core), light and dark.
// Pictures are 1024x640 (the README shows them at half width or less).
//
//   npm run build && node scripts/screenshots.js
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BIN = path.join(ROOT, "bin", "nexus.js");
const OUT = path.join(ROOT, "docs", "images");
const CHROMIUM = process.env.NEXUS_CHROMIUM ?? "/usr/bin/chromium";
const SIZE = { width: 1024, height: 640 };

function nexus(args, cwd, env = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "", ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`nexus ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

// --- The terminal as SVG ---------------------------------------------------------------

/** GitHub's dark terminal colours for the 16 ANSI colours. */
const PALETTE = ["#484f58", "#ff7b72", "#3fb950", "#d29922", "#58a6ff", "#bc8cff", "#39c5cf", "#b1bac4", "#6e7681", "#ffa198", "#56d364", "#e3b341", "#79c0ff", "#d2a8ff", "#56d4dd", "#ffffff"];
const FG = "#e6edf3";
const xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Lines of ANSI-coloured text as runs of [text, style]. */
function parseAnsi(text) {
  const lines = [];
  let style = { fg: undefined, bold: false, dim: false };
  for (const line of text.replace(/\n$/, "").split("\n")) {
    const runs = [];
    for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
      const m = /^\x1b\[([0-9;]*)m$/.exec(part);
      if (!m) {
        if (part) runs.push([part, { ...style }]);
        continue;
      }
      for (const code of (m[1] || "0").split(";").map(Number)) {
        if (code === 0) style = { fg: undefined, bold: false, dim: false };
        else if (code === 1) style.bold = true;
        else if (code === 2) style.dim = true;
        else if (code === 22) style = { ...style, bold: false, dim: false };
        else if (code === 39) style.fg = undefined;
        else if (code >= 30 && code <= 37) style.fg = PALETTE[code - 30];
        else if (code >= 90 && code <= 97) style.fg = PALETTE[code - 90 + 8];
      }
    }
    lines.push(runs);
  }
  return lines;
}

/** A terminal window with commands and their output, as SVG (text, no script, system fonts). */
function terminalSvg(sessions) {
  const lines = sessions.flatMap(([command, output]) => [[[`$ ${command}`, { fg: PALETTE[2], bold: true }]], ...parseAnsi(output), []]);
  lines.pop();
  const columns = Math.max(...lines.map((runs) => runs.reduce((n, [text]) => n + [...text].length, 0)));
  const cw = 8.4;
  const lh = 19;
  const width = Math.ceil(columns * cw + 32);
  const height = lines.length * lh + 56;
  const body = lines
    .map((runs, i) => {
      const spans = runs
        .map(([text, s]) => {
          const attrs = [s.fg ? `fill="${s.fg}"` : "", s.bold ? 'font-weight="bold"' : "", s.dim ? 'opacity="0.6"' : ""].filter(Boolean).join(" ");
          return attrs ? `<tspan ${attrs}>${xml(text)}</tspan>` : xml(text);
        })
        .join("");
      return `<text x="16" y="${48 + i * lh}" xml:space="preserve">${spans}</text>`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="nexus search and nexus list in a terminal">
<title>nexus search and nexus list in a terminal</title>
<rect width="${width}" height="${height}" rx="8" fill="#0d1117"/>
<circle cx="18" cy="16" r="5" fill="#ff5f57"/><circle cx="36" cy="16" r="5" fill="#febc2e"/><circle cx="54" cy="16" r="5" fill="#28c840"/>
<g font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="14" fill="${FG}">
${body}
</g>
</svg>
`;
}

function terminal() {
  const env = { FORCE_COLOR: "1", COLUMNS: "100" };
  const search = nexus(["--no-pager", "search", "celary", "--limit", "3"], ROOT, env);
  const list = nexus(["--no-pager", "list", "--limit", "6"], ROOT, env);
  fs.writeFileSync(path.join(OUT, "terminal.svg"), terminalSvg([["nexus search celary --limit 3", search], ["nexus list --limit 6", list]]));
}

// --- Pages in Chromium ---------------------------------------------------------------------

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".xml": "application/xml", ".png": "image/png" };

function serve(root, prefix) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname.slice(prefix.length)) || "index.html";
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** A README as GitHub shows it, near enough: marked's GitHub-flavoured HTML in GitHub's fonts and colours. */
async function readmePage(journal) {
  const { marked } = await import("marked");
  const html = await marked.parse(fs.readFileSync(path.join(journal, "README.md"), "utf8"));
  const css = `body{margin:0;background:#fff;color:#1f2328;font:16px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
main{max-width:880px;margin:24px auto;padding:32px;border:1px solid #d1d9e0;border-radius:6px}
h1,h2{border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h1{font-size:2em}h2{font-size:1.5em;margin-top:24px}
a{color:#0969da;text-decoration:none}code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%}
table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:6px 13px}img{max-width:100%}`;
  const file = path.join(journal, "readme-preview.html");
  fs.writeFileSync(file, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body><main>${html}</main></body></html>`);
  return pathToFileURL(file).href;
}

async function pages(tmp) {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`screenshots: no Chromium at ${CHROMIUM} (apt-get install chromium, or set NEXUS_CHROMIUM); only terminal.svg was made`);
    process.exitCode = 1;
    return;
  }
  // The site of this repository's journal, as GitHub Pages would serve it.
  const site = path.join(tmp, "site");
  nexus(["build-site", "--out", site, "--base-url", "https://nexus-journal.github.io/nexus/"], ROOT);
  // The README of a journal: the tests' relevance journal, built with the built-in template.
  const journal = path.join(tmp, "journal");
  fs.cpSync(path.join(ROOT, "tests", "fixtures", "search", "relevance"), journal, { recursive: true, filter: (src) => !src.includes(`${path.sep}.nexus`) });
  nexus(["build-readme"], journal);
  const server = await serve(site, "/nexus/");
  const url = `http://127.0.0.1:${server.address().port}/nexus/`;
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"] });
  try {
    const entry = fs.readdirSync(path.join(site, "entries")).filter((f) => f.includes("asynchronous-task-management"))[0] ?? fs.readdirSync(path.join(site, "entries"))[0];
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: SIZE, colorScheme: scheme });
      const page = await context.newPage();
      for (const [name, rel] of [["home", ""], ["entry", `entries/${entry}`]]) {
        await page.goto(url + rel, { waitUntil: "load" });
        await page.screenshot({ path: path.join(OUT, `site-${name}-${scheme}.png`) });
      }
      await context.close();
    }
    const context = await browser.newContext({ viewport: SIZE });
    const page = await context.newPage();
    await page.goto(await readmePage(journal), { waitUntil: "load" });
    await page.screenshot({ path: path.join(OUT, "readme.png") });
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
}

fs.mkdirSync(OUT, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-shots-"));
try {
  terminal();
  await pages(tmp);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
for (const f of fs.readdirSync(OUT).sort()) console.log(`docs/images/${f}: ${fs.statSync(path.join(OUT, f)).size.toLocaleString("en")} bytes`);
