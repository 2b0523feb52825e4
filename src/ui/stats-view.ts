// \`nexus stats\` on the terminal: bar charts, a contribution graph and the streaks, in the
// terminal's width (80 columns when it is not known); wide characters count as two columns.
import type { LabelCount } from "../domain/labels.js";
import { inertLine } from "../domain/sanitize.js";
import { addDays, daysBetween } from "../domain/dates.js";
import type { JournalStats, Streak } from "../domain/stats.js";
import { displayWidth, pad, truncate, type Io } from "./io.js";

/** Bars longer than this many columns are no easier to read. */
const MOST_WIDTH = 120;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LEVELS = ["·", "░", "▒", "▓", "█"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The columns a chart may use: the terminal's, at least 40 and at most MOST_WIDTH. */
export const chartWidth = (io: Io) => Math.min(MOST_WIDTH, Math.max(40, io.columns));

interface Bar {
  label: string;
  count: number;
  /** The rest of a list (N other topics): drawn apart, in another shade, never longer than the longest bar. */
  rest?: boolean;
}

/** Horizontal bars, scaled to the largest count of the bars that are not a rest, labels cut to fit. */
export function barChart(io: Io, rows: Bar[]): string[] {
  if (rows.length === 0) return ["  (none)"];
  const width = chartWidth(io);
  const labels = rows.map((r) => inertLine(r.label));
  const labelWidth = Math.min(Math.max(20, Math.floor(width / 4)), Math.max(...labels.map(displayWidth)));
  const max = Math.max(1, ...rows.filter((r) => !r.rest).map((r) => r.count));
  const numberWidth = Math.max(...rows.map((r) => String(r.count).length));
  const room = width - 2 - labelWidth - 2 - 1 - numberWidth - 1;
  return rows.map((r, i) => {
    const length = r.count === 0 ? 0 : Math.max(1, Math.min(room, Math.round((r.count / max) * room)));
    const capped = r.rest && r.count > max;
    const bar = !length ? io.color.dim("·") : r.rest ? io.color.dim(`${"░".repeat(capped ? length - 1 : length)}${capped ? "…" : ""}`) : io.color.green("█".repeat(length));
    const line = `  ${pad(truncate(labels[i]!, labelWidth), labelWidth)}  ${bar} ${String(r.count).padStart(numberWidth)}`;
    return r.rest ? io.color.dim(line) : line;
  });
}

function level(count: number, max: number): number {
  if (count <= 0) return 0;
  if (max <= 4) return Math.min(4, count);
  return Math.max(1, Math.ceil((count / max) * 4));
}

/** The weeks of the contribution graph that fit the width (all 53 in 60 columns), and the first day. */
function heatmapWindow(io: Io, stats: JournalStats): { weeks: (number | null)[][]; start: string } {
  // 6 columns of day names before the weeks, and a month name may run 3 past the last week.
  const fit = Math.min(stats.heatmap.weeks.length, chartWidth(io) - 9);
  return { weeks: stats.heatmap.weeks.slice(-fit), start: addDays(stats.heatmap.start, 7 * (stats.heatmap.weeks.length - fit)) };
}

/** A contribution graph: one column per week, Monday to Sunday down, months above; the last weeks that fit. */
export function heatmap(io: Io, stats: JournalStats): string[] {
  const { weeks, start } = heatmapWindow(io, stats);
  const { end } = stats.heatmap;
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
  // The first n, then the rest in one bar of its own, apart (see barChart).
  const top = (list: LabelCount[], n: number, what: string, prefix = "") => {
    const rows: Bar[] = list.slice(0, n).map((l) => ({ label: prefix + l.name, count: l.count }));
    const rest = list.slice(n);
    if (rest.length) rows.push({ label: `${rest.length} other ${rest.length === 1 ? what : `${what}s`}`, count: rest.reduce((a, l) => a + l.count, 0), rest: true });
    return barChart(io, rows);
  };
  const span = stats.first ? `, ${stats.first} to ${stats.last}` : "";
  const lines = [
    c.bold(`${plural(stats.entries, "entry").replace("entrys", "entries")} on ${plural(stats.activeDays, "day")}${span}`),
    `Current streak: ${streakText(stats.streaks.current)}`,
    `Longest streak: ${streakText(stats.streaks.longest)}`,
    "",
    c.bold("Entries per topic"),
    ...top(stats.topics, 12, "topic"),
    "",
    c.bold(`Entries per month (to ${stats.months[stats.months.length - 1]!.month})`),
    ...barChart(io, stats.months.map((m) => ({ label: m.month, count: m.count }))),
    "",
    c.bold(`Days with entries, ${heatmapWindow(io, stats).start} to ${stats.heatmap.end}`),
    ...heatmap(io, stats),
    "",
    c.bold("Top tags"),
    ...top(stats.tags, 10, "tag", "#"),
  ];
  return `${lines.join("\n")}\n`;
}

