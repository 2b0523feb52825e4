// Entry dates are calendar dates, kept as `YYYY-MM-DD` strings from file to
// screen: they never pass through a Date at midnight, so no time zone can shift them.

/** Years a date may have: four digits, no leading zero (year 0999 would break streaks and months). */
export const YEARS = { min: 1000, max: 9999 } as const;

/** The digits of `value` from `start` to `end` as a number, or -1 when one is not a digit. */
export function digits(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A real `YYYY-MM-DD` date in the years 1000 to 9999: the one test of a date, everywhere. */
export function isCalendarDate(value: string): boolean {
  return value.length === 10 && calendarDateKey(value, 0) >= 0;
}

/**
 * The date written in `text` at `at` (the ten characters `YYYY-MM-DD`, as isCalendarDate
 * takes them) as the number YYYYMMDD, which sorts as the date does; -1 when it is not one.
 * Read by hand, not with a regular expression: the cache checks the date of every record it reuses.
 */
export function calendarDateKey(text: string, at: number): number {
  if (text.length < at + 10 || text.charCodeAt(at + 4) !== 0x2d || text.charCodeAt(at + 7) !== 0x2d) return -1;
  const year = digits(text, at, at + 4);
  const month = digits(text, at + 5, at + 7);
  const day = digits(text, at + 8, at + 10);
  if (year < YEARS.min || year > YEARS.max) return -1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** Whether `key` is calendarDateKey of a calendar date. */
export function isCalendarKey(key: number): boolean {
  if (!Number.isInteger(key)) return false;
  const year = Math.floor(key / 10000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  return year >= YEARS.min && year <= YEARS.max && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The date `YYYY-MM-DD` of a calendarDateKey. */
export function keyDate(key: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(key / 10000)}-${two(Math.floor(key / 100) % 100)}-${two(key % 100)}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1 to 12) of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/** Today's date where the user is: the day they would write on paper. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Parses a date flag: `YYYY-MM-DD`, or `today` / `yesterday`. Returns undefined when invalid. */
export function parseDateArgument(value: string, now: Date = new Date()): string | undefined {
  const lowered = value.trim().toLowerCase();
  if (lowered === "today") return today(now);
  if (lowered === "yesterday") {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
    return today(d);
  }
  return isCalendarDate(value.trim()) ? value.trim() : undefined;
}

/** Whole days from one calendar date to another (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / 86_400_000);
}

export function toUtcMs(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/**
 * The date `days` after `date`. Past 9999-12-31 the year has five digits (10000-01-01),
 * which no longer sorts after 9999 as text: a loop over days up to a date compares by
 * how many days it counted (daysBetween), not the strings.
 */
export function addDays(date: string, days: number): string {
  const at = new Date(toUtcMs(date) + days * 86_400_000);
  const iso = at.toISOString();
  // toISOString writes a year past 9999 as +010000.
  if (iso.length === 24) return iso.slice(0, 10);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())}`;
}
