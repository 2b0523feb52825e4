// Headless Chromium for the site's tests: Debian's /usr/bin/chromium driven by
// playwright-core (no browser download), the site served on 127.0.0.1 under a path
// prefix, and axe-core injected into pages. Where chromium is missing, the tests that
// need it are skipped with a message (.ci/run installs it).
import fs from "node:fs";
import type http from "node:http";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { serveFolder } from "../../src/site/serve.js";
import { toolsInstalled } from "../ci-tools.js";

await toolsInstalled();
export const CHROMIUM = process.env.NEXUS_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`site browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set NEXUS_CHROMIUM)`);

export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const { chromium } = await import("playwright-core");
  // playwright-core makes a fresh, empty profile for each launch.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export interface Served {
  url: string;
  server: http.Server;
}

/** Serves a folder on a free port under `prefix` ("/" or "/repo/"). */
export async function serve(root: string, prefix: string): Promise<Served> {
  const server = await serveFolder(root, 0, prefix);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}${prefix}`, server };
}

export const stop = (s: Served) => new Promise((resolve) => s.server.close(resolve));

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;

/** WCAG 2.x A and AA violations axe-core finds on the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (scripts from the site alone) stays as it is.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate((axeSource ??= fs.readFileSync(AXE, "utf8")));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  });
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

/** Problems a page reports: console errors, failed requests, uncaught errors, dialogs. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

export type { Browser, BrowserContext, Page };
