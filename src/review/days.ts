// A review "day" is the user's local calendar day; the log holds UTC instants.
import { today } from "../domain/dates.js";

/** The local midnight that starts a calendar day, in ms. */
export function dayStart(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** The local midnight that ends a calendar day, in ms (for 9999-12-31 too: the Date counts on into 10000). */
export function dayEnd(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

/** The local calendar day of an instant. */
export function localDay(ms: number): string {
  return today(new Date(ms));
}

/**
 * The instant a rating is recorded at. Today: now. Another day (--date, for
 * back-filling and tests): noon of that day, or a second after the last rating
 * already logged that day, so that ratings keep the order they were given in.
 */
export function ratingInstant(date: string, now: number, loggedTimes: Iterable<number>): number {
  if (localDay(now) === date) return now;
  const start = dayStart(date);
  const end = dayEnd(date);
  let at = start + 12 * 3_600_000;
  for (const t of loggedTimes) if (t >= start && t < end && t >= at) at = t + 1000;
  return at;
}

/** A short interval such as "<1m", "10m", "3h", "4d", "2.5mo", "1.2y", as Anki shows them. */
export function shortInterval(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return "<1m";
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, "")}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, "")}y`;
}
