// Helpers for the page tests: the links of a markdown file, and a check that an
// SVG is well-formed XML (every tag closed in order, entities known).
import fs from "node:fs";
import path from "node:path";

/** Link targets of a markdown file that point at files (no anchors, no URLs), resolved to absolute paths. */
export function fileLinks(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^(#|[a-z]+:)/i.test(target)) continue;
    out.push(path.resolve(path.dirname(file), decodeURIComponent(target.split("#")[0]!)));
  }
  return out;
}

/** Throws when the text is not well-formed XML (a small checker: tags, attributes, entities). */
export function checkXml(text: string): void {
  const stack: string[] = [];
  const tokens = text.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([<>])|&([^;\s]*);?/g);
  for (const t of tokens) {
    if (t[5]) throw new Error(`stray ${t[5]} at ${t.index}`);
    if (t[6] !== undefined) {
      if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+)$/i.test(t[6]) || !t[0].endsWith(";")) throw new Error(`bad entity ${t[0]} at ${t.index}`);
      continue;
    }
    if (!t[2]) continue;
    if (t[1]) {
      if (stack.pop() !== t[2]) throw new Error(`</${t[2]}> closes nothing open at ${t.index}`);
    } else if (!t[4]) stack.push(t[2]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("> <")}>`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new Error("control character");
}
