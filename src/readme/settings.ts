// The README's settings in nexus.config.json ("readme": {...}): how much the README
// shows, where the generated pages go, where the charts end. Read and checked once;
// a wrong value is an error naming the key, never silently replaced.

import path from "node:path";
import { isCalendarDate } from "../domain/dates.js";
import { UserError } from "../errors.js";
import { DEFAULT_PAGES, type JournalConfig } from "../journal/config.js";

export interface ReadmeSettings {
  /** Folder of the generated pages and charts, relative to the journal root, `/` separators. */
  pages: string;
  /** Entries shown per topic in the README (the latest ones). */
  perTopic: number;
  /** A journal of at most this many entries shows every entry in the README (perTopic and topics do not apply). */
  showAll: number;
  /** Topics shown per group that is not in the config (the ones with most entries). */
  topics: number;
  /** Challenges shown in the README: featured ones, else the latest ones. */
  challenges: number;
  /** Last day of the charts; undefined: the latest entry's date. */
  chartsUntil: string | undefined;
  /** False: no charts are written. */
  charts: boolean;
  /** The README lists every entry when it fits in this many bytes, else it summarises ("auto"); or always one form. */
  form: ReadmeForm;
  budget: number;
  /** Order of the topics a group of the config does not order, and of the entries in a topic. */
  topicOrder: TopicOrder;
  entryOrder: EntryOrder;
  /** The text of a topic's generated heading (`{topic}`, `**{topic}**`, `{topic} ({date})`), as a hand-written README had its headings. */
  topicHeading: string;
  /** The text of a challenge's generated heading (`Challenge {n}: {title}`, `Bug #{n} — {title} ({date})`). */
  challengeHeading: string;
  /** A line under the charts, such as that the dates are guesses. */
  chartsNote: string | undefined;
}

export const README_FORMS = ["auto", "full", "summary"] as const;
export type ReadmeForm = (typeof README_FORMS)[number];
export const TOPIC_ORDERS = ["name", "size", "newest"] as const;
export type TopicOrder = (typeof TOPIC_ORDERS)[number];
export const ENTRY_ORDERS = ["newest", "oldest", "name"] as const;
export type EntryOrder = (typeof ENTRY_ORDERS)[number];

export { DEFAULT_PAGES };
/** The README's title while `readme.title` is not set. */
export const DEFAULT_TITLE = "My learning journal";
export const DEFAULT_PER_TOPIC = 3;
export const DEFAULT_CHALLENGES = 10;
export const DEFAULT_TOPICS = 30;
export const DEFAULT_SHOW_ALL = 30;
/** Kilobytes: GitHub shows a README up to 512,000 bytes; half of that leaves room for the rest of it. */
export const DEFAULT_BUDGET_KB = 256;

function choice<T extends string>(readme: Record<string, unknown>, key: string, values: readonly T[]): T {
  const value = readme[key];
  if (value === undefined) return values[0]!;
  if (typeof value !== "string" || !values.includes(value as T)) {
    throw new UserError(`nexus.config.json: "readme.${key}" must be one of ${values.map((v) => `"${v}"`).join(", ")}, not ${JSON.stringify(value)}`);
  }
  return value as T;
}

function count(readme: Record<string, unknown>, key: string, fallback: number, max: number): number {
  const value = readme[key];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new UserError(`nexus.config.json: "readme.${key}" must be a whole number from 1 to ${max}, not ${JSON.stringify(value)}`);
  }
  return value;
}

/** The names at the journal's root that are its own: the pages may be none of them (compared in any case, as macOS and Windows do). */
const OWNED_NAMES = ["README.md", "nexus.config.json", "reviews.tsv", "templates", "site", ".github", ".gitignore", ".gitattributes"];

/** Checks `readme.pages`: a folder inside the journal, not the journal itself, not one of its own names, not in or around the entries. */
export function pagesFolder(value: unknown, entriesFolder: string): string {
  if (value === undefined) return DEFAULT_PAGES;
  const wrong = (why: string) => new UserError(`nexus.config.json: "readme.pages" ${why}, such as "${DEFAULT_PAGES}"`);
  if (typeof value !== "string" || !value.trim()) throw wrong("must be a folder name");
  const parts = value.split(/[\\/]+/).filter((p) => p && p !== ".");
  if (path.isAbsolute(value) || /^[a-zA-Z]:/.test(value) || parts.includes("..") || !parts.length) throw wrong("must be a folder inside the journal");
  if (parts.some((p) => p === ".git" || p === ".nexus" || p === "node_modules" || /[\u0000-\u001f\u007f]/.test(p))) throw wrong("must not be inside .git, .nexus or node_modules");
  // A name the journal uses for a file or folder of its own: pages there would be read as its
  // template (templates/), or stand where README.md, the config, the review log or the site go.
  const owned = OWNED_NAMES.find((name) => name.toLowerCase() === parts[0]!.toLowerCase());
  if (owned) {
    throw new UserError(`nexus.config.json: "readme.pages" must not be ${JSON.stringify(owned)} or a folder in it: the journal keeps that name for its own files; choose a folder of the pages' own, such as "${DEFAULT_PAGES}"`);
  }
  const folder = parts.join("/");
  const entries = entriesFolder.split(/[\\/]+/).filter((p) => p && p !== ".").join("/");
  const inside = (a: string, b: string) => b === "" || a === b || a.startsWith(`${b}/`);
  // With the entries at the journal's root, the pages are passed over when entries are read (config.ts notEntries).
  if (entries !== "" && (inside(folder, entries) || inside(entries, folder))) throw wrong(`must not contain or be inside the entries folder ("${entries}")`);
  return folder;
}

/** The settings for a journal of `entries` entries: a small journal shows everything. */
export function forSize(settings: ReadmeSettings, entries: number): ReadmeSettings {
  return entries <= settings.showAll && settings.form === "auto" ? { ...settings, perTopic: Math.max(entries, 1), topics: Math.max(entries, 1) } : settings;
}

/** A heading's text with `{name}` fields: one line, with the field that names what it heads. */
function headingFormat(readme: Record<string, unknown>, key: string, fallback: string): string {
  const value = readme[key];
  if (value === undefined) return fallback;
  const field = fallback.includes("{topic}") ? "{topic}" : "{title}";
  if (typeof value !== "string" || !value.includes(field) || /[\u0000-\u001f\u007f]|<!--/.test(value) || value.length > 200) {
    throw new UserError(`nexus.config.json: "readme.${key}" must be one line with ${field} in it, such as "${fallback}", not ${JSON.stringify(value).slice(0, 80)}`);
  }
  return value;
}

/** A heading from its format: each `{field}` given is filled in; one not given goes, with the brackets or dash around it. */
export function fillHeading(format: string, fields: Record<string, string | undefined>): string {
  return format
    .replace(/\s*(?:[([]\{(\w+)\}[)\]]|[-–—·,:]?\s*\{(\w+)\})/g, (whole: string, inBrackets?: string, bare?: string) => {
      const value = fields[(inBrackets ?? bare)!];
      return value === undefined ? "" : whole.replace(`{${(inBrackets ?? bare)!}}`, () => value);
    })
    .replace(/\{(\w+)\}/g, (whole: string, name: string) => fields[name] ?? "")
    .trim();
}

export function readmeSettings(config: JournalConfig): ReadmeSettings {
  const readme = config.readme;
  const until = readme.chartsUntil;
  if (until !== undefined && (typeof until !== "string" || !isCalendarDate(until))) {
    throw new UserError(`nexus.config.json: "readme.chartsUntil" must be a date YYYY-MM-DD, not ${JSON.stringify(until)}`);
  }
  const title = readme.title;
  if (title !== undefined && (typeof title !== "string" || !title.trim() || /[\u0000-\u001f\u007f-\u009f]|<!--/.test(title) || title.length > 200)) {
    throw new UserError(`nexus.config.json: "readme.title" must be one line of text (at most 200 characters), not ${JSON.stringify(title).slice(0, 80)}`);
  }
  if (readme.charts !== undefined && typeof readme.charts !== "boolean") {
    throw new UserError(`nexus.config.json: "readme.charts" must be true or false, not ${JSON.stringify(readme.charts)}`);
  }
  return {
    pages: pagesFolder(readme.pages, config.entries),
    perTopic: count(readme, "perTopic", DEFAULT_PER_TOPIC, 100),
    challenges: count(readme, "challenges", DEFAULT_CHALLENGES, 100),
    topics: count(readme, "topics", DEFAULT_TOPICS, 1000),
    showAll: readme.showAll === 0 ? 0 : count(readme, "showAll", DEFAULT_SHOW_ALL, 1000),
    chartsUntil: until,
    charts: readme.charts !== false,
    form: choice(readme, "form", README_FORMS),
    budget: count(readme, "budgetKB", DEFAULT_BUDGET_KB, 100_000) * 1024,
    topicOrder: choice(readme, "topicOrder", TOPIC_ORDERS),
    entryOrder: choice(readme, "entryOrder", ENTRY_ORDERS),
    topicHeading: headingFormat(readme, "topicHeading", "{topic}"),
    challengeHeading: headingFormat(readme, "challengeHeading", "Challenge {n}: {title}"),
    chartsNote: typeof readme.chartsNote === "string" && readme.chartsNote.trim() ? readme.chartsNote : undefined,
  };
}
