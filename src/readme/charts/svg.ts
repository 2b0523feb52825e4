// A small SVG writer for the README charts: a fixed size, a <title>, one embedded
// style sheet with light colours and dark ones for `prefers-color-scheme: dark`,
// system fonts only; no scripts, no links, no external anything. Text from
// entries is XML-escaped and stripped of characters XML cannot hold.

import { stripControls } from "../escape.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data or an attribute value. */
export function xmlText(text: string): string {
  return stripControls(text)
    .replace(LONE_SURROGATE, "")
    .replace(/[\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A coordinate with at most one decimal, the same string on every machine. */
export const n = (value: number) => String(Math.round(value * 10) / 10);

// GitHub's own palette for the contribution graph, light and dark.
const STYLE = [
  "text{font:11px -apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;fill:#57606a}",
  ".t{font-size:13px;font-weight:600;fill:#24292f}",
  ".l0{fill:#ebedf0}.l1{fill:#9be9a8}.l2{fill:#40c463}.l3{fill:#30a14e}.l4{fill:#216e39}",
  ".bar{fill:#2da44e}.area{fill:#2da44e;fill-opacity:.18}.line{fill:none;stroke:#2da44e;stroke-width:2}.dot{fill:#2da44e}.grid{stroke:#d0d7de;stroke-width:1}.rest{fill:#afb8c1}.brk{stroke:#fff;stroke-width:2}",
  "@media (prefers-color-scheme:dark){text{fill:#8b949e}.t{fill:#e6edf3}.l0{fill:#161b22}.l1{fill:#0e4429}.l2{fill:#006d32}.l3{fill:#26a641}.l4{fill:#39d353}.bar{fill:#3fb950}.area{fill:#3fb950}.line{stroke:#3fb950}.dot{fill:#3fb950}.grid{stroke:#30363d}.rest{fill:#484f58}.brk{stroke:#0d1117}}",
].join("");

/** A whole SVG document: `title` is its accessible name and the heading drawn at the top. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  const t = xmlText(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title">`,
    `<title id="title">${t}</title>`,
    `<style>${STYLE}</style>`,
    `<text class="t" x="8" y="18">${t}</text>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

export function textAt(x: number, y: number, text: string, anchor: "start" | "middle" | "end" = "start"): string {
  return `<text x="${n(x)}" y="${n(y)}"${anchor === "start" ? "" : ` text-anchor="${anchor}"`}>${xmlText(text)}</text>`;
}

export function rect(x: number, y: number, width: number, height: number, cls: string): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" class="${cls}"/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" class="${cls}"/>`;
}
