// nexus.config.json as a text to edit: read whole (byte-order mark and line ends
// kept), changed one key at a time by domain/json-edit.ts, written atomically.

import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { NotAnObjectError, removeJsonValue, setJsonValue } from "../domain/json-edit.js";
import { UsageError, UserError } from "../errors.js";
import { CONFIG_FILE, parseConfig } from "./config.js";
import { realRootOf, refuseOutside } from "./inside.js";
import { readRegular } from "./regular-file.js";
import { replaceFile } from "./safe-write.js";

export interface ConfigText {
  file: string;
  /** The text without its byte-order mark; "{}\n" when there is no file yet. */
  text: string;
  bom: string;
  exists: boolean;
  /** What the text holds. */
  data: Record<string, unknown>;
}

/** The journal's nexus.config.json for editing; an error when it is not a JSON object in UTF-8. */
export function readConfigText(root: string): ConfigText {
  const file = path.join(root, CONFIG_FILE);
  refuseOutside(realRootOf(root), file, CONFIG_FILE);
  let bytes: Buffer;
  try {
    bytes = readRegular(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return { file, text: "{}\n", bom: "", exists: false, data: {} };
  }
  const decoded = bytes.toString("utf8");
  if (!Buffer.from(decoded, "utf8").equals(bytes)) throw new UserError(`${CONFIG_FILE} is not UTF-8 text, so nexus does not change it`, { hint: "save it as UTF-8, then run the command again" });
  const bom = decoded.startsWith("\ufeff") ? "\ufeff" : "";
  const text = decoded.slice(bom.length);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    parseConfig(text); // Throws the loader's message, with the line.
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new UserError(`${CONFIG_FILE}:1: must be a JSON object`);
  return { file, text, bom, exists: true, data: data as Record<string, unknown> };
}

/** The value at `path`, own keys only; undefined when it is not set. */
export function valueAt(data: unknown, path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy of `data` with `value` at `path` (undefined: without the key), as JSON.parse would read the edited text. */
function withValue(data: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(data);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * The config's text with `value` at `path` (undefined: the key removed), or undefined
 * when the key to remove is not there. The edited text is read back and must hold
 * exactly the change, or nothing is written.
 */
export function editConfigText(config: ConfigText, path: string[], value: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = value === undefined ? removeJsonValue(config.text, path) : setJsonValue(config.text, path, value);
  } catch (error) {
    if (error instanceof NotAnObjectError) {
      throw new UsageError(`${error.path.join(".")} in ${CONFIG_FILE} is not an object, so ${path.join(".")} cannot be set`, { hint: `unset ${error.path.join(".")} first: nexus config unset ${error.path.join(".")}` });
    }
    throw error;
  }
  if (text === undefined) return undefined;
  if (!isDeepStrictEqual(JSON.parse(text), withValue(config.data, path, value))) throw new Error(`editing ${CONFIG_FILE} at ${path.join(".")} went wrong; nothing was written`);
  return text;
}

/** Writes the edited text in place of the config, atomically, with its byte-order mark. */
export function writeConfigText(config: ConfigText, text: string): void {
  replaceFile(config.file, config.bom + text);
}
