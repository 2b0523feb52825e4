// How a card looks on the terminal during `nexus review`: the question (title
// and challenge), the answer (solution and takeaway, rendered as `nexus show`
// renders an entry), and the four ratings with the interval each would give.
import type { Card } from "ts-fsrs";
import type { LoadedEntry } from "../journal/read.js";
import { shortInterval } from "../review/days.js";
import { RATINGS, type RatingName } from "../review/log.js";
import { displayWidth, type Io } from "./io.js";
import { renderMarkdown } from "./markdown.js";

const LABELS: Record<RatingName, string> = { again: "Again", hard: "Hard", good: "Good", easy: "Easy" };

const render = (io: Io, markdown: string) => renderMarkdown(markdown, { color: io.color.level > 0, width: io.columns });

/** `header` is the entry's header as `nexus show` prints it. */
export function questionText(io: Io, entry: LoadedEntry, header: string, position: string): string {
  const c = io.color;
  return [
    c.dim(`── ${position} ${"─".repeat(Math.max(0, Math.min(io.columns, 80) - position.length - 4))}`),
    header,
    render(io, `## Challenge\n\n${entry.challenge}`),
    "",
    c.dim(REVEAL_HINT),
    "",
  ].join("\n");
}

const REVEAL_HINT = "space or Enter: show the answer    q or Esc: stop";

/**
 * What goes between the question and the answer: on a terminal, the cursor goes back up
 * over the hint (and its wrapped lines) and clears it, so the hint does not stay above the
 * answer; elsewhere a blank line.
 */
export function hintErased(io: Io): string {
  if (!io.stdoutIsTTY) return "\n";
  const lines = Math.max(1, Math.ceil(displayWidth(REVEAL_HINT) / Math.max(1, io.columns)));
  return `\u001b[${lines}A\r\u001b[0J`;
}

export function answerText(io: Io, entry: LoadedEntry): string {
  const parts = [
    entry.solution.trim() && `## Solution\n\n${entry.solution}`,
    entry.takeaway.trim() && `## Takeaway\n\n${entry.takeaway}`,
  ].filter(Boolean);
  const body = parts.length ? render(io, parts.join("\n\n")) : io.color.dim("(this entry has no solution or takeaway)");
  return `${body}\n\n`;
}

/** `1 Again <10m   2 Hard 6m   3 Good 1d   4 Easy 4d`, from what each rating would schedule. */
export function ratingsLine(io: Io, next: Record<RatingName, Card>, now: number): string {
  const c = io.color;
  const colors = { again: c.red, hard: c.yellow, good: c.green, easy: c.blue };
  const choices = RATINGS.map((r, i) => `${c.bold(String(i + 1))} ${colors[r](LABELS[r])} ${c.dim(shortInterval(next[r].due.getTime() - now))}`);
  return `${choices.join("   ")}    ${c.dim("q: stop")}\n`;
}

