import fs from "node:fs";
import path from "node:path";
import type { EntryDraft } from "../domain/entry.js";
import { yamlFlowList, yamlScalar } from "../domain/frontmatter.js";
import { DEFAULT_TEMPLATES } from "../package-paths.js";
import type { Journal } from "./root.js";

/** Reads the journal's own template, or the package's built-in one. */
export function readTemplate(journal: Journal | undefined, name: "entry.md" | "README.md"): { text: string; file: string } {
  if (journal) {
    const own = path.join(journal.root, "templates", name);
    try {
      const stat = fs.lstatSync(own);
      if (stat.isFile()) return { text: fs.readFileSync(own, "utf8"), file: own };
    } catch {
      // No template of its own: the built-in one serves.
    }
  }
  const builtIn = path.join(DEFAULT_TEMPLATES, name);
  return { text: fs.readFileSync(builtIn, "utf8"), file: builtIn };
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
