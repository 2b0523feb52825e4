// `:e` at a section's prompt: the section so far in the user's editor, for text too
// long to type line by line. The file is a temporary one, removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../errors.js";
import { readRegular } from "../journal/regular-file.js";
import { openEditor } from "./editor.js";

/** The section as edited (trailing blank lines dropped); undefined when no editor could be opened (said on stderr). */
export function editSection(text: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-section-"));
  const file = path.join(folder, "section.md");
  try {
    fs.writeFileSync(file, text ? `${text}\n` : "", { mode: 0o600 });
    openEditor(file, env);
    return readRegular(file, { maxBytes: 1024 * 1024, encoding: "utf8" }).replace(/\r\n?/g, "\n").replace(/\s+$/, "");
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`nexus: ${error.message}; go on typing here\n`);
    return undefined;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
