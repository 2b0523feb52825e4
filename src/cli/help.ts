// How `nexus --help` (and `nexus` alone) looks: the commands in groups by what a person
// is doing, options without commander's `(default: [])`, examples at the end, and one
// short rule for short flags. Also what a mistyped command suggests.
import type { Command, Help, Option } from "commander";
import { suggestCommands, suggestionLine } from "./suggest.js";
import { examples } from "./shared.js";

/** The groups of `nexus --help`, in order, and the commands of each. */
export const COMMAND_GROUPS: [heading: string, commands: string[]][] = [
  ["Write:", ["init", "add", "edit", "rm", "restore"]],
  ["Find and read:", ["list", "show", "search"]],
  ["Look back:", ["stats", "review", "topics", "tags"]],
  ["Publish:", ["build-readme", "build-site"]],
  ["Set up and check:", ["config", "import", "doctor", "completion", "help"]],
];
const OTHER = "Other commands:";

/**
 * The short flags and the one long flag each stands for, in every command. A short flag
 * never means two things (tests/e2e/help.test.ts checks every command against this).
 */
export const SHORT_FLAGS: Record<string, string> = {
  "-C": "--dir",
  "-h": "--help",
  "-v": "--version",
  "-p": "--topic",
  "-t": "--tag",
  "-n": "--limit",
  "-d": "--date",
  "-e": "--edit",
  "-f": "--force",
  "-o": "--out",
  "-y": "--yes",
};

export const TOP_EXAMPLES = examples(
  "nexus init                     start a journal in this folder",
  'nexus add "Select related"     log a learning; asks for the rest on a terminal',
  "nexus list -p Django -n 5      the newest five entries of a topic",
  "nexus search celery retry      find by words; with none, search as you type",
  "nexus show select-related      read one: by name, part of its title or date",
  "nexus review                   spaced repetition of your challenges",
  "nexus build-readme             publish the journal as README.md",
);

/** Puts each command in its group, in the groups' order; then the help command, last. */
export function groupCommands(program: Command): void {
  const order = COMMAND_GROUPS.flatMap(([, names]) => names);
  const groupOf = new Map(COMMAND_GROUPS.flatMap(([heading, names]) => names.map((n) => [n, heading] as const)));
  const place = (c: Command) => (order.includes(c.name()) ? order.indexOf(c.name()) : order.length);
  (program.commands as Command[]).sort((a, b) => place(a) - place(b));
  for (const command of program.commands) command.helpGroup(groupOf.get(command.name()) ?? OTHER);
  program.commandsGroup(groupOf.get("help")!);
  program.helpCommand("help [command]", "show the help of a command (the same as nexus COMMAND --help)");
}

/** Help settings for every command: no `(default: [])` after a repeatable option. */
export function helpSettings(base: typeof Help): Partial<Help> {
  return {
    sortSubcommands: false,
    showGlobalOptions: true,
    optionDescription(this: Help, option: Option) {
      return base.prototype.optionDescription.call(this, option).replace(/ \(default: \[\]\)$/, "");
    },
  };
}

/** The help of `nexus help` itself (`nexus help --help`). */
export const HELP_OF_HELP = `Usage: nexus help [command]

Show the help of a command, the same as nexus COMMAND --help; with no command,
the list of commands.
${examples("nexus help", "nexus help add", "nexus add --help")}`;

/** Replaces commander's suggestion for an unknown command with ours (src/cli/suggest.ts). */
export function suggestKnownCommands(program: Command): void {
  const self = program as Command & { unknownCommand(): void; args: string[] };
  self.unknownCommand = function unknownCommand() {
    const typed = this.args[0] ?? "";
    const names = this.createHelp()
      .visibleCommands(this)
      .flatMap((c) => [c.name(), ...c.aliases()]);
    this.error(`error: unknown command '${typed}'${suggestionLine(suggestCommands(typed, names))}`, { code: "commander.unknownCommand" });
  };
}
