// The keys of nexus.config.json that `nexus config` reads and writes: what each holds,
// and how a value typed on the command line becomes a JSON value. Whether a value is
// right is not decided here: the loaders of the settings check it (readme/settings.ts,
// review/settings.ts, site/settings.ts), so `config set` and every command agree.

import { UsageError } from "../errors.js";

/** How a value typed on the command line is read. */
export type ValueKind = "text" | "number" | "boolean" | "json";
export const VALUE_KINDS: readonly ValueKind[] = ["text", "number", "boolean", "json"];

interface KeyInfo {
  kind: ValueKind;
  /** What it is, for `config list --all` and messages. */
  about: string;
}

const text = (about: string): KeyInfo => ({ kind: "text", about });
const number = (about: string): KeyInfo => ({ kind: "number", about });
const boolean = (about: string): KeyInfo => ({ kind: "boolean", about });

/** Every key nexus reads. Other keys of "readme" are free: `{{config.KEY}}` shows them. */
export const CONFIG_KEYS: Record<string, KeyInfo> = {
  entries: text("the entries folder, inside the journal"),
  groups: { kind: "json", about: 'the README\'s topic groups: [{"title": "...", "topics": ["..."]}]' },
  "readme.title": text("the README's title"),
  "readme.overview": text("what the journal is about, in markdown (under the title)"),
  "readme.goals": text("future learning goals (text, or a list with --type json)"),
  "readme.contact": text("how to reach you (text, or an object with --type json)"),
  "readme.license": text("the license of the journal"),
  "readme.pages": text("folder of the generated pages (default journal)"),
  "readme.perTopic": number("latest entries shown per topic (default 3)"),
  "readme.topics": number("topics shown per group not in groups (default 30)"),
  "readme.challenges": number("challenges shown (default 10)"),
  "readme.showAll": number("a journal of at most this many entries shows them all (default 30)"),
  "readme.budgetKB": number("size budget of the README in kilobytes (default 256)"),
  "readme.form": text("auto, full or summary"),
  "readme.topicOrder": text("name, size or newest"),
  "readme.entryOrder": text("newest, oldest or name"),
  "readme.topicHeading": text("form of a topic's heading, such as **{topic}**"),
  "readme.challengeHeading": text("form of a challenge's heading, such as Challenge {n}: {title}"),
  "readme.tocDepth": number("how deep {{toc}} goes: 2 to 4"),
  "readme.wholeFile": boolean("README.md is the template's output as a whole"),
  "readme.charts": boolean("false leaves the charts out"),
  "readme.chartsUntil": text("last day of the charts, YYYY-MM-DD"),
  "readme.chartsNote": text("a line under the charts"),
  "review.newPerDay": number("new review cards a day (default 10)"),
  "review.retention": number("desired retention, 0.7 to 0.99 (default 0.9)"),
  "site.title": text("the site's title"),
  "site.description": text("the site's description, one line"),
  "site.author": text("the feed's author"),
  "site.url": text("the site's address, such as https://me.github.io/journal/"),
  "site.feedAuthority": text("the domain in the feed's ids"),
  "site.overview": text("the home page's overview (default readme.overview)"),
};

/** Names no key may have: they would reach into JavaScript's objects. */
const HOSTILE = new Set(["__proto__", "constructor", "prototype"]);

/** A key as a path (`readme.overview` -> ["readme", "overview"]); a usage error when nexus has no such key. */
export function keyPath(key: string): string[] {
  const parts = key.split(".");
  const shown = JSON.stringify(key).slice(0, 80);
  if (!key || parts.some((p) => !p.trim() || HOSTILE.has(p) || /[\u0000-\u001f\u007f]/.test(p))) {
    throw new UsageError(`${shown} is not a key of nexus.config.json`, { hint: "keys look like readme.overview or review.newPerDay: run nexus config list --all" });
  }
  const [head] = parts;
  const known = Object.hasOwn(CONFIG_KEYS, key);
  // "readme" holds free keys (and objects below them) for {{config.KEY}}; a setting is one of the known keys.
  if (known || (head === "readme" && parts.length >= 2) || (parts.length === 1 && ["readme", "review", "site"].includes(key))) return parts;
  const near = Object.keys(CONFIG_KEYS).filter((k) => k.startsWith(`${head}.`) || k === head);
  throw new UsageError(`unknown key ${shown}`, {
    hint: near.length ? `keys of ${head}: ${near.join(", ")}` : "keys are entries, groups, readme.KEY, review.* and site.*: run nexus config list --all",
  });
}

/** How a value is read when the user names no --type: a known key's kind, else text. */
export function kindOf(key: string): ValueKind {
  return Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key]!.kind : ["readme", "review", "site"].includes(key) ? "json" : "text";
}

/**
 * The JSON value of a typed value. A number or a boolean that does not look like one
 * stays text, and the settings' own check then says what the key takes.
 */
export function valueOf(raw: string, kind: ValueKind, key: string): unknown {
  if (kind === "number" && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  if (kind === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  if (kind === "json") {
    try {
      return JSON.parse(raw, (name: string, value: unknown) => {
        if (HOSTILE.has(name)) throw new UsageError(`"${name}" is not a key of nexus.config.json, in the value of ${key} either`);
        return value;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`the value of ${key} is not JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, "")}`, {
        hint: `for example: nexus config set readme.goals '["Learn Rust", "Ship a CLI"]' --type json`,
      });
    }
  }
  return raw;
}
