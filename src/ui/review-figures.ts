import type { ReviewFigures } from "../review/queue.js";
import type { Io } from "./io.js";

/** The review figures as `nexus stats` shows them. */
export function reviewFiguresLines(io: Io, figures: ReviewFigures): string[] {
  const c = io.color;
  if (figures.cards === 0) return [c.bold("Reviews"), "  no cards yet: an entry with a Challenge section becomes one"];
  const retention = figures.retention === null ? "no reviews of learned cards yet" : `retention ${Math.round(figures.retention * 100)}%`;
  return [
    c.bold("Reviews"),
    `  ${figures.cards} cards (${figures.started} started) · ${figures.dueToday} due today · ${figures.reviewedThisMonth} reviewed this month · ${retention}`,
    ...(figures.nextDue ? [`  next due: ${figures.nextDue}`] : []),
  ];
}
