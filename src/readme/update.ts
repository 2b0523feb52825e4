// Decides what README.md becomes: the whole rendered template for a new README
// (or with --force), else the existing file with only its marker blocks replaced.

import { UserError } from "../errors.js";
import { lineEnding, MarkerError, parseMarkers, replaceBlocks } from "./markers.js";
import type { Rendered } from "./render.js";

export interface Plan {
  output: string;
  action: "create" | "update" | "rewrite" | "replace";
  /** Blocks the template makes that the README has no markers for. */
  missing: string[];
  /** For an update: the blocks whose content changes. */
  changed: string[];
}

const withFinalNewline = (content: string) => (content ? `${content}\n` : "");
const withEol = (text: string, eol: string) => (eol === "\n" ? text : text.replace(/\n/g, eol));

/**
 * `replaceHandWritten`: README.md is the hand-written README that `nexus import` made the
 * template from (the template names its digest): without markers, it is replaced whole.
 */
export function planReadme(existing: string | undefined, rendered: Rendered, options: { force: boolean; label: string; replaceHandWritten?: boolean }): Plan {
  if (existing === undefined) return { output: rendered.text, action: "create", missing: [], changed: [] };
  const eol = lineEnding(existing);
  if (options.force) return { output: withEol(rendered.text, eol), action: "rewrite", missing: [], changed: [] };
  // Byte for byte the README the template was made from: nothing in it is generated yet.
  if (options.replaceHandWritten) return { output: withEol(rendered.text, eol), action: "replace", missing: [], changed: [] };

  let blocks;
  try {
    blocks = parseMarkers(existing);
  } catch (error) {
    if (error instanceof MarkerError) {
      throw new UserError(`${options.label}:${error.line}: ${error.message}`, { hint: `${options.label} was not changed` });
    }
    throw error;
  }
  const known = [...rendered.blocks.keys()];
  if (blocks.length === 0) {
    const example = known.includes("topics") ? "topics" : (known[0] ?? "topics");
    throw new UserError(`${options.label} has no nexus markers, so it is not overwritten`, {
      hint:
        `put marker lines where a generated part belongs, such as\n` +
        `  <!-- nexus:begin ${example} -->\n  <!-- nexus:end ${example} -->\n` +
        `with a name the template makes (${known.join(", ") || "none"}),\n` +
        `or run \`nexus build-readme --force\` to write the whole template over ${options.label}`,
    });
  }
  for (const block of blocks) {
    if (!rendered.blocks.has(block.name)) {
      throw new UserError(`${options.label}:${block.beginLine}: unknown marker "${block.name}": the template has no placeholder for it`, {
        hint: `markers the template makes: ${known.join(", ") || "none"}; ${options.label} was not changed`,
      });
    }
  }
  const present = new Set(blocks.map((b) => b.name));
  const changed = blocks
    .filter((b) => existing.slice(b.contentStart, b.contentEnd).replace(/\r\n/g, "\n") !== withFinalNewline(rendered.blocks.get(b.name)!))
    .map((b) => b.name);
  return {
    output: replaceBlocks(existing, blocks, rendered.blocks),
    action: "update",
    missing: known.filter((name) => !present.has(name)),
    changed,
  };
}
