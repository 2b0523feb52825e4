// The parts of the README template that show nothing yet, because their value in
// nexus.config.json is not set: build-readme and doctor say what could be filled.

import { inertLine } from "../domain/sanitize.js";
import { isEmptyValue } from "./sections.js";
import { parseTemplate } from "./template.js";

/** The `readme` keys the template shows that have no value, in the template's order (`title` for `{{title}}`). */
export function unfilledKeys(template: string, readme: Record<string, unknown>): string[] {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch {
    return []; // A broken template is reported by build-readme itself.
  }
  const value = (key: string) => (Object.hasOwn(readme, key) ? readme[key] : undefined);
  return parts.flatMap((part) => {
    if (!("placeholder" in part)) return [];
    const p = part.placeholder;
    if (p.kind === "title") return isEmptyValue(value("title")) ? ["title"] : [];
    return p.kind === "config" && isEmptyValue(value(p.arg!)) ? [p.arg!] : [];
  });
}

/** One line that names the keys and the command that fills them; undefined when every part has its value. */
export function unfilledNote(keys: string[]): string | undefined {
  if (!keys.length) return undefined;
  const names = keys.map((k) => `readme.${inertLine(k)}`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `README parts with no value yet: ${list} (fill ${names.length > 1 ? "them" : "it"} in with nexus config set ${names[0]} "...")`;
}
