// Edits one value of a JSON document in its text, so everything else stays as it was
// written: the order of the keys, the other keys, the indentation, the line ends, a
// byte-order mark. Pure; the caller checks the text is JSON first (JSON.parse).

type Node =
  | { kind: "object"; start: number; end: number; members: Member[] }
  | { kind: "value"; start: number; end: number };

interface Member {
  key: string;
  keyStart: number;
  value: Node;
}

/** Positions of a JSON text's objects and members (the text is known to be valid JSON). */
function parse(text: string): Node {
  let at = 0;
  const space = () => {
    while (at < text.length && " \t\r\n".includes(text[at]!)) at += 1;
  };
  const string = () => {
    const start = at;
    at += 1;
    while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): Node => {
    space();
    const start = at;
    const ch = text[at];
    if (ch === "{") {
      at += 1;
      const members: Member[] = [];
      space();
      while (text[at] !== "}") {
        const keyStart = at;
        const key = string();
        space();
        at += 1; // the colon
        members.push({ key, keyStart, value: value() });
        space();
        if (text[at] === ",") at += 1;
        space();
      }
      at += 1;
      return { kind: "object", start, end: at, members };
    }
    if (ch === "[") {
      at += 1;
      space();
      while (text[at] !== "]") {
        value();
        space();
        if (text[at] === ",") at += 1;
        space();
      }
      at += 1;
    } else if (ch === '"') string();
    else while (at < text.length && !" \t\r\n,]}".includes(text[at]!)) at += 1;
    return { kind: "value", start, end: at };
  };
  return value();
}

export interface JsonStyle {
  /** One level of indentation: the file's own (two spaces when it shows none). */
  unit: string;
  eol: string;
}

/** The indentation and line end a JSON text is written with. */
export function jsonStyle(text: string): JsonStyle {
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  const indent = /\n([ \t]+)["}\]]/.exec(text);
  return { unit: indent ? indent[1]! : "  ", eol };
}

/** The whitespace at the start of the line that holds `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** `value` as JSON in the file's style, its later lines indented by `indent`. */
function serialize(value: unknown, indent: string, style: JsonStyle): string {
  return JSON.stringify(value, null, style.unit).split("\n").join(`${style.eol}${indent}`);
}

/** The last member named `key` (JSON.parse keeps the last of duplicates). */
const lastMember = (node: Node & { kind: "object" }, key: string) => node.members.findLast((m) => m.key === key);

/** Thrown when a key on the path holds something other than an object. */
export class NotAnObjectError extends Error {
  constructor(readonly path: string[]) {
    super(`${path.join(".")} is not an object`);
  }
}

/** Inserts `"key": value` as the last member of `node`. */
function insert(text: string, node: Node & { kind: "object" }, key: string, value: unknown, style: JsonStyle): string {
  const last = node.members.at(-1);
  const member = (indent: string) => `${JSON.stringify(key)}: ${serialize(value, indent, style)}`;
  if (!last) {
    const outer = indentAt(text, node.start);
    const inner = outer + style.unit;
    return `${text.slice(0, node.start)}{${style.eol}${inner}${member(inner)}${style.eol}${outer}}${text.slice(node.end)}`;
  }
  const ownLine = /\n[ \t]*$/.test(text.slice(0, last.keyStart));
  const joined = ownLine ? `,${style.eol}${indentAt(text, last.keyStart)}${member(indentAt(text, last.keyStart))}` : `, ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  return text.slice(0, last.value.end) + joined + text.slice(last.value.end);
}

/**
 * The text with the value at `path` set to `value`: replaced where it is, else added
 * as the last key of the innermost object on the path (objects missing on the way
 * are made). Throws NotAnObjectError when the path goes through a non-object.
 */
export function setJsonValue(text: string, path: string[], value: unknown): string {
  const style = jsonStyle(text);
  let node = parse(text);
  for (let i = 0; i < path.length; i++) {
    if (node.kind !== "object") throw new NotAnObjectError(path.slice(0, i));
    const member = lastMember(node, path[i]!);
    if (!member) {
      const nested = path.slice(i + 1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
      return insert(text, node, path[i]!, nested, style);
    }
    if (i === path.length - 1) {
      return text.slice(0, member.value.start) + serialize(value, indentAt(text, member.keyStart), style) + text.slice(member.value.end);
    }
    node = member.value;
  }
  return serialize(value, "", style);
}

/**
 * The text without the key at `path` (every duplicate of it), or undefined when
 * it is not there. The members around it keep their spelling.
 */
export function removeJsonValue(text: string, path: string[]): string | undefined {
  let removed = false;
  for (;;) {
    let node = parse(text);
    let parent: (Node & { kind: "object" }) | undefined;
    let member: Member | undefined;
    for (const key of path) {
      if (node.kind !== "object") return removed ? text : undefined;
      parent = node;
      member = lastMember(node, key);
      if (!member) return removed ? text : undefined;
      node = member.value;
    }
    if (!parent || !member) return undefined;
    const index = parent.members.indexOf(member);
    const next = parent.members[index + 1];
    if (index > 0) text = text.slice(0, parent.members[index - 1]!.value.end) + text.slice(member.value.end);
    else if (next) text = text.slice(0, member.keyStart) + text.slice(next.keyStart);
    else text = `${text.slice(0, parent.start + 1)}${text.slice(parent.end - 1)}`;
    removed = true;
  }
}
