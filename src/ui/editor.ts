import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";

/** Editors that draw on the terminal: without one they fail or wait forever. */
const TERMINAL_EDITORS = new Set(["vi", "vim", "nvim", "nano", "pico", "micro", "hx", "helix", "kak", "joe", "ne", "mg", "jed", "editor"]);

/** Tried in this order when neither $VISUAL nor $EDITOR is set, as git and Debian's sensible-editor do. */
export const FALLBACK_EDITORS = ["editor", "nano", "vi"] as const;

export function needsTerminal(command: string): boolean {
  const first = command.trim().split(/\s+/)[0] ?? "";
  const name = first.replace(/^["']|["']$/g, "").split("/").pop() ?? "";
  return TERMINAL_EDITORS.has(name) || (name === "emacs" && /\s(-nw|--no-window-system|-t)\b/.test(command));
}

/**
 * Checks before any draft is written that an editor can be opened here: one is
 * set or found, and it does not need a terminal that is not there.
 */
export function checkEditor(env: NodeJS.ProcessEnv, interactive: boolean, example: string): void {
  const command = editorCommand(env);
  if (!command) {
    throw new UserError(`no editor to open: set $VISUAL or $EDITOR (none of ${FALLBACK_EDITORS.join(", ")} is installed either)`, {
      hint: `for example: EDITOR=nano ${example}`,
    });
  }
  if (!interactive && needsTerminal(command)) {
    const set = Boolean(env.VISUAL?.trim() || env.EDITOR?.trim());
    throw new UserError(`the editor "${inertLine(command)}" needs a terminal, and there is none here`, {
      hint: set ? "run it from a terminal, or set EDITOR to a command that edits the file without one" : `run it from a terminal, or set EDITOR to a command that edits the file without one (${command} is used when $VISUAL and $EDITOR are not set)`,
    });
  }
}

/** The user's editor command, as git picks it: $VISUAL, then $EDITOR, then the first of `editor`, `nano`, `vi` on PATH. */
export function editorCommand(env: NodeJS.ProcessEnv): string | undefined {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || FALLBACK_EDITORS.find((name) => onPath(name, env.PATH));
}

/** Whether an executable file of this name is in one of PATH's folders. */
function onPath(name: string, searchPath: string | undefined): boolean {
  for (const dir of (searchPath ?? "").split(path.delimiter)) {
    if (!dir) continue;
    try {
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile()) {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      }
    } catch {
      // not here
    }
  }
  return false;
}

/**
 * Opens the editor on a file and waits for it to close. The command goes
 * through the shell, as git does, so `code --wait` or `vim -u NONE` work.
 */
export function openEditor(file: string, env: NodeJS.ProcessEnv): void {
  const command = editorCommand(env);
  if (!command) {
    throw new UserError("no editor to open: set $VISUAL or $EDITOR", { hint: "for example: export EDITOR=nano" });
  }
  const result = spawnSync("sh", ["-c", `${command} "$@"`, command, file], { stdio: "inherit", env });
  if (result.error) throw new UserError(`could not start the editor "${command}": ${result.error.message}`);
  if (result.status !== 0) {
    throw new UserError(`the editor "${command}" exited with status ${result.status ?? result.signal}`);
  }
}
