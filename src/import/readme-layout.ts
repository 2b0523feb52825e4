// A hand-written README's layout as a README template: its title, introduction and
// sections in their order, headings as written (emoji included), and its own text
// kept as is where nothing is generated; the sections whose learnings became
// entries are placeholders (`{{takeaways:GROUP}}` where a heading grouped
// learnings, `{{challenges}}` where challenges were), and the charts and pages go
// in a section of their own before the sections about the person. The first
// `nexus build-readme` then gives back the same README, generated. Pure.

import { FenceTracker } from "../domain/fences.js";
import { documentHeadings } from "./heading.js";
import type { TopicGroup } from "../journal/config.js";

/** What a heading of the README became, and its text as a format (`**{topic}**`, `Challenge {n}: {title}`) when it has one. */
export type Role = { kind: "learning"; group: string; format: string | undefined } | { kind: "challenge"; format: string | undefined };

export interface LayoutNode {
  level: number;
  heading: string;
  /** 0-based line of the heading; -1 for the text before any heading. */
  line: number;
  children: LayoutNode[];
}

export interface LayoutInput {
  lines: readonly string[];
  root: LayoutNode;
  roles: ReadonlyMap<LayoutNode, Role>;
  /** Sections about the person (overview, goals, contact ...), kept as written. */
  person: ReadonlySet<LayoutNode>;
  /** The groups of the learnings, in the README's order. */
  groups: TopicGroup[];
}

export interface Layout {
  /** The template, LF line ends, without its comment (see templateComment). */
  template: string;
  /** The form the README's learnings' and challenges' headings share (`readme.topicHeading`, `readme.challengeHeading`), if they share one. */
  topicHeading: string | undefined;
  challengeHeading: string | undefined;
}

/**
 * A heading as written, as a format: its title (and number, and date) replaced by fields.
 * `**Challenge 1: Slow views**` is `**Challenge {n}: {title}**`; undefined when the title is
 * not there as written (emphasis inside it, an emoji in the middle).
 */
export function headingFormat(heading: string, parts: { title: string; date: string | undefined; numbered: boolean; field: "topic" | "title" }): string | undefined {
  let format = heading.trim();
  if (parts.date) {
    if (!format.includes(parts.date)) return undefined;
    format = format.replace(parts.date, "{date}");
  }
  const at = format.lastIndexOf(parts.title);
  if (!parts.title || at < 0) return undefined;
  format = `${format.slice(0, at)}{${parts.field}}${format.slice(at + parts.title.length)}`;
  if (parts.numbered) {
    const numbers = format.match(/\d+/g);
    if (numbers?.length !== 1) return undefined;
    format = format.replace(/\d+/, "{n}");
  }
  return /[{}]/.test(format.replace(/\{(topic|title|date|n)\}/g, "")) ? undefined : format;
}

/** The format most headings of a kind share (more than half of them), if there is one. */
function shared(roles: Role[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of roles) if (r.format) counts.set(r.format, (counts.get(r.format) ?? 0) + 1);
  const [format, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  return n * 2 > roles.length ? format : undefined;
}

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** A line of the README as template text: a line the template would read as a placeholder, a comment or a marker is escaped, shown the same. */
function asText(line: string): string {
  if (/^[ \t]*\{\{/.test(line)) return line.replace("{{", "\\{{");
  if (/^\uFEFF?\s*<!--\s*nexus:(begin|end)\b/.test(line)) return line.replace("<!--", "&lt;!--");
  return line;
}

/** The nodes in document order. */
function flatten(node: LayoutNode, out: LayoutNode[] = []): LayoutNode[] {
  if (node.line >= 0) out.push(node);
  for (const child of node.children) flatten(child, out);
  return out;
}

export function readmeLayout(input: LayoutInput): Layout {
  const { lines, root, roles, person } = input;
  const order = flatten(root);
  const index = new Map(order.map((node, i) => [node, i]));
  const startOf = (i: number) => (i < order.length ? order[i]!.line : lines.length);
  /** The line after a node's last descendant. */
  const subtreeEnd = (node: LayoutNode): number => {
    let last = node;
    while (last.children.length) last = last.children.at(-1)!;
    return startOf(index.get(last)! + 1);
  };
  const out: string[] = [];
  const code = new FenceTracker({ indented: true });
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) out.push(code.inCode(lines[i]!) ? lines[i]! : asText(lines[i]!));
  };
  const placed = new Set<string>();
  const place = (placeholder: string) => {
    if (placed.has(placeholder)) return;
    placed.add(placeholder);
    while (out.length && !out.at(-1)!.trim()) out.pop();
    out.push("", placeholder, "");
  };
  /** A separator line that closed a replaced section (`---` after it) is kept after the placeholder. */
  const keepSeparator = (from: number, to: number) => {
    let end = to;
    while (end > from && !lines[end - 1]!.trim()) end -= 1;
    if (end > from && THEMATIC_BREAK.test(lines[end - 1]!)) out.push(lines[end - 1]!, "");
  };

  let charts = false;
  let learned = false;
  const placeCharts = (level: number) => {
    if (charts || !learned) return;
    charts = true;
    while (out.length && !out.at(-1)!.trim()) out.pop();
    // After a separator, the new section ends with one too, as the README's sections do.
    const separator = out.length && THEMATIC_BREAK.test(out.at(-1)!) ? [out.at(-1)!, ""] : [];
    out.push("", `${"#".repeat(Math.max(2, level))} The journal in numbers`, "", "{{charts}}", "", "{{pages}}", "", ...separator);
  };

  const emit = (node: LayoutNode, last: boolean): void => {
    const i = index.get(node)!;
    if (person.has(node)) {
      placeCharts(node.level);
      return copy(node.line, subtreeEnd(node));
    }
    const role = roles.get(node);
    if (role) {
      learned = true;
      place(role.kind === "challenge" ? "{{challenges}}" : `{{takeaways:${role.group}}}`);
      for (const child of node.children) emit(child, false);
      if (last) keepSeparator(node.line, subtreeEnd(node));
      return;
    }
    // A heading nothing was made of (a heading over groups): kept, with its text.
    copy(node.line, startOf(i + 1));
    node.children.forEach((child, k) => emit(child, k === node.children.length - 1));
  };

  copy(0, startOf(0));
  root.children.forEach((child, k) => emit(child, k === root.children.length - 1));
  placeCharts(order.find((n) => n.level > 1)?.level ?? 2);
  while (out.length && !out.at(-1)!.trim()) out.pop();

  const all = [...roles.values()];
  return {
    template: `${out.join("\n")}\n`,
    topicHeading: shared(all.filter((r) => r.kind === "learning")),
    challengeHeading: shared(all.filter((r) => r.kind === "challenge")),
  };
}

/** The token in the template's comment that lets the first build replace the README it was made from. */
export const IMPORTED_DIGEST = "imported-readme-sha256";

/** The comment at the top of a template made from a README: what it is, and the digest of the README it replaces. */
export function templateComment(name: string, digest: string | undefined): string {
  const replace = digest
    ? ` The first \`nexus build-readme\` replaces that ${name} with this template's output (${IMPORTED_DIGEST}: ${digest}), once, without --force.`
    : "";
  return [
    `{{! Made by \`nexus import\` from ${name}: its title, sections and text as written; the learnings are entries now,`,
    `  shown where a placeholder stands ({{takeaways:GROUP}} shows a group of nexus.config.json, {{challenges}} the challenges).${replace}`,
    "  Edit this template, or README.md outside its nexus markers, freely. }}",
  ].join("\n");
}

/** The digest a template's comment names, if it was made from a README. */
export function importedDigest(template: string): string | undefined {
  return new RegExp(`^\\{\\{![^]*?${IMPORTED_DIGEST}: ([0-9a-f]{64})`).exec(template)?.[1];
}

/**
 * An index README's layout as a template: its text before the first section of links
 * and after the last one kept as written, and `{{topics}}` (every entry under its topic,
 * as the index listed them) with the charts and pages where the sections of links were.
 */
export function indexLayout(text: string, isIndexSection: (heading: string, body: string) => boolean): string | undefined {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const code = new FenceTracker();
  const headings = documentHeadings(lines, (l) => code.inCode(l));
  const index = headings.map((h, i) => ({ start: h.line, end: headings[i + 1]?.line ?? lines.length, h })).filter((s) => isIndexSection(s.h.text, lines.slice(s.start, s.end).join("\n")));
  if (!index.length) return undefined;
  const out: string[] = [];
  const copy = new FenceTracker({ indented: true });
  const keep = (from: number, to: number) => {
    for (let i = from; i < to; i += 1) out.push(copy.inCode(lines[i]!) ? lines[i]! : asText(lines[i]!));
  };
  keep(0, index[0]!.start);
  while (out.length && !out.at(-1)!.trim()) out.pop();
  out.push("", "{{topics}}", "", `${"#".repeat(Math.max(2, index[0]!.h.level - 1))} The journal in numbers`, "", "{{charts}}", "", "{{pages}}", "");
  keep(index.at(-1)!.end, lines.length);
  while (out.length && !out.at(-1)!.trim()) out.pop();
  return `${out.join("\n")}\n`;
}
