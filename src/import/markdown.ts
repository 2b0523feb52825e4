// A folder of markdown notes, with or without frontmatter (Obsidian, Jekyll
// `_posts`, Hugo `content/`): title, date, tags and topic from frontmatter,
// else a `YYYY-MM-DD-` file name and the first `# ` heading; the topic falls
// back to the note's folder (folders starting with `_` such as `_posts` are not
// topics), then to "Notes".

import type { ImportDraft, ImportProblem, ParsedSource, ParseOptions } from "./draft.js";
import { parseNote, type NoteFile } from "./note.js";

export const DEFAULT_NOTES_TOPIC = "Notes";

function folderTopic(rel: string): string | undefined {
  const folders = rel.split("/").slice(0, -1).filter((f) => !f.startsWith("_"));
  return folders[folders.length - 1];
}

/** `names`: the names a repository README gives its top folders (repository.ts). */
export function parseMarkdownFolder(files: NoteFile[], options: ParseOptions = {}, names: ReadonlyMap<string, string> = new Map()): ParsedSource {
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  for (const file of files) {
    const folder = folderTopic(file.rel);
    const topic = folder !== undefined && file.rel.startsWith(`${folder}/`) ? (names.get(folder) ?? folder) : folder;
    const result = parseNote(file, { kind: "markdown", topicFromPath: topic, defaultTopic: DEFAULT_NOTES_TOPIC }, options);
    if ("problem" in result) problems.push(result.problem);
    else drafts.push(result.draft);
  }
  return { drafts, problems, readme: {} };
}
