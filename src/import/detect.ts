// Which kind of source a path is, from what it holds: a JSON file is a jrnl
// export; a markdown file with frontmatter is one note; another text file is a
// hand-written README; a folder whose notes all sit one folder deep (besides a
// README at the top) and mostly lack frontmatter is a TIL folder; any other
// folder is a folder of markdown notes.

import type { SourceKind } from "./draft.js";

export interface FileFacts {
  name: string;
  /** The first characters of its text. */
  head: string;
}

export function detectFile(file: FileFacts): SourceKind {
  if (/\.json$/i.test(file.name) || /^\ufeff?\s*[{[]/.test(file.head)) return "jrnl";
  if (/^\ufeff?---[ \t]*\r?\n/.test(file.head)) return "markdown";
  return "readme";
}

export interface FolderFacts {
  /** Markdown files, relative, `/` separators. */
  files: { rel: string; frontmatter: boolean }[];
}

const TOP_FILES = /^(readme|index|license|contributing|changelog)\.(md|markdown)$/i;

export function detectFolder(folder: FolderFacts): SourceKind {
  const notes = folder.files.filter((f) => !(f.rel.split("/").length === 1 && TOP_FILES.test(f.rel)));
  if (!notes.length) return "markdown";
  const oneDeep = notes.every((f) => f.rel.split("/").length === 2);
  const withFrontmatter = notes.filter((f) => f.frontmatter).length;
  return oneDeep && withFrontmatter * 2 < notes.length ? "til" : "markdown";
}
