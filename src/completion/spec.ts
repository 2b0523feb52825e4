// What completion is built from: the declared commands and options, read off commander,
// so a completion script never falls behind them.
import type { Command } from "commander";
import { inertLine } from "../domain/sanitize.js";
import { CONFIG_KEYS } from "../journal/config-keys.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

/** What a value after an option or argument is completed from. */
export type ValueKind = "topics" | "tags" | "entries" | "dirs" | "shells" | "commands" | "free" | "none";

export interface OptionSpec {
  short?: string | undefined;
  long?: string | undefined;
  description: string;
  /** What the option's value is completed from ("none": it takes no value). */
  value: ValueKind;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  /** What the command's arguments are completed from. */
  argument: ValueKind;
  /** Its own commands (`config get`), each with the words its first argument is completed from. */
  subcommands: { name: string; values: string[] }[];
}

export interface ProgramSpec {
  name: string;
  global: OptionSpec[];
  commands: CommandSpec[];
}

export const oneLine = (text: string) => inertLine(text).replace(/\s+/g, " ").trim();

function valueKind(command: string, long: string | undefined, takesValue: boolean): ValueKind {
  if (!takesValue) return "none";
  if (long === "--topic") return "topics";
  if (long === "--tag") return "tags";
  if (long === "--dir") return "dirs";
  if (long === "--rename") return command === "topics" ? "topics" : command === "tags" ? "tags" : "free";
  return "free";
}

function argumentKind(command: Command): ValueKind {
  const arg = command.registeredArguments[0];
  if (!arg) return "none";
  const name = arg.name();
  if (name === "entry") return "entries";
  if (name === "shell") return "shells";
  if (name === "command") return "commands";
  if (name === "dir") return "dirs";
  return "free";
}

/** Reads the declared commands and options off commander. */
export function describeProgram(program: Command): ProgramSpec {
  const help = program.createHelp();
  const options = (command: Command, name: string): OptionSpec[] =>
    help
      .visibleOptions(command)
      .map((o) => ({ short: o.short, long: o.long, description: oneLine(o.description), value: valueKind(name, o.long, o.required || o.optional) }));
  return {
    name: program.name(),
    global: options(program, ""),
    commands: help.visibleCommands(program).map((c) => ({
      name: c.name(),
      aliases: c.aliases(),
      description: oneLine(c.description()),
      // A command with commands of its own offers their options too.
      options: [...options(c, c.name()), ...c.commands.flatMap((sub) => options(sub, c.name()))].filter((o, i, all) => all.findIndex((p) => p.long === o.long) === i),
      argument: c.name() === "help" ? "commands" : argumentKind(c),
      subcommands: c.commands.map((sub) => ({ name: sub.name(), values: sub.registeredArguments[0]?.name() === "key" ? Object.keys(CONFIG_KEYS) : [] })),
    })),
  };
}
