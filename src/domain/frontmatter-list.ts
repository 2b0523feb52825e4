// Renames one label inside a frontmatter field, editing only the text of the
// matching values: a block list keeps its style, indentation and `# comments`, a
// flow list its trailing comment, a topic its comment. Returns undefined when the
// field is written in a form this does not follow (the caller then rewrites the
// field whole); the caller checks the result by parsing it back.
import yaml from "js-yaml";
import { splitFile, stripBom, yamlFlowList, yamlScalar } from "./frontmatter.js";
import { keyLinePattern } from "./frontmatter-edit.js";

/** The value of one YAML scalar as written, or undefined when it is not a plain string. */
function scalarValue(token: string): string | undefined {
  try {
    const value = yaml.load(token, { schema: yaml.CORE_SCHEMA }) as unknown;
    return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? token : undefined;
  } catch {
    return undefined;
  }
}

// `value   # comment` on one line: the comment starts at a `#` after white space.
const VALUE_AND_COMMENT = /^(.*?)((?:[ \t]+#.*)?)$/;

/**
 * Returns the text with every value of `key` for which `rename` returns a string
 * replaced by it (null drops a list item). Only `key`'s lines change.
 */
export function renameInField(rawText: string, key: "tags" | "topic", rename: (value: string) => string | null | undefined): string | undefined {
  const hasBom = rawText.charCodeAt(0) === 0xfeff;
  const text = stripBom(rawText);
  const split = splitFile(text);
  const head = text.slice(0, split.bodyOffset);
  const lines = head.match(/[^\r\n]*(?:\r?\n|$)/g)!.filter((l) => l !== "");
  const closing = lines.length - 1;
  const keyLine = keyLinePattern(key);
  const start = lines.findIndex((l, i) => i > 0 && i < closing && keyLine.test(l));
  if (start < 0) return undefined;
  const parts = (line: string) => {
    const eol = /\r?\n$/.exec(line)?.[0] ?? "";
    return { body: line.slice(0, line.length - eol.length), eol };
  };
  const { body, eol } = parts(lines[start]!);
  const afterKey = body.replace(keyLine, "");
  const prefix = body.slice(0, body.length - afterKey.length);
  const [, valueText = "", comment = ""] = VALUE_AND_COMMENT.exec(afterKey)!;
  const value = valueText.trim();
  const lead = /^[ \t]*/.exec(valueText)![0];

  if (key === "topic") {
    const old = scalarValue(value);
    if (old === undefined || value === "") return undefined;
    const next = rename(old);
    if (typeof next !== "string") return undefined;
    lines[start] = `${prefix}${lead}${yamlScalar(next)}${comment}${eol}`;
  } else if (value.startsWith("[")) {
    if (!value.endsWith("]")) return undefined;
    const inner = value.slice(1, -1).trim();
    const items = inner ? inner.split(",").map((t) => t.trim()) : [];
    const out: string[] = [];
    for (const token of items) {
      const old = scalarValue(token);
      if (old === undefined) return undefined;
      const next = rename(old);
      if (next === null) continue;
      out.push(typeof next === "string" ? yamlFlowList([next]).slice(1, -1) : token);
    }
    lines[start] = `${prefix}${lead}[${out.join(", ")}]${comment}${eol}`;
  } else if (value === "") {
    // A block list: `- item  # comment` lines (and comment lines) below the key.
    for (let i = start + 1; i < closing; i += 1) {
      const line = parts(lines[i]!);
      if (/^[ \t]*(#.*)?$/.test(line.body)) continue;
      const item = /^([ \t]*-[ \t]+)(.*)$/.exec(line.body);
      if (!item) {
        if (/^\S/.test(line.body)) break; // the next key
        return undefined;
      }
      const [, dash = "", rest = ""] = item;
      const [, token = "", itemComment = ""] = VALUE_AND_COMMENT.exec(rest)!;
      const old = scalarValue(token.trim());
      if (old === undefined) return undefined;
      const next = rename(old);
      if (next === null) {
        lines[i] = "";
        continue;
      }
      if (typeof next === "string") lines[i] = `${dash}${yamlFlowList([next]).slice(1, -1)}${itemComment}${line.eol}`;
    }
  } else {
    return undefined;
  }
  return `${hasBom ? "\ufeff" : ""}${lines.join("")}${text.slice(split.bodyOffset)}`;
}
