// The journal's cards and their replayed states: what `review` and `stats` start from.
import fs from "node:fs";
import type { FSRS } from "ts-fsrs";
import { parseFrontmatter, splitFile, stripBom } from "../domain/frontmatter.js";
import type { FileProblem, JournalContents, LoadedEntry } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import { readLog } from "./log-file.js";
import type { LogEvent } from "./log.js";
import { replay, scheduler, type Replayed } from "./replay.js";
import { reviewSettings, type ReviewSettings } from "./settings.js";

export interface Deck {
  journal: Journal;
  /** The entries that are cards. */
  cards: LoadedEntry[];
  replayed: Replayed;
  events: LogEvent[];
  /** Damaged lines of the log. */
  problems: FileProblem[];
  settings: ReviewSettings;
  f: FSRS;
}

/** True when the entry's frontmatter says `review: false`. */
export function optedOut(file: string): boolean {
  try {
    const text = stripBom(fs.readFileSync(file, "utf8"));
    const data = parseFrontmatter(splitFile(text).frontmatterLines) as Record<string, unknown> | null;
    return typeof data === "object" && data !== null && (data.review === false || data.review === "false");
  } catch {
    return false;
  }
}

/** An entry is a card when it has a challenge and does not opt out with `review: false`. */
export function isCard(entry: LoadedEntry): boolean {
  return entry.challenge.trim() !== "" && !optedOut(entry.file);
}

/** The paths a log line may name: every entry, and the files that cannot be read now (their lines are not orphans). */
export function entryPaths(contents: JournalContents): string[] {
  return [...contents.entries.map((e) => e.path), ...contents.problems.map((p) => p.path)];
}

export function loadDeck(journal: Journal, contents: JournalContents): Deck {
  const settings = reviewSettings(journal.config.review);
  const f = scheduler(settings.retention);
  const log = readLog(journal);
  const replayed = replay(log.events, entryPaths(contents), f);
  return { journal, cards: contents.entries.filter(isCard), replayed, events: log.events, problems: log.problems, settings, f };
}
