import fs from "node:fs";
import path from "node:path";
import type { EntryDraft } from "../domain/entry.js";
import { yamlFlowList, yamlScalar } from "../domain/frontmatter.js";
import { DEFAULT_TEMPLATES } from "../package-paths.js";
import { UserError } from "../errors.js";
import { isInside } from "./inside.js";
import type { Journal } from "./root.js";
import { readUtf8File } from "./text.js";
import { readRegular } from "./regular-file.js";

/**
 * The journal's own template file, if it has one. A link is followed only while it
 * stays inside the journal; one that leads out, or anything but a file, is an error.
 */
function ownTemplate(journal: Journal, name: string): string | undefined {
  const own = path.join(journal.root, "templates", name);
  const shown = path.relative(process.cwd(), own) || own;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(own);
  } catch {
    return undefined; // No template of its own: the built-in one serves.
  }
  if (stat.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync(own);
    } catch {
      throw new UserError(`${shown} is a link to a file that does not exist`, { hint: `remove the link, or point it at a template inside the journal` });
    }
    if (!isInside(fs.realpathSync(journal.root), real)) {
      throw new UserError(`${shown} is a link that leads out of the journal (to ${real}); nexus does not follow it`, {
        hint: `copy the template into ${path.join("templates", name)} instead of linking to it`,
      });
    }
    stat = fs.statSync(real);
  }
  if (!stat.isFile()) throw new UserError(`${shown} is not a file`, { hint: `remove it to use the built-in template, or put the template there` });
  return own;
}

/** Reads the journal's own template, or the package's built-in one. */
export function readTemplate(journal: Journal | undefined, name: "entry.md" | "README.md"): { text: string; file: string } {
  const own = journal && ownTemplate(journal, name);
  if (own) return { text: readUtf8File(own, path.relative(process.cwd(), own) || own), file: own };
  const builtIn = path.join(DEFAULT_TEMPLATES, name);
  return { text: readRegular(builtIn, { encoding: "utf8" }), file: builtIn };
}

/**
 * Fills the entry template. Frontmatter placeholders get YAML-quoted values so
 * that any title stays valid YAML; section placeholders get the markdown as is.
 */
export function fillEntryTemplate(template: string, draft: Partial<EntryDraft>): string {
  const values: Record<string, string> = {
    title: draft.title ? yamlScalar(draft.title) : "",
    topic: draft.topic ? yamlScalar(draft.topic) : "",
    date: draft.date ?? "",
    tags: yamlFlowList(draft.tags ?? []),
    challenge: draft.challenge ?? "",
    solution: draft.solution ?? "",
    takeaway: draft.takeaway ?? "",
  };
  return template.replace(/\{\{\s*(title|topic|date|tags|challenge|solution|takeaway)\s*\}\}/g, (_, key: string) => values[key] ?? "");
}
