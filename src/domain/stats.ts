// Figures about a journal's journey: counts per topic, tag and month, a year of
// days as a contribution graph, and streaks. Dates stay calendar strings, so the
// result depends only on the entries and the end date, never on the time zone.
import { addDays, daysBetween, toUtcMs } from "./dates.js";
import { countLabels, type LabelCount } from "./labels.js";

export interface StatsEntry {
  date: string;
  topic: string;
  tags: string[];
}

export interface Streak {
  days: number;
  start: string | null;
  end: string | null;
}

export interface JournalStats {
  entries: number;
  /** Days with at least one entry. */
  activeDays: number;
  first: string | null;
  last: string | null;
  /** The last day of the heatmap, the month chart and the current streak. */
  until: string;
  topics: LabelCount[];
  tags: LabelCount[];
  /** The months from the first entry's to `until`'s, at most the last twelve, oldest first (empty ones included). */
  months: { month: string; count: number }[];
  streaks: { current: Streak; longest: Streak };
  /** 53 weeks, Monday first; each week is 7 counts, null after `until`. */
  heatmap: { start: string; end: string; weeks: (number | null)[][] };
}

export const HEATMAP_WEEKS = 53;

/** 0 = Monday ... 6 = Sunday. */
export function weekday(date: string): number {
  return (new Date(toUtcMs(date)).getUTCDay() + 6) % 7;
}

function monthsEnding(month: string, count: number): string[] {
  let [year, m] = month.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    out.unshift(`${year}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      year -= 1;
    }
  }
  return out;
}

function longestStreak(days: string[]): Streak {
  let best: Streak = { days: 0, start: null, end: null };
  let start: string | null = null;
  let previous: string | null = null;
  let length = 0;
  for (const day of days) {
    if (previous !== null && daysBetween(previous, day) === 1) length += 1;
    else {
      start = day;
      length = 1;
    }
    if (length > best.days) best = { days: length, start, end: day };
    previous = day;
  }
  return best;
}

function currentStreak(perDay: Map<string, number>, until: string): Streak {
  // A day without an entry yet does not break the streak until it is over.
  let end = until;
  if (!perDay.has(end)) end = addDays(until, -1);
  if (!perDay.has(end)) return { days: 0, start: null, end: null };
  let start = end;
  while (perDay.has(addDays(start, -1))) start = addDays(start, -1);
  return { days: daysBetween(start, end) + 1, start, end };
}

/**
 * Computes the figures. `until` is the end of the time-based figures (the
 * heatmap, the months and the current streak); entries after it still count
 * in the totals.
 */
/** Entries per day (YYYY-MM-DD). */
export function entriesPerDay(entries: Pick<StatsEntry, "date">[]): Map<string, number> {
  const perDay = new Map<string, number>();
  for (const e of entries) perDay.set(e.date, (perDay.get(e.date) ?? 0) + 1);
  return perDay;
}

/** The heatmap alone (the README's chart needs nothing else): 53 weeks to `until`. */
export function heatmapOf(perDay: Map<string, number>, until: string): JournalStats["heatmap"] {
  const start = addDays(until, -weekday(until) - 7 * (HEATMAP_WEEKS - 1));
  // The days of the last week after `until` are counted, not compared as text (they may be in the year 10000).
  const last = daysBetween(start, until);
  const weeks: (number | null)[][] = [];
  for (let w = 0; w < HEATMAP_WEEKS; w += 1) {
    const week: (number | null)[] = [];
    for (let d = 0; d < 7; d += 1) {
      week.push(w * 7 + d > last ? null : (perDay.get(addDays(start, w * 7 + d)) ?? 0));
    }
    weeks.push(week);
  }
  return { start, end: until, weeks };
}

export function computeStats(entries: StatsEntry[], until: string): JournalStats {
  const perDay = entriesPerDay(entries);
  const days = [...perDay.keys()].sort();

  const perMonth = new Map<string, number>();
  for (const e of entries) perMonth.set(e.date.slice(0, 7), (perMonth.get(e.date.slice(0, 7)) ?? 0) + 1);
  // The journal's own months: none before its first entry (a week-old journal shows one or two).
  const first = days[0]?.slice(0, 7);
  const months = monthsEnding(until.slice(0, 7), 12)
    .filter((month) => first === undefined || month >= first)
    .map((month) => ({ month, count: perMonth.get(month) ?? 0 }));

  return {
    entries: entries.length,
    activeDays: days.length,
    first: days[0] ?? null,
    last: days[days.length - 1] ?? null,
    until,
    topics: countLabels(entries.map((e) => e.topic)),
    tags: countLabels(entries.flatMap((e) => e.tags)),
    months,
    streaks: { current: currentStreak(perDay, until), longest: longestStreak(days) },
    heatmap: heatmapOf(perDay, until),
  };
}
