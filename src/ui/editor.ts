import { spawnSync } from "node:child_process";
import { UserError } from "../errors.js";

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
