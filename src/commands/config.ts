import { inertLine, inertText } from "../domain/sanitize.js";
import { UsageError, UserError } from "../errors.js";
import { CONFIG_FILE, parseConfig } from "../journal/config.js";
import { editConfigText, readConfigText, valueAt, writeConfigText, type ConfigText } from "../journal/config-file.js";
import { CONFIG_KEYS, keyPath, kindOf, valueOf, VALUE_KINDS, type ValueKind } from "../journal/config-keys.js";
import { stringifyJson } from "../journal/json.js";
import { findJournal, findJournalRoot } from "../journal/root.js";
import { readTemplate } from "../journal/templates.js";
import { readmeSettings } from "../readme/settings.js";
import { reviewSettings } from "../review/settings.js";
import { siteSettings } from "../site/settings.js";
import type { Context } from "./context.js";

/** A value of at most this many bytes: the config is read by every command. */
const MAX_VALUE_BYTES = 64 * 1024;

/** The first problem a config text has for any command that reads it, or undefined. */
export function configProblem(text: string): UserError | undefined {
  try {
    const config = parseConfig(text);
    readmeSettings(config);
    reviewSettings(config.review);
    siteSettings(config, {});
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

const root = (ctx: Context) => findJournalRoot({ cwd: ctx.io.cwd, dir: ctx.dir });

/** A value on one line: text as it is when that reads back, anything else as JSON. */
function shown(value: unknown): string {
  return typeof value === "string" && !/[\n\r]/.test(value) && value.trim() === value && value !== "" ? inertLine(value) : inertLine(JSON.stringify(value));
}

/** The keys that are set, `readme.overview` and the like, with their values; for --all also every key nexus knows. */
export function configList(ctx: Context, options: { json: boolean; all: boolean }): number {
  const config = readConfigText(root(ctx));
  if (options.json) {
    ctx.io.out(stringifyJson(config.data));
    return 0;
  }
  const set = new Map<string, unknown>();
  for (const [key, value] of Object.entries(config.data)) {
    if (["readme", "review", "site"].includes(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) set.set(`${key}.${inner}`, v);
    } else set.set(key, value);
  }
  const c = ctx.io.color;
  for (const [key, value] of set) ctx.io.out(`${inertLine(key)}=${shown(value)}\n`);
  if (options.all) {
    for (const [key, info] of Object.entries(CONFIG_KEYS)) if (!set.has(key)) ctx.io.out(c.dim(`${key}  (not set: ${info.about})\n`));
  } else if (!set.size) ctx.io.err(`${config.exists ? `${CONFIG_FILE} sets nothing yet` : `no ${CONFIG_FILE} yet`}: nexus config set readme.title "My journal" (nexus config list --all shows every key)\n`);
  return 0;
}

/** Prints the value of a key: text as it is, anything else as JSON. Exit 1 when it is not set. */
export function configGet(ctx: Context, key: string, options: { json: boolean }): number {
  const path = keyPath(key);
  const value = valueAt(readConfigText(root(ctx)).data, path);
  if (value === undefined) {
    const about = Object.hasOwn(CONFIG_KEYS, key) ? ` (${CONFIG_KEYS[key]!.about})` : "";
    ctx.io.err(`${inertLine(key)} is not set${about}\n`);
    return 1;
  }
  if (options.json) ctx.io.out(stringifyJson(value));
  else ctx.io.out(typeof value === "string" ? `${inertText(value)}\n` : stringifyJson(value));
  return 0;
}

export interface SetOptions {
  /** How the value is read: text, number, boolean or json (default: the key's own kind). */
  type?: string | undefined;
}

/** The kind named by --type, or the key's own. */
function kindFlag(key: string, type: string | undefined): ValueKind {
  if (type === undefined) return kindOf(key);
  if (!VALUE_KINDS.includes(type as ValueKind)) throw new UsageError(`--type must be one of ${VALUE_KINDS.join(", ")}, not "${inertLine(type)}"`);
  return type as ValueKind;
}

/**
 * Sets a key and writes the config, after checking it as every command will read it:
 * a value the settings refuse is a usage error naming the key, and nothing is written.
 */
export function configSet(ctx: Context, key: string, raw: string, options: SetOptions): number {
  const path = keyPath(key);
  if (Buffer.byteLength(raw) > MAX_VALUE_BYTES) {
    throw new UsageError(`the value of ${key} is ${Math.ceil(Buffer.byteLength(raw) / 1024)} KB; a value of nexus.config.json may be at most ${MAX_VALUE_BYTES / 1024} KB`, { hint: "write long text in an entry, or in templates/README.md" });
  }
  const value = valueOf(raw, kindFlag(key, options.type), key);
  const journalRoot = root(ctx);
  const config = readConfigText(journalRoot);
  const text = editConfigText(config, path, value)!;
  if (text === config.text) {
    ctx.io.err(`${inertLine(key)} is already ${shown(value)}: nothing changed\n`);
    return 0;
  }
  write(ctx, config, text, key);
  ctx.io.out(`${config.exists ? "updated" : "created"} ${CONFIG_FILE}: ${inertLine(key)}=${shown(value)}\n`);
  notes(ctx, journalRoot, path);
  return 0;
}

/** Removes a key; one that is not set changes nothing. */
export function configUnset(ctx: Context, key: string): number {
  const path = keyPath(key);
  const config = readConfigText(root(ctx));
  const text = editConfigText(config, path, undefined);
  if (text === undefined) {
    ctx.io.err(`${inertLine(key)} is not set: nothing changed\n`);
    return 0;
  }
  write(ctx, config, text, key);
  ctx.io.out(`updated ${CONFIG_FILE}: removed ${inertLine(key)}\n`);
  return 0;
}

/**
 * Writes the edited config unless the change is what makes it wrong: a problem of
 * another key that the file had before is said, not blamed on the change (so one
 * wrong key is mended at a time).
 */
function write(ctx: Context, config: ConfigText, text: string, key: string): void {
  const after = configProblem(text);
  if (after) {
    const names = [...after.message.matchAll(/"([\w.]+)"/g)].map((m) => m[1]!);
    const ours = names.some((name) => name === key || name.startsWith(`${key}.`) || key.startsWith(`${name}.`));
    if (ours || !configProblem(config.text)) throw new UsageError(after.message, { hint: `${CONFIG_FILE} was not changed` });
    ctx.io.err(`nexus: warning: ${inertLine(after.message)} (not changed by this command: nexus config set or unset it too)\n`);
  }
  writeConfigText(config, text);
}

/** What to do next: the README shows the change once rebuilt; a free key the template does not show is said. */
function notes(ctx: Context, journalRoot: string, path: string[]): void {
  if (path[0] !== "readme" && path[0] !== "groups") return;
  const key = path[1];
  if (key && path[0] === "readme" && !Object.hasOwn(CONFIG_KEYS, `readme.${key}`)) {
    let template = "";
    try {
      template = readTemplate(findJournal({ cwd: ctx.io.cwd, dir: journalRoot }), "README.md").text;
    } catch {
      return;
    }
    if (!new RegExp(`\\{\\{\\s*config\\.${key.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}\\s*\\}\\}`).test(template)) {
      ctx.io.err(`note: the README template has no {{config.${inertLine(key)}}}, so the README does not show readme.${inertLine(key)}\n`);
      return;
    }
  }
  ctx.io.err("Next: nexus build-readme\n");
}
