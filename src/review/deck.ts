// The journal's cards and their replayed states: what `review` and `stats` start from.
import type { FSRS } from "ts-fsrs";
import { parseFrontmatter, splitFile, stripBom } from "../domain/frontmatter.js";
import { splitSections } from "../domain/sections.js";
import type { FileProblem, JournalContents, LoadedEntry } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import { readLog } from "./log-file.js";
import type { LogEvent } from "./log.js";
import { replay, scheduler, type Replayed } from "./replay.js";
import { reviewSettings, type ReviewSettings } from "./settings.js";
import { readRegular } from "../journal/regular-file.js";

export interface Deck {
  journal: Journal;
  /** The entries that are cards. */
  cards: LoadedEntry[];
  replayed: Replayed;
  events: LogEvent[];
  /** The paths a log line may name (see entryPaths). */
  paths: string[];
  /** Damaged lines of the log. */
  problems: FileProblem[];
  settings: ReviewSettings;
  f: FSRS;
}

/** What makes an entry file a card, read from the file once. */
function cardFacts(file: string): { challenge: boolean; optedOut: boolean } {
  try {
    const text = stripBom(readRegular(file, { encoding: "utf8" }));
    const split = splitFile(text);
    // The YAML is parsed only when a `review:` line is there (the entry was read and checked already).
    let optedOut = false;
    if (split.frontmatterLines.some((line) => /^review\s*:/.test(line))) {
      const data = parseFrontmatter(split.frontmatterLines) as Record<string, unknown> | null;
      optedOut = typeof data === "object" && data !== null && (data.review === false || data.review === "false");
    }
    return { challenge: splitSections(split.body.replace(/\r\n/g, "\n")).challenge.trim() !== "", optedOut };
  } catch {
    return { challenge: false, optedOut: false };
  }
}

/** True when the entry's frontmatter says `review: false`. */
export function optedOut(file: string): boolean {
  return cardFacts(file).optedOut;
}

/** An entry is a card when it has a challenge and does not opt out with `review: false`. */
export function isCard(entry: LoadedEntry): boolean {
  const facts = cardFacts(entry.file);
  return facts.challenge && !facts.optedOut;
}

/** The paths a log line may name: every entry, and the files that cannot be read now (their lines are not orphans). */
export function entryPaths(contents: JournalContents): string[] {
  return [...contents.entries.map((e) => e.path), ...contents.problems.map((p) => p.path)];
}

export function loadDeck(journal: Journal, contents: JournalContents): Deck {
  const settings = reviewSettings(journal.config.review);
  const f = scheduler(settings.retention);
  const log = readLog(journal);
  const paths = entryPaths(contents);
  const replayed = replay(log.events, paths, f);
  return { journal, cards: contents.entries.filter(isCard), replayed, events: log.events, paths, problems: log.problems, settings, f };
}
