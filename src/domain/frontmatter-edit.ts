// Changes one field of an entry's frontmatter in place: the lines of that field
// are replaced and every other line (unknown keys, comments, quoting, order) and
// the body stay byte for byte. keepsOtherLines checks that a rewrite did so: every
// rewrite of a frontmatter keeps the lines it does not change, or is refused.
import { splitFile, stripBom } from "./frontmatter.js";

/** A frontmatter cut into lines with their ends: [opening ---, ...fields, closing ---], and what follows. */
interface Lines {
  bom: boolean;
  lines: string[];
  closing: number;
  body: string;
}

function linesOf(rawText: string): Lines {
  const bom = rawText.charCodeAt(0) === 0xfeff;
  const text = stripBom(rawText);
  const split = splitFile(text);
  const lines = text.slice(0, split.bodyOffset).match(/[^\r\n]*(?:\r?\n|$)/g)!.filter((l) => l !== "");
  return { bom, lines, closing: lines.length - 1, body: text.slice(split.bodyOffset) };
}

const escaped = (key: string) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The start of `key`'s line, the key written plain, "double-" or 'single-quoted'. */
export function keyLinePattern(key: string): RegExp {
  const k = escaped(key);
  return new RegExp(`^(?:${k}|"${k}"|'${k}')[ \\t]*:`);
}

/** The lines of `key` (its key line and its indented or `- ` continuation lines), or undefined. */
function fieldRange(f: Lines, key: string): { start: number; end: number } | undefined {
  const keyLine = keyLinePattern(key);
  const start = f.lines.findIndex((l, i) => i > 0 && i < f.closing && keyLine.test(l));
  if (start < 0) return undefined;
  let end = start + 1;
  const continues = (l: string) => /^([ \t]+\S|-([ \t]|\r?\n|$))/.test(l);
  for (let i = start + 1; i < f.closing; i += 1) {
    const line = f.lines[i]!;
    if (continues(line)) end = i + 1;
    else if (line.trim() === "") continue;
    else break;
  }
  return { start, end };
}

/**
 * Returns the text with `key: value` in place of the field's lines, the key spelled
 * as it was. A missing field is added before the closing `---`. `value` is already
 * YAML (such as `[a, b]` or a quoted string). Throws FrontmatterError when the file
 * has no frontmatter.
 */
export function setFrontmatterField(rawText: string, key: string, value: string): string {
  const f = linesOf(rawText);
  const eol = /\r\n/.test(f.lines[0]!) ? "\r\n" : "\n";
  const range = fieldRange(f, key);
  if (!range) f.lines.splice(f.closing, 0, `${key}: ${value}${eol}`);
  else {
    const spelled = keyLinePattern(key).exec(f.lines[range.start]!)![0].replace(/[ \t]*:$/, "");
    f.lines.splice(range.start, range.end - range.start, `${spelled}: ${value}${eol}`);
  }
  return `${f.bom ? "\ufeff" : ""}${f.lines.join("")}${f.body}`;
}

/** Whether `after` is `before` with only `key`'s lines changed: every other frontmatter line, and the body, byte for byte. */
export function keepsOtherLines(before: string, after: string, key: string): boolean {
  let a: Lines;
  let b: Lines;
  try {
    a = linesOf(before);
    b = linesOf(after);
  } catch {
    return false;
  }
  const others = (f: Lines) => {
    const range = fieldRange(f, key);
    return range ? [...f.lines.slice(0, range.start), ...f.lines.slice(range.end)] : f.lines;
  };
  const x = others(a);
  const y = others(b);
  return a.bom === b.bom && a.body === b.body && x.length === y.length && x.every((line, i) => line === y[i]);
}
