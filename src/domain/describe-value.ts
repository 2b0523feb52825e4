// Values read from YAML (or JSON) named in a message, at a bounded size. YAML's
// aliases share one list many times over: a 441-byte frontmatter can be a list
// whose String() or JSON.stringify() is gigabytes long. So nothing read from a
// file is turned into text whole: text is cut, a list or a mapping is counted.

/** Longest text of a value that a message shows, in UTF-16 units. */
export const SHOWN_CHARS = 40;

/** A short, bounded description of a parsed value: `"2024-13-01"`, `a list of 9 items`, `a mapping`. */
export function describeValue(value: unknown, max = SHOWN_CHARS): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(cut(value, max));
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return cut(String(value), max);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid date" : `the time ${value.toISOString()}`;
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}

/** `text` cut to `max` units with "…", never in the middle of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
