// The ticks of a time axis over calendar dates, for any span: days for a journal
// of a few weeks, months for one of a few years, years beyond. Each tick is a
// calendar date with its label in the unit it stands for (`2026-12-03`,
// `2026-12`, `2026`), so no label repeats another. Pure: dates are strings.

import { addDays, daysBetween } from "../../domain/dates.js";

export interface TimeTick {
  /** The calendar date the tick stands at. */
  day: string;
  label: string;
}

type Unit = "day" | "month" | "year";
const STEPS: [Unit, number][] = [
  ["day", 1], ["day", 2], ["day", 7], ["day", 14],
  ["month", 1], ["month", 2], ["month", 3], ["month", 6],
  ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100], ["year", 250], ["year", 500], ["year", 1000],
];

const two = (n: number) => String(n).padStart(2, "0");

/** The dates from `from` to `until` (both included) that a step marks. */
function marks(from: string, until: string, unit: Unit, step: number): string[] {
  const out: string[] = [];
  if (unit === "day") {
    // Weekly steps fall on Mondays, others on days counted from 1970-01-01: the same marks for any start.
    const offset = step === 1 ? 0 : step % 7 === 0 ? (daysBetween("1970-01-05", from) % step + step) % step : (daysBetween("1970-01-01", from) % step + step) % step;
    // Counted in days, not compared as text: a step past 9999-12-31 reaches the year 10000.
    const span = daysBetween(from, until);
    for (let at = offset === 0 ? 0 : step - offset; at <= span; at += step) out.push(addDays(from, at));
    return out;
  }
  let year = Number(from.slice(0, 4));
  let month = unit === "year" ? 1 : Number(from.slice(5, 7));
  const next = () => {
    if (unit === "year") year += 1;
    else if (++month > 12) {
      month = 1;
      year += 1;
    }
  };
  for (let day = `${year}-${two(month)}-01`; day <= until && year <= 9999; next(), day = `${year}-${two(month)}-01`) {
    if (day < from) continue;
    const index = unit === "year" ? year : year * 12 + month - 1;
    if (index % step === 0) out.push(day);
  }
  return out;
}

const label = (day: string, unit: Unit) => (unit === "day" ? day : unit === "month" ? day.slice(0, 7) : day.slice(0, 4));

/** At most `max` ticks from `from` to `until`, the finest unit that fits; a span too short for any mark gets its first day. */
export function timeTicks(from: string, until: string, max = 6): TimeTick[] {
  for (const [unit, step] of STEPS) {
    // A month step over decades would list hundreds of marks before they are counted: skip it at once.
    if (unit !== "year" && daysBetween(from, until) / (unit === "day" ? step : step * 28) > max * 2) continue;
    const days = marks(from, until, unit, step);
    if (days.length && days.length <= max) return days.map((day) => ({ day, label: label(day, unit) }));
  }
  return [{ day: from, label: from }];
}

