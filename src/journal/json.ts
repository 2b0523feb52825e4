import type { LoadedEntry } from "./read.js";

/** The JSON shape of an entry, shared by every command's --json. */
export function entryJson(entry: LoadedEntry) {
  return {
    path: entry.path,
    title: entry.title,
    topic: entry.topic,
    date: entry.date,
    tags: entry.tags,
    featured: entry.featured === true,
    challenge: entry.challenge,
    solution: entry.solution,
    takeaway: entry.takeaway,
  };
}

/**
 * JSON for stdout. JSON.stringify escapes C0 controls; C1 controls (which some
 * terminals take as escape sequences) and bidirectional overrides are escaped
 * here too. The value is the same; only its spelling is inert.
 */
export function stringifyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  )}\n`;
}
