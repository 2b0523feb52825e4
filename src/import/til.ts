// A "today I learned" folder laid out like simonw/til: one folder per topic, one
// markdown file per learning. The title is the file's first `# ` heading, the
// topic its folder, the date its first commit in git (else its modification time).

import type { ImportDraft, ImportProblem, ParsedSource, ParseOptions } from "./draft.js";
import { parseNote, type NoteFile } from "./note.js";

/** Files of a TIL folder: `topic/file.md`; files at the top (its README) are not learnings. */
export const isTilFile = (rel: string) => rel.split("/").length >= 2;

/** `names`: the names a repository README gives its topic folders (repository.ts); a folder it does not name is its own name. */
export function parseTil(files: NoteFile[], options: ParseOptions = {}, names: ReadonlyMap<string, string> = new Map()): ParsedSource {
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  for (const file of files) {
    if (!isTilFile(file.rel)) continue;
    const folder = file.rel.split("/")[0]!;
    const topic = names.get(folder) ?? folder;
    const result = parseNote(file, { kind: "til", topicFromPath: topic, defaultTopic: topic }, options);
    if ("problem" in result) problems.push(result.problem);
    else drafts.push(result.draft);
  }
  return { drafts, problems, readme: {} };
}
