// What `nexus doctor` says about the review log: damaged lines (errors),
// ratings of entries that are gone (warnings), and a log git would not merge.
import path from "node:path";
import type { FileProblem, JournalContents } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import { LOG_ATTRIBUTES, LOG_FILE, readLog } from "./log-file.js";
import { entryPaths } from "./deck.js";
import { attribute } from "./replay.js";
import { readRegular } from "../journal/regular-file.js";

export function reviewProblems(journal: Journal, contents: JournalContents): FileProblem[] {
  const log = readLog(journal);
  const problems: FileProblem[] = [...log.problems];
  if (log.events.length === 0) return problems;
  for (const orphan of attribute(log.events, entryPaths(contents)).orphans) {
    const n = orphan.lines.length - 1;
    const more = n > 0 ? ` (and ${n} more line${n > 1 ? "s" : ""})` : "";
    problems.push({
      path: LOG_FILE,
      line: orphan.lines[0]!,
      severity: "warning",
      message: `rating of ${orphan.path}, which is not an entry (removed or renamed?); ignored${more}`,
    });
  }
  // A machine whose clock was wrong writes times that stay last in every replay.
  const soon = Date.now() + 86_400_000;
  for (const event of log.events) {
    if (event.at > soon) {
      problems.push({ path: LOG_FILE, line: event.line, severity: "warning", message: `${new Date(event.at).toISOString()} is in the future (a clock set wrong?); the rating counts from then` });
    }
  }
  let attributes = "";
  try {
    attributes = readRegular(path.join(journal.root, ".gitattributes"), { encoding: "utf8" });
  } catch {
    // None.
  }
  if (!attributes.split(/\r?\n/).some((line) => line.trim().replace(/\s+/g, " ") === LOG_ATTRIBUTES)) {
    problems.push({ path: LOG_FILE, line: 1, severity: "warning", message: `.gitattributes lacks "${LOG_ATTRIBUTES}", so git may not merge it: run \`nexus init\`` });
  }
  return problems;
}
