// Where an imported README's layout goes: `templates/README.md`, when the journal
// has none of its own yet (none at all, or the built-in one as `nexus init` wrote
// it). A template the person wrote is never replaced. When the README imported is
// the journal's own README.md, the template names its digest, so that the first
// `nexus build-readme` may replace that hand-written file, and no other, without --force.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Journal } from "../journal/root.js";
import { readTemplate } from "../journal/templates.js";
import type { ParsedSource } from "./draft.js";
import { templateComment } from "./readme-layout.js";
import { readRegular } from "../journal/regular-file.js";

export interface TemplatePlan {
  /** The template file. */
  file: string;
  /** What to write there; undefined when the journal has a template of its own, which is kept. */
  text: string | undefined;
  /** The text there now (restored if the import fails); undefined when there is no file. */
  before: string | undefined;
  /** The journal's README.md is the README imported: the first build replaces it. */
  replacesReadme: boolean;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/**
 * The template to write for a README's layout: when the README is the journal's own
 * README.md, or a README.md from elsewhere for a journal that has none yet. Undefined
 * for another file (`learned.md`: its sections about the person go to readme values), or
 * a source with no layout (not a README, or --topic).
 */
export function planTemplate(journal: Journal, parsed: ParsedSource, target: string): TemplatePlan | undefined {
  if (!parsed.layout) return undefined;
  const readme = path.join(journal.root, "README.md");
  const own = path.resolve(target) === readme;
  if (!own && (path.basename(target).toLowerCase() !== "readme.md" || fs.existsSync(readme))) return undefined;
  const file = path.join(journal.root, "templates", "README.md");
  let before: string | undefined;
  try {
    before = fs.lstatSync(file).isFile() ? readRegular(file, { encoding: "utf8" }) : "";
  } catch {
    before = undefined;
  }
  const builtIn = readTemplate(undefined, "README.md").text;
  if (before !== undefined && lf(before) !== lf(builtIn)) return { file, text: undefined, before, replacesReadme: false };
  const replacesReadme = own;
  const digest = own ? sha256(readRegular(readme)) : undefined;
  return { file, text: `${templateComment(path.basename(target), digest)}\n${parsed.layout.template}`, before, replacesReadme };
}

/** Writes the template (atomically, through a temporary file). */
export function writeTemplate(plan: TemplatePlan, replaceFile: (file: string, text: string) => void): void {
  if (plan.text === undefined) return;
  fs.mkdirSync(path.dirname(plan.file), { recursive: true });
  replaceFile(plan.file, plan.text);
}

/** Puts back what was there before the import (the import failed after writing the template). */
export function restoreTemplate(plan: TemplatePlan, replaceFile: (file: string, text: string) => void): void {
  if (plan.text === undefined) return;
  if (plan.before === undefined) fs.rmSync(plan.file, { force: true });
  else replaceFile(plan.file, plan.before);
}
