// The `readme` values of nexus.config.json that an imported README fills
// (overview, goals, contact, license, notes). A value the user has set already is
// kept, never replaced; every other key of the file is kept as it was.

export interface ReadmeMerge {
  /** The new text of nexus.config.json, or undefined when nothing changes. */
  text: string | undefined;
  /** Keys set by this import. */
  set: string[];
  /** Keys left alone because the config has another value already. */
  kept: string[];
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: string) => typeof a === "string" && a.replace(/\r\n?/g, "\n").trim() === b.trim();

/** `configText` is undefined when the journal has no config file. Throws on a config that is not a JSON object. */
export function mergeReadmeValues(configText: string | undefined, values: Record<string, string>): ReadmeMerge {
  const keys = Object.keys(values).filter((k) => values[k]!.trim());
  const hasBom = configText?.charCodeAt(0) === 0xfeff;
  const source = configText === undefined ? undefined : hasBom ? configText.slice(1) : configText;
  const config = (source === undefined ? { entries: "entries" } : JSON.parse(source)) as Record<string, unknown>;
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new Error("nexus.config.json must be a JSON object");
  const current = config.readme;
  if (current !== undefined && (typeof current !== "object" || current === null || Array.isArray(current))) {
    throw new Error('"readme" in nexus.config.json must be an object');
  }
  const readme = { ...((current as Record<string, unknown> | undefined) ?? {}) };
  const set: string[] = [];
  const kept: string[] = [];
  for (const key of keys) {
    if (isEmpty(readme[key])) {
      readme[key] = values[key]!;
      set.push(key);
    } else if (!same(readme[key], values[key]!)) {
      kept.push(key);
    }
  }
  if (!set.length) return { text: undefined, set, kept };
  const indent = /^\{\r?\n([ \t]+)"/.exec(source ?? "")?.[1] ?? "  ";
  const eol = /\r\n/.test(source ?? "") ? "\r\n" : "\n";
  const json = JSON.stringify({ ...config, readme }, null, indent).replace(/\n/g, eol);
  return { text: `${hasBom ? "\ufeff" : ""}${json}${eol}`, set, kept };
}
