import matter from "gray-matter";
import yaml from "js-yaml";
import { lazyRegExp } from "./lazy-regexp.js";

// In the build, gray-matter (~25 ms to load) and js-yaml are required on their first
// use, so commands that only write entries, or read a current cache, start faster
// (scripts/build.js).

// gray-matter picks its engine from the text after the opening `---` and evaluates
// `---js` frontmatter with eval. nexus reads YAML only: a file whose first line is
// not exactly `---` is rejected before gray-matter sees it, and every other engine
// gray-matter knows is replaced by one that refuses.

export class FrontmatterError extends Error {
  constructor(
    message: string,
    /** 1-based line in the file. */
    readonly line: number,
  ) {
    super(message);
    this.name = "FrontmatterError";
  }
}

const refuse = (): never => {
  throw new FrontmatterError("frontmatter that runs code is not allowed", 1);
};
const refusing = { parse: refuse, stringify: refuse };

const ENGINES = {
  // CORE_SCHEMA keeps `2025-01-01` a string (no Date at UTC midnight) and knows no
  // custom tags; json: false makes a duplicated key an error.
  yaml: {
    parse: (source: string): object => yaml.load(source, { schema: yaml.CORE_SCHEMA, json: false }) as object,
    stringify: refuse,
  },
  js: refusing,
  javascript: refusing,
  coffee: refusing,
  coffeescript: refusing,
  cson: refusing,
  json: refusing,
  toml: refusing,
};

export interface SplitFile {
  /** Raw frontmatter lines between the delimiters. */
  frontmatterLines: string[];
  /** Offset in the (BOM-less) text where the body starts. */
  bodyOffset: number;
  /** 1-based file line where the body starts. */
  bodyLine: number;
  /** The body exactly as in the file. */
  body: string;
}

/** Removes a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Finds the frontmatter block: line 1 is exactly `---`, and it ends at the next
 * line that is exactly `---` (or `...`). Throws FrontmatterError with a file line.
 */
export function splitFile(text: string): SplitFile {
  const lineEnd = /\r?\n/g;
  const first = /^([^\r\n]*)(\r?\n|$)/.exec(text);
  const firstLine = first?.[1] ?? "";
  if (firstLine.trimEnd() !== "---") {
    if (/^---\s*\S/.test(firstLine)) {
      const language = firstLine.slice(3).trim();
      throw new FrontmatterError(
        `frontmatter language "${language.slice(0, 20)}" is not allowed: nexus reads YAML only and never runs code from an entry`,
        1,
      );
    }
    throw new FrontmatterError("no frontmatter: the first line must be `---`", 1);
  }
  const lines: string[] = [];
  let offset = first![0].length;
  let lineNo = 1;
  lineEnd.lastIndex = offset;
  while (offset < text.length) {
    lineNo += 1;
    lineEnd.lastIndex = offset;
    const match = lineEnd.exec(text);
    const end = match ? match.index : text.length;
    const next = match ? match.index + match[0].length : text.length;
    const line = text.slice(offset, end);
    if (line.trimEnd() === "---" || line.trimEnd() === "...") {
      return { frontmatterLines: lines, bodyOffset: next, bodyLine: lineNo + 1, body: text.slice(next) };
    }
    lines.push(line);
    offset = next;
  }
  throw new FrontmatterError("frontmatter is not closed: add a line `---` after the last field", 1);
}

/**
 * Parses the YAML between the delimiters with gray-matter and the safe engine.
 * Returns whatever YAML produced (the caller validates its shape).
 */
export function parseFrontmatter(frontmatterLines: string[]): unknown {
  const source = `---\n${frontmatterLines.join("\n")}\n---\n`;
  try {
    // Passing options also turns off gray-matter's cache, which would hand out
    // shared mutable objects and cache failed parses as successes.
    return matter(source, { language: "yaml", engines: ENGINES as never }).data;
  } catch (error) {
    if (error instanceof FrontmatterError) throw error;
    if (error instanceof yaml.YAMLException) {
      // gray-matter hands the engine the text after the opening `---`, starting
      // with its line end, so the YAML's line 1 is the file's line 2.
      const line = (error.mark?.line ?? 0) + 1;
      throw new FrontmatterError(`invalid YAML: ${error.reason}${COLON_ERRORS.test(error.reason) ? colonHint(frontmatterLines, line) : ""}`, line);
    }
    throw new FrontmatterError(`invalid frontmatter: ${(error as Error).message}`, 1);
  }
}

/** The errors js-yaml gives for a colon and a space inside an unquoted value. */
const COLON_ERRORS = /bad indentation of a mapping entry|incomplete explicit mapping pair/;

/**
 * A hint for the commonest hand-written YAML mistake: a colon and a space inside an
 * unquoted value (`title: Django: the ORM`), which YAML reads as a second mapping.
 * It looks at the file line the error names and the one above it (an error can be
 * noticed a line late); "" when neither is such a line.
 */
export function colonHint(frontmatterLines: string[], fileLine: number): string {
  for (const index of [fileLine - 2, fileLine - 3]) {
    const match = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$/.exec(frontmatterLines[index] ?? "");
    const value = match?.[2] ?? "";
    // Quoted, a flow list or mapping, a block, an anchor, an alias, a tag or a comment: not a plain value.
    if (!match || /^["'[{|>&*!#%@`?]/.test(value) || !/:(\s|$)/.test(value)) continue;
    const where = index === fileLine - 2 ? "" : ` (line ${index + 2})`;
    return `; a colon in a value needs quotes${where}: ${match[1]}: ${doubleQuoted(value)}`;
  }
  return "";
}

/** A YAML scalar on one line: plain where that reads back the same, quoted otherwise. */
export function yamlScalar(value: string): string {
  return yaml.dump(value, { schema: yaml.DEFAULT_SCHEMA, lineWidth: -1, quotingType: '"' }).trimEnd();
}

/**
 * A YAML scalar that is always one line: plain where that reads back the same,
 * else double-quoted with JSON's escapes (a line break is `\n`, never a `|-` block),
 * so a reader of single lines (sourceOf) reads it whole.
 */
export function yamlLine(value: string): string {
  const scalar = yamlScalar(value);
  return scalar.includes("\n") || scalar.startsWith("'") || scalar.startsWith('"') ? doubleQuoted(value) : scalar;
}

/**
 * The string a YAML scalar (plain, quoted, or a block) stands for, or of the mapping
 * `text`'s field `key` when one is given; undefined when it is not a string.
 */
export function readYamlLine(text: string, key?: string): string | undefined {
  try {
    const parsed: unknown = yaml.load(text, { schema: yaml.CORE_SCHEMA });
    const value = key === undefined ? parsed : typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[key] : undefined;
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

const FLOW_PLAIN = lazyRegExp(String.raw`^[\p{L}\p{N}_][\p{L}\p{N}_.+\-/ ]*$`, "u");

/**
 * A double-quoted YAML scalar. JSON's string syntax is YAML's double-quoted
 * syntax; characters YAML would not keep literally are spelled as escapes.
 */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A YAML flow sequence of strings: `[a, b]`, quoting what would not read back the same. */
export function yamlFlowList(values: string[]): string {
  const items = values.map((value) => {
    const plain = FLOW_PLAIN().test(value) && !value.endsWith(" ") && yaml.load(value, { schema: yaml.CORE_SCHEMA }) === value;
    return plain ? value : doubleQuoted(value);
  });
  return `[${items.join(", ")}]`;
}
