// Changes one field of an entry's frontmatter in place: the lines of that field
// are replaced and every other line (unknown keys, comments, quoting, order) and
// the body stay byte for byte.
import { splitFile, stripBom } from "./frontmatter.js";

/**
 * Returns the text with `key: value` in place of the field's lines (the key line
 * and its indented or `- ` continuation lines). A missing field is added before
 * the closing `---`. `value` is already YAML (such as `[a, b]` or a quoted string).
 * Throws FrontmatterError when the file has no frontmatter.
 */
export function setFrontmatterField(rawText: string, key: string, value: string): string {
  const hasBom = rawText.charCodeAt(0) === 0xfeff;
  const text = stripBom(rawText);
  const split = splitFile(text);
  const head = text.slice(0, split.bodyOffset);
  const eol = /\r\n/.test(head) ? "\r\n" : "\n";
  // Lines with their ends: [opening ---, ...fields, closing ---].
  const lines = head.match(/[^\r\n]*(?:\r?\n|$)/g)!.filter((l) => l !== "");
  const closing = lines.length - 1;
  const keyLine = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`);
  const start = lines.findIndex((l, i) => i > 0 && i < closing && keyLine.test(l));
  const replacement = `${key}: ${value}${eol}`;
  if (start < 0) {
    lines.splice(closing, 0, replacement);
  } else {
    let end = start + 1;
    const continues = (l: string) => /^([ \t]+\S|-([ \t]|\r?\n|$))/.test(l);
    for (let i = start + 1; i < closing; i += 1) {
      const line = lines[i]!;
      if (continues(line)) end = i + 1;
      else if (line.trim() === "") continue;
      else break;
    }
    lines.splice(start, end - start, replacement);
  }
  return `${hasBom ? "\ufeff" : ""}${lines.join("")}${text.slice(split.bodyOffset)}`;
}
