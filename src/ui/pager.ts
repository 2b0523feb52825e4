// Long output on a terminal goes through $PAGER, as git does: `less -R` by
// default with LESS=FRX when unset (quit if it fits one screen, keep colours,
// leave the text on screen). Not a terminal, TERM=dumb, --no-pager, or PAGER=cat
// (or empty) writes directly; a pager that cannot start falls back to that too.
import { spawn } from "node:child_process";
import type { Io } from "./io.js";

export interface PagerOptions {
  /** `--no-pager` was given. */
  noPager?: boolean;
}

/** The pager command to use, or undefined to write directly. */
export function pagerCommand(io: Pick<Io, "stdoutIsTTY" | "env">, options: PagerOptions = {}): string | undefined {
  if (options.noPager || !io.stdoutIsTTY) return undefined;
  const env = io.env;
  // A dumb terminal (an editor's shell, a serial console) cannot run less: write directly, as git does.
  if (env.TERM === "dumb") return undefined;
  const chosen = env.NEXUS_PAGER ?? env.PAGER;
  if (chosen !== undefined) {
    const trimmed = chosen.trim();
    return trimmed === "" || trimmed === "cat" ? undefined : trimmed;
  }
  return "less -R";
}

/**
 * Prints `text` through the pager when stdout is a terminal, else directly.
 * Resolves when the pager has closed. Quitting the pager early is not an error.
 */
export function page(io: Io, text: string, options: PagerOptions = {}): Promise<void> {
  const command = pagerCommand(io, options);
  if (!command) {
    io.out(text);
    return Promise.resolve();
  }
  const env = { ...io.env };
  env.LESS ??= "FRX";
  env.LV ??= "-c";
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      io.out(text);
      resolve();
    };
    let child;
    try {
      child = spawn("sh", ["-c", command], { stdio: ["pipe", "inherit", "inherit"], env });
    } catch {
      fallback();
      return;
    }
    child.on("error", fallback);
    child.stdin.on("error", () => {
      // EPIPE: the user quit the pager before reading everything.
    });
    child.on("close", (code) => {
      // 127: the shell found no such command; nothing was shown.
      if (code === 127) fallback();
      else if (!settled) {
        settled = true;
        resolve();
      }
    });
    child.stdin.end(text);
  });
}
