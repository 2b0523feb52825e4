import type { Command } from "commander";
import { type Cli, examples } from "./shared.js";

/** config get|set|unset|list: the keys of nexus.config.json. */
export function registerConfig(program: Command, { context, done }: Cli): void {
  const config = program
    .command("config")
    .description("read and write nexus.config.json: the README's title, overview, settings")
    .addHelpText(
      "after",
      examples(
        'nexus config set readme.title "Ada\'s learning journal"',
        'nexus config set readme.overview "What I learn at the bootcamp, one entry a day."',
        "nexus config get readme.title",
        "nexus config list",
        "nexus config list --all          # every key nexus knows, set or not",
        "nexus config set readme.perTopic 5",
        'nexus config set readme.goals \'["Learn Rust", "Ship a CLI"]\' --type json',
        "nexus config unset readme.license",
      ) +
        "\nThe file keeps its order, its other keys and its indentation. A value the settings refuse\n" +
        "is an error naming the key (exit 2), and nothing is written.\n",
    );
  config
    .command("get")
    .description("print the value of a key (exit 1 when it is not set)")
    .argument("<key>", "such as readme.title or review.newPerDay")
    .option("--json", "print the value as JSON")
    .addHelpText("after", examples("nexus config get readme.title", "nexus config get readme.goals --json"))
    .action(async (key: string, flags: { json?: boolean }, command: Command) => {
      const { configGet } = await import("../commands/config.js");
      done(configGet(context(command), key, { json: Boolean(flags.json) }));
    });
  config
    .command("set")
    .description("set a key (checked as every command reads it), then write the file atomically")
    .argument("<key>", "such as readme.title, readme.overview or readme.perTopic")
    .argument("<value>", "the value; - reads it from stdin")
    .option("--type <type>", "read the value as text, number, boolean or json (default: what the key takes; text for free readme keys)")
    .addHelpText(
      "after",
      examples(
        'nexus config set readme.title "Ada\'s learning journal"',
        "nexus config set readme.charts false",
        "nexus config set readme.overview - < overview.md",
        'nexus config set readme.contact \'{"GitHub": "[@ada](https://github.com/ada)"}\' --type json',
      ),
    )
    .action(async (key: string, value: string, flags: { type?: string }, command: Command) => {
      const [{ configSet }, { readStdinFlag }] = await Promise.all([import("../commands/config.js"), import("../ui/stdin.js")]);
      done(configSet(context(command), key, await readStdinFlag(value), { type: flags.type }));
    });
  config
    .command("unset")
    .description("remove a key: nexus uses its default again")
    .argument("<key>", "such as readme.license")
    .addHelpText("after", examples("nexus config unset readme.license", "nexus config unset review"))
    .action(async (key: string, _flags: unknown, command: Command) => {
      const { configUnset } = await import("../commands/config.js");
      done(configUnset(context(command), key));
    });
  config
    .command("list")
    .description("print every key that is set, as key=value")
    .option("--all", "also every key nexus knows that is not set, with what it is for")
    .option("--json", "print the file's object as JSON")
    .addHelpText("after", examples("nexus config list", "nexus config list --all", "nexus config list --json | jq .readme"))
    .action(async (flags: { json?: boolean; all?: boolean }, command: Command) => {
      const { configList } = await import("../commands/config.js");
      done(configList(context(command), { json: Boolean(flags.json), all: Boolean(flags.all) }));
    });
}
