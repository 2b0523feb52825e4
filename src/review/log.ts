// The review log: one line per rating, appended to a file committed with the
// journal. A line is `TIME<TAB>RATING<TAB>ENTRY`: a UTC instant, one of again,
// hard, good, easy, and the entry's path from the journal root. Lines starting
// with `#` are comments. Nothing here touches files: see log-file.ts.

export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type RatingName = (typeof RATINGS)[number];

/** One rating as written in the log. */
export interface LogEvent {
  /** Milliseconds since the epoch (UTC). */
  at: number;
  rating: RatingName;
  /** The entry's path from the journal root, `/` separators. */
  path: string;
  /** 1-based line in the log file. */
  line: number;
}

/** A line of the log that could not be read. */
export interface LogDamage {
  line: number;
  message: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function isRating(value: string): value is RatingName {
  return (RATINGS as readonly string[]).includes(value);
}

/** Why a path cannot be written on one log line, or undefined when it can. */
export function unloggablePath(entryPath: string): string | undefined {
  if (!entryPath) return "the path is empty";
  if (CONTROL.test(entryPath)) return "the path holds a tab, a line break or another control character";
  return undefined;
}

/** The line (without its line end) for one rating. */
export function formatEvent(event: Pick<LogEvent, "at" | "rating" | "path">): string {
  const wrong = unloggablePath(event.path);
  if (wrong) throw new Error(`cannot log ${JSON.stringify(event.path)}: ${wrong}`);
  return `${new Date(event.at).toISOString()}\t${event.rating}\t${event.path}`;
}

export const LOG_HEADER =
  "# nexus review log: one line per rating (UTC time, rating, entry path). Append-only; git merges it with merge=union.\n";

const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * Reads the text of a log. Every readable line becomes an event; every other
 * non-blank, non-comment line is damage with its line number. Never throws.
 */
export function parseLog(text: string): { events: LogEvent[]; damage: LogDamage[] } {
  const events: LogEvent[] = [];
  const damage: LogDamage[] = [];
  const lines = text.replace(/^\ufeff/, "").split("\n");
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!content.trim() || content.startsWith("#")) return;
    if (/^(<{7}|={7}|>{7})/.test(content)) {
      damage.push({ line, message: "a git conflict marker: set `reviews.tsv merge=union` in .gitattributes (nexus init does)" });
      return;
    }
    const fields = content.split("\t");
    if (fields.length !== 3) {
      damage.push({ line, message: `expected TIME<TAB>RATING<TAB>ENTRY, found ${fields.length} field${fields.length === 1 ? "" : "s"}` });
      return;
    }
    const [time, rating, entryPath] = fields as [string, string, string];
    const at = INSTANT.test(time) ? Date.parse(time) : NaN;
    if (!Number.isFinite(at) || new Date(at).toISOString().slice(0, 19) !== time.slice(0, 19)) {
      damage.push({ line, message: `${shown(time)} is not a UTC time such as 2026-01-05T09:30:00.000Z` });
      return;
    }
    if (!isRating(rating)) {
      damage.push({ line, message: `${shown(rating)} is not a rating (again, hard, good or easy)` });
      return;
    }
    const wrong = unloggablePath(entryPath);
    if (wrong || entryPath.startsWith("/") || entryPath.split("/").includes("..")) {
      damage.push({ line, message: `${shown(entryPath)} is not an entry path: ${wrong ?? "it leaves the journal"}` });
      return;
    }
    events.push({ at, rating, path: entryPath, line });
  });
  return { events, damage };
}

/**
 * The events in the order they happened: by time, then by line. A line that a
 * merge duplicated (same time, rating and entry) counts once.
 */
export function orderEvents(events: LogEvent[]): LogEvent[] {
  const seen = new Set<string>();
  const unique: LogEvent[] = [];
  for (const event of events) {
    const key = `${event.at}\t${event.rating}\t${event.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(event);
  }
  return unique.sort((a, b) => a.at - b.at || a.line - b.line);
}
