import type { Command } from "commander";
import { type Cli, examples } from "./shared.js";

/** edit, rm, restore, topics, tags, stats and completion. */
export function registerEveryday(program: Command, cli: Cli): void {
  registerEdit(program, cli);
  registerRm(program, cli);
  registerRestore(program, cli);
  registerTopicsAndTags(program, cli);
  registerStats(program, cli);
  registerCompletion(program, cli);
  registerComplete(program, cli);
}

function registerEdit(program: Command, { context, done }: Cli): void {
  program
    .command("edit")
    .description("edit one entry in $VISUAL or $EDITOR; saved only when it is still valid")
    .argument("[entry]", "path, file name, slug, date, or part of the title (none on a terminal: the newest)")
    .option("--last", "edit the newest entry")
    .option("--featured", "mark it a featured challenge (featured: true) without opening the editor")
    .option("--no-featured", "unmark it (featured: false) without opening the editor")
    .addHelpText(
      "after",
      examples(
        "nexus edit select-related",
        "nexus edit --last                      the newest entry (also nexus edit alone, on a terminal)",
        "nexus edit entries/2026-11-20-fixing-n-1-queries.md",
        'EDITOR="code --wait" nexus edit "rate limit"',
        'nexus edit "rate limit" --featured',
      ),
    )
    .action(async (entry: string | undefined, flags: { featured?: boolean; last?: boolean }, command: Command) => {
      const { edit } = await import("../commands/edit.js");
      done(await edit(context(command), { entry, last: Boolean(flags.last), featured: flags.featured }));
    });
}

function registerRm(program: Command, { context, done }: Cli): void {
  program
    .command("rm")
    .aliases(["delete", "remove"])
    .description("move one entry to the trash (asks first; --yes without a terminal); nexus restore brings it back")
    .argument("<entry>", "path, file name, slug, date or part of the title; with --yes a whole name only")
    .option("-y, --yes", "remove without asking; takes a whole name only (path, file name, slug or whole title)")
    .addHelpText(
      "after",
      examples(
        "nexus rm select-related",
        "nexus rm entries/2026-11-20-fixing-n-1-queries.md --yes",
        "nexus restore                          list the trash; nexus restore 1 brings back the last removed",
      ),
    )
    .action(async (entry: string, flags: { yes?: boolean }, command: Command) => {
      const { rm } = await import("../commands/rm.js");
      done(await rm(context(command), { entry, yes: Boolean(flags.yes) }));
    });
}

function registerRestore(program: Command, { context, done }: Cli): void {
  program
    .command("restore")
    .description("list the entries rm moved to the trash, or bring one back (never over a file that is there)")
    .argument("[which]", "its number in the list (1: the last removed), or its path, file name or slug; none: list the trash")
    .option("--json", "print the trash, or the entry brought back, as JSON")
    .addHelpText(
      "after",
      examples(
        "nexus restore                          the trash, numbered, last removed first",
        "nexus restore 1                        bring back the last removed entry",
        "nexus restore entries/2026-11-20-fixing-n-1-queries.md",
        "nexus restore --json | jq -r '.[].path'",
      ) + "\nThe trash is .nexus/trash/ in the journal (git-ignored); deleting it empties it for good.\n",
    )
    .action(async (which: string | undefined, flags: { json?: boolean }, command: Command) => {
      const { restore } = await import("../commands/restore.js");
      done(await restore(context(command), { entry: which, json: Boolean(flags.json) }));
    });
}

function registerTopicsAndTags(program: Command, { context, done }: Cli): void {
  for (const [name, what] of [
    ["topics", "topic"],
    ["tags", "tag"],
  ] as const) {
    program
      .command(name)
      .description(`list ${name} with their entry counts, most used first; --rename merges spellings`)
      .option("--json", "print a JSON array of {name, count}")
      .option("--rename <names...>", `rename ${what} OLD to NEW in every entry (give both: --rename OLD NEW)`)
      .option("--dry-run", "with --rename: show what would change, write nothing")
      .addHelpText(
        "after",
        name === "tags"
          ? examples("nexus tags", "nexus tags --json | jq -r '.[].name'", "nexus tags --rename CI/CD ci-cd --dry-run", "nexus tags --rename docker Docker")
          : examples("nexus topics", "nexus topics --json", "nexus topics --rename django Django"),
      )
      .action(async (flags: { json?: boolean; rename?: string[]; dryRun?: boolean }, command: Command) => {
        const { labels } = await import("../commands/tags.js");
        const field = name === "tags" ? "tags" : "topic";
        done(await labels(context(command), field, { json: Boolean(flags.json), rename: flags.rename, dryRun: Boolean(flags.dryRun) }));
      });
  }
}

function registerStats(program: Command, { context, done }: Cli): void {
  program
    .command("stats")
    .description("the journey in figures: entries per topic and month, a year of days, streaks, top tags")
    .option("--until <date>", "count entries up to this day and end the charts there (default: today)")
    .option("--json", "print the same figures as JSON")
    .addHelpText("after", examples("nexus stats", "nexus stats --until 2026-06-30", "nexus stats --json | jq .streaks"))
    .action(async (flags: { until?: string; json?: boolean }, command: Command) => {
      const [{ dateFlag }, { stats }] = await Promise.all([import("../journal/filter.js"), import("../commands/stats.js")]);
      done(await stats(context(command), { until: dateFlag("--until", flags.until), json: Boolean(flags.json) }));
    });
}

function registerCompletion(program: Command, { context, done }: Cli): void {
  program
    .command("completion")
    .description("print a shell completion script for commands, options, topics, tags and entries")
    .argument("<shell>", "bash, zsh or fish")
    .addHelpText(
      "after",
      examples(
        'eval "$(nexus completion bash)"          # in ~/.bashrc',
        'eval "$(nexus completion zsh)"           # in ~/.zshrc, after compinit',
        "nexus completion fish > ~/.config/fish/completions/nexus.fish",
      ),
    )
    .action(async (shell: string, _flags: unknown, command: Command) => {
      const { completion, describeProgram } = await import("../commands/completion.js");
      done(await completion(context(command), { shell, spec: describeProgram(program) }));
    });
}

function registerComplete(program: Command, { context, done }: Cli): void {
  program
    .command("__complete", { hidden: true })
    .argument("<what>", "topics, tags or entries")
    .action(async (what: string, _flags: unknown, command: Command) => {
      const { complete } = await import("../commands/completion.js");
      done(await complete(context(command), { what }));
    });
}
