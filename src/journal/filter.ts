import { UsageError } from "../errors.js";
import { parseDateArgument } from "../domain/dates.js";

export interface EntryFilter {
  topic?: string | undefined;
  tags?: string[] | undefined;
  /** Inclusive, `YYYY-MM-DD`. */
  since?: string | undefined;
  until?: string | undefined;
  /** Only entries with `featured: true`. */
  featured?: boolean | undefined;
}

interface Filterable {
  topic: string;
  tags: string[];
  date: string;
  featured?: boolean;
}

const fold = (s: string) => s.normalize("NFC").trim().toLowerCase();

/** Whether a filter keeps out any entry at all. */
export const hasFilter = (filter: EntryFilter): boolean =>
  filter.topic !== undefined || Boolean(filter.tags?.length) || Boolean(filter.since) || Boolean(filter.until) || Boolean(filter.featured);

/** Keeps entries of the topic (any case), with every tag, within the dates. */
export function filterEntries<T extends Filterable>(entries: T[], filter: EntryFilter): T[] {
  const topic = filter.topic === undefined ? undefined : fold(filter.topic);
  const tags = (filter.tags ?? []).map((t) => fold(t).replace(/^#/, ""));
  return entries.filter((entry) => {
    if (topic !== undefined && fold(entry.topic) !== topic) return false;
    if (tags.length) {
      const own = new Set(entry.tags.map(fold));
      if (!tags.every((t) => own.has(t))) return false;
    }
    if (filter.since && entry.date < filter.since) return false;
    if (filter.until && entry.date > filter.until) return false;
    if (filter.featured && !entry.featured) return false;
    return true;
  });
}

/** Checks a date flag; a bad value is a usage error naming the flag. */
export function dateFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = parseDateArgument(value);
  if (!date) throw new UsageError(`${flag} must be a date YYYY-MM-DD (or today, yesterday), not "${value}"`);
  return date;
}

/** Checks a count flag such as --limit. */
export function countFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a whole number of 1 or more, not "${value}"`);
  }
  return Number(value);
}
