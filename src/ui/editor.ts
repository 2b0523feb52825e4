import { spawnSync } from "node:child_process";
import { UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";

/** Editors that draw on the terminal: without one they fail or wait forever. */
const TERMINAL_EDITORS = new Set(["vi", "vim", "nvim", "nano", "pico", "micro", "hx", "helix", "kak", "joe", "ne", "mg", "jed"]);

export function needsTerminal(command: string): boolean {
  const first = command.trim().split(/\s+/)[0] ?? "";
  const name = first.replace(/^["']|["']$/g, "").split("/").pop() ?? "";
  return TERMINAL_EDITORS.has(name) || (name === "emacs" && /\s(-nw|--no-window-system|-t)\b/.test(command));
}

/**
 * Checks before any draft is written that an editor can be opened here: one is
 * set, and it does not need a terminal that is not there.
 */
export function checkEditor(env: NodeJS.ProcessEnv, interactive: boolean, example: string): void {
  const command = editorCommand(env);
  if (!command) throw new UserError("no editor to open: set $VISUAL or $EDITOR", { hint: `for example: EDITOR=nano ${example}` });
  if (!interactive && needsTerminal(command)) {
    throw new UserError(`the editor "${inertLine(command)}" needs a terminal, and there is none here`, {
      hint: "run it from a terminal, or set EDITOR to a command that edits the file without one",
    });
  }
}

/** The user's editor command, as git picks it: $VISUAL, then $EDITOR. */
export function editorCommand(env: NodeJS.ProcessEnv): string | undefined {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || undefined;
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
