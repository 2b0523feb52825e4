import path from "node:path";
import { UserError } from "../errors.js";
import { readRegular, NotRegularFileError } from "./regular-file.js";

export const CONFIG_FILE = "nexus.config.json";

/** A group of topics in the generated README, in the config's order. */
export interface TopicGroup {
  title: string;
  topics: string[];
}

export interface JournalConfig {
  /** Folder of entries, relative to the journal root. */
  entries: string;
  /** README sections that group topics; empty means the built-in default. */
  groups: TopicGroup[];
  /** Free values for the README template (overview, goals, contact, license ...). */
  readme: Record<string, unknown>;
  /** The "review" settings as written; src/review/settings.ts checks them. */
  review?: unknown;
  /** The "site" settings as written; src/site/settings.ts checks them. */
  site?: unknown;
}

export const DEFAULT_CONFIG: JournalConfig = { entries: "entries", groups: [], readme: {} };

/** Where build-readme writes its pages and charts unless `readme.pages` says otherwise. */
export const DEFAULT_PAGES = "journal";

/**
 * The journal's own files that are never entries, relative to its root: the README,
 * the templates and the generated pages. They matter when the entries folder holds
 * them (`"entries": "."`).
 */
export function notEntries(config: JournalConfig): string[] {
  return ["README.md", "templates", pagesFolderName(config)];
}

/** The pages folder `readme.pages` names, relative to the root, as written (readme/settings.ts checks it). */
export function pagesFolderName(config: JournalConfig): string {
  const pages = typeof config.readme.pages === "string" ? config.readme.pages.split(/[\\/]+/).filter((p) => p && p !== ".").join("/") : DEFAULT_PAGES;
  return pages || DEFAULT_PAGES;
}

/** Where build-site writes the site unless --out says otherwise. */
export const SITE_FOLDER = "site";

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** Reads nexus.config.json when the journal has one; reports problems with a line. */
export function readConfig(root: string): JournalConfig {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = readRegular(file, { encoding: "utf8" }).replace(/^\ufeff/, "");
  } catch (error) {
    // A named pipe or a device would make every command wait or read for ever: said, not read.
    if (error instanceof NotRegularFileError) throw new UserError(`${CONFIG_FILE}: ${error.message}`, { hint: `make ${CONFIG_FILE} a file (or remove it), then run the command again` });
    return { ...DEFAULT_CONFIG };
  }
  return parseConfig(text);
}

/** The config a nexus.config.json text (without its byte-order mark) gives; a problem is an error with a line. */
export function parseConfig(text: string): JournalConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOfOffset(text, Number(position[1])) : 1;
    throw new UserError(`${CONFIG_FILE}:${line}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UserError(`${CONFIG_FILE}:1: must be a JSON object`);
  }
  const raw = data as Record<string, unknown>;
  const config: JournalConfig = { ...DEFAULT_CONFIG, groups: [], readme: {} };
  if (raw.entries !== undefined) {
    const entries = raw.entries;
    if (typeof entries !== "string" || !entries.trim() || path.isAbsolute(entries) || entries.split(/[\\/]/).includes("..")) {
      throw new UserError(`${CONFIG_FILE}: "entries" must be a folder inside the journal, such as "entries"`);
    }
    config.entries = entries;
  }
  if (raw.groups !== undefined) {
    if (!Array.isArray(raw.groups)) throw new UserError(`${CONFIG_FILE}: "groups" must be a list of {"title", "topics"}`);
    for (const group of raw.groups) {
      const g = group as Record<string, unknown>;
      if (
        typeof group !== "object" || group === null || typeof g.title !== "string" ||
        !Array.isArray(g.topics) || !g.topics.every((t) => typeof t === "string")
      ) {
        throw new UserError(`${CONFIG_FILE}: each of "groups" must be {"title": "...", "topics": ["..."]}`);
      }
      config.groups.push({ title: g.title, topics: g.topics as string[] });
    }
  }
  if (raw.readme !== undefined) {
    if (typeof raw.readme !== "object" || raw.readme === null || Array.isArray(raw.readme)) {
      throw new UserError(`${CONFIG_FILE}: "readme" must be an object`);
    }
    config.readme = raw.readme as Record<string, unknown>;
  }
  if (raw.review !== undefined) config.review = raw.review;
  if (raw.site !== undefined) config.site = raw.site;
  return config;
}
