import { execFileSync, spawnSync } from "node:child_process";
import { toolsInstalled } from "./ci-tools.js";

await toolsInstalled();
/** True when tmux can be run here; interactive tests need it. */
export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

/**
 * A program running in a real pseudo-terminal under tmux, driven as a person
 * would: type keys, read the screen.
 */
export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(command: string, options: { cwd: string; env?: Record<string, string> }): TmuxSession {
    const name = `nexus-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = Object.entries({ NO_COLOR: "1", TERM: "xterm-256color", ...options.env })
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(" ");
    // The shell stays after the program so its exit code can be read from the screen.
    const script = `cd ${JSON.stringify(options.cwd)} && env -u VISUAL -u EDITOR -u FORCE_COLOR ${env} ${command}; echo "[exit $?]"; sleep 600`;
    execFileSync("tmux", ["new-session", "-d", "-s", name, "-x", "120", "-y", "50", "sh", "-c", script]);
    return new TmuxSession(name);
  }

  screen(): string {
    return execFileSync("tmux", ["capture-pane", "-p", "-J", "-S", "-200", "-t", this.name], { encoding: "utf8" });
  }

  /** Types text literally. */
  type(text: string): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, "-l", text]);
  }

  /** Presses named keys: Enter, Escape, C-c, Down, Space ... */
  press(...keys: string[]): void {
    execFileSync("tmux", ["send-keys", "-t", this.name, ...keys]);
  }

  /** Waits until the screen shows the text (or matches the pattern); returns the screen. */
  async waitFor(what: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < deadline) {
      screen = this.screen();
      if (typeof what === "string" ? screen.includes(what) : what.test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the screen never showed ${String(what)}; it shows:\n${screen}`);
  }

  kill(): void {
    spawnSync("tmux", ["kill-session", "-t", this.name]);
  }
}
