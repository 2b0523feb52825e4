// What a "today I learned" repository says about itself besides its learnings: its
// own files (README, CONTRIBUTING, LICENSE ...), which are not learnings; its README's
// introduction and licence; the names it gives its categories (`### GitHub Actions`
// over links into `github-actions/`), in its order; and index READMEs, whose sections
// are lists of links to the markdown files beside them. Pure: texts come in.

import path from "node:path";
import { FenceTracker } from "../domain/fences.js";
import { documentHeadings } from "./heading.js";
import { cleanHeading, personKeyOf } from "./labels.js";

/** The repository's own files at its top, in any letter case: not learnings. */
const REPOSITORY_FILES = /^(readme|contributing|licen[cs]e|copying|changelog|history|code[-_ ]of[-_ ]conduct|security|support|authors|governance)(\.(md|markdown|txt))?$/i;

export const isRepositoryFile = (rel: string) => !rel.includes("/") && REPOSITORY_FILES.test(rel);
export const isReadmeName = (rel: string) => /^readme\.(md|markdown)$/i.test(path.posix.basename(rel));

export interface IndexLink {
  /** The link's text, as a title. */
  text: string;
  /** The file it points at, relative to the README's folder (`/` separators). */
  rel: string;
}

export interface IndexSection {
  /** The heading as a name (`GitHub Actions`); "" for links before any heading. */
  name: string;
  links: IndexLink[];
}

const LINK = /\[((?:[^\][]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const GITHUB_FILE = /^https?:\/\/(?:www\.)?github\.com\/[^/]+\/[^/]+\/(?:blob|tree|raw)\/[^/]+\/(.+)$/i;

/**
 * Where a link in a README points inside the README's folder: a relative path, or a
 * GitHub address of a file of the repository (`https://github.com/o/r/blob/main/x/y.md`,
 * read as `x/y.md` from the repository's top, `top` from the README's folder).
 * Undefined for anchors, other sites, and paths that climb out of the folder.
 */
export function linkTarget(target: string, top = ""): string | undefined {
  let rel: string;
  const github = GITHUB_FILE.exec(target);
  if (github) rel = path.posix.relative(top || ".", github[1]!.split(/[?#]/)[0]!);
  else if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#|^\//i.test(target)) return undefined;
  else rel = target.split(/[?#]/)[0]!;
  try {
    rel = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  rel = path.posix.normalize(rel.replace(/\\/g, "/")).replace(/^\.\//, "").replace(/\/$/, "");
  if (!rel || rel === "." || rel.startsWith("../") || rel === ".." || /[\u0000-\u001f]/.test(rel)) return undefined;
  return rel;
}

/** Each heading's section of a README with the links in it (outside code), in order. */
export function indexSections(text: string, top = ""): { sections: IndexSection[]; lines: number; linkLines: number } {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const code = new FenceTracker();
  const starts = new Map(documentHeadings(lines, (l) => code.inCode(l)).map((h) => [h.line, h]));
  const skip = new Set([...starts.values()].map((h) => h.underline));
  const sections: IndexSection[] = [{ name: "", links: [] }];
  let textLines = 0;
  let linkLines = 0;
  const inCode = new FenceTracker();
  lines.forEach((line, i) => {
    if (inCode.inCode(line) || skip.has(i)) return;
    const heading = starts.get(i);
    if (heading) return void sections.push({ name: cleanHeading(heading.text), links: [] });
    if (!line.trim()) return;
    textLines += 1;
    const found = [...line.matchAll(LINK)].flatMap((m) => {
      const rel = linkTarget(m[2]!, top);
      return rel ? [{ text: cleanHeading(m[1]!), rel }] : [];
    });
    if (found.length && /^\s*([-*+]|\d{1,9}[.)])\s/.test(line)) linkLines += 1;
    sections.at(-1)!.links.push(...found);
  });
  return { sections: sections.filter((s) => s.links.length || s.name), lines: textLines, linkLines };
}

/**
 * An index README: most of its sections are lists of links to the markdown files beside
 * it (three links or more), or most of its lines are (a folder's README listing its files).
 */
export function isIndex(text: string, exists: (rel: string) => boolean, top = ""): boolean {
  const { sections, lines, linkLines } = indexSections(text, top);
  const files = (s: IndexSection) => s.links.filter((l) => /\.(md|markdown)$/i.test(l.rel) && exists(l.rel));
  const withLinks = sections.filter((s) => files(s).length > 0);
  const links = withLinks.reduce((n, s) => n + files(s).length, 0);
  const learned = sections.filter((s) => s.name && !personKeyOf(s.name));
  return (links >= 3 && withLinks.length * 2 >= Math.max(1, learned.length)) || (links >= 1 && linkLines * 2 >= lines);
}

export interface RepositoryReadme {
  /** Folder -> the name the README gives it (`github-actions` -> `GitHub Actions`). */
  topicNames: Map<string, string>;
  /** The folders in the README's order. */
  order: string[];
}

/**
 * The category names and order a repository README gives its topic folders: the
 * heading of a section whose links point into one folder, or the text of a link to a folder.
 */
export function repositoryReadme(text: string, folders: ReadonlySet<string>, top = ""): RepositoryReadme {
  const topicNames = new Map<string, string>();
  const order: string[] = [];
  const name = (folder: string, value: string) => {
    if (!folders.has(folder) || !value) return;
    if (!topicNames.has(folder)) topicNames.set(folder, value);
    if (!order.includes(folder)) order.push(folder);
  };
  for (const section of indexSections(text, top).sections) {
    for (const link of section.links) if (folders.has(link.rel)) name(link.rel, link.text);
    const into = new Set(section.links.map((l) => l.rel.split("/")[0]!).filter((f) => folders.has(f) && section.links.some((l) => l.rel.startsWith(`${f}/`))));
    // A heading over links into one folder names that folder.
    if (into.size === 1) name([...into][0]!, section.name);
  }
  return { topicNames, order };
}
