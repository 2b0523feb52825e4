import { todayPhrase, type ReviewFigures } from "../review/queue.js";
import type { Io } from "./io.js";

/** "after today, the next cards are due on 2026-12-14 (tomorrow)": the first day after today with a card due. */
export function nextDuePhrase(next: string, tomorrow: string): string {
  return `after today, the next cards are due on ${next}${next === tomorrow ? " (tomorrow)" : ""}`;
}

/** The same as a sentence of its own. */
export const nextDueLine = (next: string, tomorrow: string): string => `A${nextDuePhrase(next, tomorrow).slice(1)}`;

/**
 * The review figures as `nexus stats` shows them, in the words of `nexus review --due`:
 * due (rated before, due by tonight), new (never rated), learning (rated, steps still short).
 */
export function reviewFiguresLines(io: Io, figures: ReviewFigures, tomorrow: string): string[] {
  const c = io.color;
  if (figures.cards === 0) return [c.bold("Reviews"), "  no cards yet: each entry with a Challenge section is one"];
  const learned = figures.started - figures.learning;
  const retention = figures.retention === null ? "retention: no reviews of learned cards yet" : `retention ${Math.round(figures.retention * 100)}%`;
  return [
    c.bold("Reviews"),
    `  Today: ${todayPhrase(figures.due, figures.newToday)}${figures.dueToday ? " (nexus review)" : ""}`,
    `  Cards: ${figures.cards} (${figures.new} new, ${figures.learning} learning, ${learned} learned)`,
    `  This month: ${figures.reviewedThisMonth} ${figures.reviewedThisMonth === 1 ? "review" : "reviews"}; ${retention}`,
    ...(figures.nextDue ? [`  ${nextDueLine(figures.nextDue, tomorrow)}`] : []),
  ];
}
