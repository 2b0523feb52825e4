// What every command's declaration needs: its context, a way to report its exit code,
// and the small helpers for options and help text.
import type { Command } from "commander";
import type { Context } from "../commands/context.js";

export interface Cli {
  /** The context a command runs in: io, --dir, --strict. */
  context(command: Command): Context;
  /** Records the exit code of the command that ran. */
  done(code: number): void;
}

/** Each file in this folder declares the commands of one concern with such a function. */
export type Register = (program: Command, cli: Cli) => void;

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** An "Examples:" block for --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}
