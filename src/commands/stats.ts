import { UserError } from "../errors.js";
import type { LabelCount } from "../domain/labels.js";
import { inertLine } from "../domain/sanitize.js";
import { addDays, daysBetween, today } from "../domain/dates.js";
import { computeStats, type JournalStats, type Streak } from "../domain/stats.js";
import { filterEntries } from "../journal/filter.js";
import { stringifyJson } from "../journal/json.js";
import { pad, truncate, type Io } from "../ui/io.js";
import type { JournalContents } from "../journal/read.js";
import type { Journal } from "../journal/root.js";
import type { ReviewFigures } from "../review/queue.js";
import { loadJournal, type Context } from "./context.js";

export interface StatsOptions {
  /** Only entries up to this day; the end of the heatmap (default: today, or the latest entry if later). */
  until?: string | undefined;
  json: boolean;
  /** Today, for tests. */
  today?: string | undefined;
}

const WIDTH = 80;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LEVELS = ["·", "░", "▒", "▓", "█"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Horizontal bars, scaled to the largest count, labels cut to fit 80 columns. */
export function barChart(io: Io, rows: { label: string; count: number }[]): string[] {
  if (rows.length === 0) return ["  (none)"];
  const labelWidth = Math.min(20, Math.max(...rows.map((r) => [...r.label].length)));
  const max = Math.max(1, ...rows.map((r) => r.count));
  const numberWidth = String(max).length;
  const room = WIDTH - 2 - labelWidth - 2 - 1 - numberWidth - 1;
  return rows.map((r) => {
    const length = r.count === 0 ? 0 : Math.max(1, Math.round((r.count / max) * room));
    const bar = length ? io.color.green("█".repeat(length)) : io.color.dim("·");
    return `  ${pad(truncate(inertLine(r.label), labelWidth), labelWidth)}  ${bar} ${String(r.count).padStart(numberWidth)}`;
  });
}

function level(count: number, max: number): number {
  if (count <= 0) return 0;
  if (max <= 4) return Math.min(4, count);
  return Math.max(1, Math.ceil((count / max) * 4));
}

/** A contribution graph: one column per week, Monday to Sunday down, months above. */
export function heatmap(io: Io, stats: JournalStats): string[] {
  const { weeks, start, end } = stats.heatmap;
  // Days after the last are not named (they may be in the year 10000).
  const last = daysBetween(start, end);
  const max = Math.max(0, ...weeks.flat().map((c) => c ?? 0));
  const indent = "      ";
  const labels = Array.from({ length: weeks.length + 4 }, () => " ");
  let free = 0;
  weeks.forEach((_, w) => {
    const first = addDays(start, w * 7);
    // A month is named above the week holding its 1st day (and the first column).
    const opening = [0, 1, 2, 3, 4, 5, 6].filter((d) => w * 7 + d <= last).map((d) => addDays(first, d)).find((day) => day.endsWith("-01"));
    const soon = w === 0 && !opening && addDays(first, 28).slice(8, 10) <= "28" && addDays(first, 28).slice(5, 7) !== first.slice(5, 7);
    const day = opening ?? (w === 0 && !soon ? first : undefined);
    if (!day || w < free) return;
    [...MONTHS[Number(day.slice(5, 7)) - 1]!].forEach((ch, i) => (labels[w + i] = ch));
    free = w + 4;
  });
  const rows = [indent + labels.join("").trimEnd()];
  const names = ["Mon", "", "Wed", "", "Fri", "", "Sun"];
  for (let d = 0; d < 7; d += 1) {
    const cells = weeks
      .map((week) => {
        const count = week[d];
        if (count === null || count === undefined) return " ";
        const glyph = LEVELS[level(count, max)]!;
        return count > 0 ? io.color.green(glyph) : io.color.dim(glyph);
      })
      .join("");
    rows.push(`  ${pad(names[d]!, 4)}${cells}`.trimEnd());
  }
  rows.push(`${indent}less ${LEVELS.map((g, i) => (i ? io.color.green(g) : io.color.dim(g))).join(" ")} more`);
  return rows;
}

function streakText(streak: Streak): string {
  if (streak.days === 0) return "0 days";
  return streak.start === streak.end ? `${plural(streak.days, "day")} (${streak.end})` : `${plural(streak.days, "day")} (${streak.start} to ${streak.end})`;
}

export function formatStats(io: Io, stats: JournalStats): string {
  const c = io.color;
  const top = (list: LabelCount[], n: number, prefix = "") => {
    const rows = barChart(io, list.slice(0, n).map((l) => ({ label: prefix + l.name, count: l.count })));
    if (list.length > n) rows.push(c.dim(`  … and ${list.length - n} more`));
    return rows;
  };
  const span = stats.first ? `, ${stats.first} to ${stats.last}` : "";
  const lines = [
    c.bold(`${plural(stats.entries, "entry").replace("entrys", "entries")} on ${plural(stats.activeDays, "day")}${span}`),
    `Current streak: ${streakText(stats.streaks.current)}   Longest: ${streakText(stats.streaks.longest)}`,
    "",
    c.bold("Entries per topic"),
    ...top(stats.topics, 12),
    "",
    c.bold(`Entries per month (to ${stats.months[stats.months.length - 1]!.month})`),
    ...barChart(io, stats.months.map((m) => ({ label: m.month, count: m.count }))),
    "",
    c.bold(`Days with entries, ${stats.heatmap.start} to ${stats.heatmap.end}`),
    ...heatmap(io, stats),
    "",
    c.bold("Top tags"),
    ...top(stats.tags, 10, "#"),
  ];
  return `${lines.join("\n")}\n`;
}

/** The review figures (src/review/) on a day. */
async function reviewStats(journal: Journal, contents: JournalContents, day: string): Promise<ReviewFigures> {
  const { loadDeck } = await import("../review/deck.js");
  const { reviewFigures } = await import("../review/queue.js");
  const deck = loadDeck(journal, contents);
  return reviewFigures(deck.cards, deck.replayed.cards, { day, newPerDay: deck.settings.newPerDay });
}

/** `nexus stats`: the journey in figures and charts; `--json` for the same figures. */
export async function stats(ctx: Context, options: StatsOptions): Promise<number> {
  const { journal, contents, failed } = loadJournal(ctx);
  const entries = options.until ? filterEntries(contents.entries, { until: options.until }) : contents.entries;
  const now = options.today ?? today();
  const latest = entries[0]?.date;
  const until = options.until ?? (latest && latest > now ? latest : now);
  const figures = computeStats(entries, until);
  let review: ReviewFigures | null = null;
  try {
    review = await reviewStats(journal, contents, options.until && options.until < now ? options.until : now);
  } catch (error) {
    // A wrong "review" setting must not take the other figures down.
    if (!(error instanceof UserError)) throw error;
    ctx.io.err(`nexus: warning: ${error.message}; no review figures\n`);
  }
  if (options.json) ctx.io.out(stringifyJson({ ...figures, review }));
  else if (figures.entries === 0) {
    ctx.io.err(contents.entries.length === 0 ? "No entries yet: add one with `nexus add`.\n" : `No entries on or before ${until}.\n`);
  }
  else {
    const reviews = review ? `\n${(await import("../ui/review-figures.js")).reviewFiguresLines(ctx.io, review).join("\n")}\n` : "";
    ctx.io.out(`${formatStats(ctx.io, figures)}${reviews}`);
  }
  return failed ? 1 : 0;
}
