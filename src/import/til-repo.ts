// A folder or an index README imported as a "today I learned" repository: the
// repository's own files left out, index READMEs never made entries, the README's
// category names, order, introduction and licence taken in (repository.ts), and
// the files an index README links imported with its titles and topics.

import fs from "node:fs";
import path from "node:path";
import type { TopicGroup } from "../journal/config.js";
import { fitTitle, type FallbackDate, type ImportDraft, type ParsedSource, type ParseOptions, type Progress } from "./draft.js";
import { firstCommitDates } from "./history.js";
import { parseMarkdownFolder } from "./markdown.js";
import { parseNote, type NoteFile } from "./note.js";
import { parseReadme } from "./readme.js";
import { indexLayout } from "./readme-layout.js";
import { indexSections, isIndex, isReadmeName, isRepositoryFile, repositoryReadme } from "./repository.js";
import { readNotes, type RepairedFile, type SourceFolder } from "./source.js";
import { parseTil } from "./til.js";


/** The introduction and licence of a repository's README, as readme values. */
function introAndLicense(text: string, name: string, fallback: FallbackDate): Record<string, string> {
  const { readme } = parseReadme({ text, name, fallback });
  return Object.fromEntries(Object.entries(readme).filter(([key]) => key === "overview" || key === "license"));
}

/** One group without a heading: the topics in the README's order. */
const inOrder = (topics: string[]): TopicGroup[] => (topics.length > 1 ? [{ title: "", topics }] : []);

/** A TIL folder or a folder of notes: its learnings, named and ordered as its README names them. */
export function parseRepositoryFolder(source: SourceFolder, kind: "til" | "markdown", request: ParseOptions & { progress?: Progress | undefined }, now: Date): ParsedSource & { repaired: RepairedFile[] } {
  request.progress?.("history", 0, undefined);
  const history = firstCommitDates(source.folder);
  const { notes, problems, repaired } = readNotes(source, history.dates, now, (done) => request.progress?.("read", done, source.files.length));
  const files = new Set(source.files.map((f) => f.rel));
  const exists = (dir: string) => (rel: string) => files.has(path.posix.join(dir, rel));
  const readme = notes.find((n) => !n.rel.includes("/") && isReadmeName(n.rel));
  const folders = new Set(source.files.filter((f) => f.rel.includes("/")).map((f) => f.rel.split("/")[0]!));
  const named = readme ? repositoryReadme(readme.text, folders, history.prefix) : { topicNames: new Map<string, string>(), order: [] };
  // Not learnings: the repository's own files at the top, and READMEs that are indexes of the files beside them.
  const learnings = notes.filter((n) => {
    if (isRepositoryFile(n.rel)) return false;
    const dir = path.posix.dirname(n.rel);
    return !(isReadmeName(n.rel) && isIndex(n.text, exists(dir === "." ? "" : dir), path.posix.join(history.prefix ?? "", dir === "." ? "" : dir)));
  });
  const parsed = kind === "til" ? parseTil(learnings, request, named.topicNames) : parseMarkdownFolder(learnings, request, named.topicNames);
  const readmeValues = readme && !request.topic ? introAndLicense(readme.text, readme.rel, readme.fallback) : {};
  const used = new Set(parsed.drafts.map((d) => d.topic));
  const groups = request.topic ? [] : inOrder(named.order.map((f) => named.topicNames.get(f) ?? f).filter((t) => used.has(t)));
  return { ...parsed, problems: [...source.skipped, ...problems, ...parsed.problems], repaired, readme: { ...parsed.readme, ...readmeValues }, groups };
}

/** Whether a README is an index of the markdown files beside it. */
export function isIndexReadme(file: string, text: string): boolean {
  const dir = path.dirname(file);
  return isIndex(text, (rel) => isMarkdownFileIn(dir, rel));
}

function isMarkdownFileIn(dir: string, rel: string): boolean {
  if (!/\.(md|markdown)$/i.test(rel)) return false;
  try {
    const real = fs.realpathSync(path.join(dir, rel));
    return fs.lstatSync(path.join(dir, rel)).isFile() && real.startsWith(`${fs.realpathSync(dir)}${path.sep}`);
  } catch {
    return false;
  }
}

/**
 * An index README: the files it links, each an entry titled by its link's text, of the
 * topic of the section it is in, dated by its history; never a list of links as an entry.
 */
export function parseIndexReadme(file: string, text: string, request: ParseOptions & { progress?: Progress | undefined }, now: Date): ParsedSource & { repaired: RepairedFile[] } {
  const dir = path.dirname(file);
  const history = firstCommitDates(dir);
  const linked = new Map<string, { title: string; topic: string }>();
  for (const section of indexSections(text, history.prefix).sections) {
    for (const link of section.links) {
      if (linked.has(link.rel) || !isMarkdownFileIn(dir, link.rel)) continue;
      linked.set(link.rel, { title: link.text, topic: section.name || link.rel.split("/").slice(-2, -1)[0] || path.basename(dir) });
    }
  }
  const source: SourceFolder = {
    kind: "folder",
    folder: dir,
    files: [...linked.keys()].map((rel) => {
      const stat = fs.statSync(path.join(dir, rel));
      return { abs: path.join(dir, rel), rel, size: stat.size, mtimeMs: stat.mtimeMs };
    }),
    skipped: [],
  };
  const { notes, problems, repaired } = readNotes(source, history.dates, now, (done) => request.progress?.("read", done, source.files.length));
  const drafts: ImportDraft[] = [];
  for (const note of notes as NoteFile[]) {
    const { title, topic } = linked.get(note.rel)!;
    const result = parseNote(note, { kind: "til", topicFromPath: topic, defaultTopic: topic }, { ...request, topic: request.topic ?? topic });
    if ("problem" in result) problems.push(result.problem);
    else drafts.push(title ? { ...result.draft, title: fitTitle(title).title } : result.draft);
  }
  const topics = [...new Set([...linked.values()].map((l) => l.topic))];
  const values = request.topic ? {} : introAndLicense(text, path.basename(file), { date: "", why: "", source: "today" });
  const groups = request.topic ? [] : inOrder(topics);
  // As a template: the index's sections of links become {{topics}}, the rest stays as written.
  const hasFiles = (body: string) => indexSections(body, history.prefix).sections.some((s) => s.links.some((l) => linked.has(l.rel)));
  const template = request.topic ? undefined : indexLayout(text, (_heading, body) => hasFiles(body));
  const layout = template === undefined ? undefined : { template, topicHeading: undefined, challengeHeading: undefined, groups };
  return { drafts, problems, readme: values, groups, repaired, layout };
}
