// The one place where commands and options are declared. Each action turns flags
// into typed options, imports its command module lazily and calls it.
// Nothing heavy is imported statically: `nexus --version` loads no library at all,
// and each command loads only what it uses.
import type { Command } from "commander";
import { EXIT, UsageError, UserError } from "./errors.js";
import { packageVersion } from "./package-paths.js";
import type { Io } from "./ui/io.js";
import type { Context } from "./commands/context.js";

let commander: typeof import("commander");
let ui: typeof import("./ui/io.js");

const collect = (value: string, previous: string[]) => [...previous, value];

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

interface GlobalFlags {
  dir?: string;
  color: boolean;
  pager: boolean;
  strict?: boolean;
  debug?: boolean;
}

let io: Io | undefined;

/** Commands whose output can be long: on a terminal it goes through $PAGER, as git does. */
const PAGED = new Set(["list", "show", "search", "stats", "doctor", "topics", "tags"]);
/** What a paged command printed, shown through the pager when it is done. */
let pagedOutput: string[] | undefined;

function context(command: Command): Context {
  const flags = command.optsWithGlobals<GlobalFlags>();
  io ??= ui.processIo(ui.colorLevel({ noColorFlag: flags.color === false, env: process.env, isTTY: Boolean(process.stdout.isTTY) }));
  let commandIo = io;
  if (flags.pager !== false && PAGED.has(command.name()) && io.stdoutIsTTY) {
    const buffer: string[] = (pagedOutput ??= []);
    commandIo = { ...io, out: (text) => void buffer.push(text) };
  }
  return { io: commandIo, dir: flags.dir ?? (process.env.NEXUS_DIR || undefined), strict: Boolean(flags.strict) };
}

/** Shows what a paged command printed; also after an error, so nothing is lost. */
async function flushPaged(): Promise<void> {
  if (!pagedOutput?.length || !io) return;
  const text = pagedOutput.join("");
  pagedOutput = undefined;
  const { page } = await import("./ui/pager.js");
  await page(io, text);
}

let exitCode: number = EXIT.ok;
const done = (code: number) => {
  exitCode = code;
};

export function buildProgram(): Command {
  const program = new commander.Command("nexus")
    .description("A learning journal for the terminal: log what you learn, find it again, publish it as your README.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("-C, --dir <path>", "use the journal in this folder (default: found from the current folder up; env NEXUS_DIR)")
    .option("--no-color", "print without colour (also NO_COLOR=1)")
    .option("--no-pager", "never page long output (default on a terminal: $PAGER, or less -R)")
    .option("--strict", "treat warnings about entries as failure (exit 1)")
    .addOption(new commander.Option("--debug", "print stack traces of unexpected errors").hideHelp())
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error:/, "nexus: error:")),
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run with --help for usage)")
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText(
      "after",
      examples(
        "nexus init                         start a journal in this folder",
        'nexus add --title "Select related" --topic Django --tag orm',
        "nexus list --topic Django --limit 5",
        "nexus show select-related",
        "nexus doctor",
      ),
    );

  program
    .command("init")
    .description("start a journal: entries/, templates/, nexus.config.json")
    .argument("[dir]", "folder to set up (default: the current folder)")
    .option("--ci", "also write a GitHub Actions workflow that checks the README")
    .addHelpText("after", examples("nexus init", "nexus init ~/til", "nexus init --ci"))
    .action(async (dir: string | undefined, flags: { ci?: boolean }, command: Command) => {
      const { init } = await import("./commands/init.js");
      done(await init(context(command).io, { dir, ci: Boolean(flags.ci) }));
    });

  program
    .command("add")
    .description("log a learning: asks on a terminal, or takes flags")
    .option("-t, --title <text>", "what you learned, in a few words")
    .option("-p, --topic <name>", "the technology or concept, such as Django")
    .option("--tag <tag>", "a tag (repeat it, or separate with commas)", collect, [])
    .option("--challenge <markdown>", "what was hard (- reads stdin)")
    .option("--solution <markdown>", "what solved it (- reads stdin)")
    .option("--takeaway <markdown>", "what to remember (- reads stdin)")
    .option("-d, --date <YYYY-MM-DD>", "the day of the learning (default: today)")
    .option("-e, --edit", "write the entry in $VISUAL or $EDITOR")
    .option("-n, --dry-run", "print the entry instead of saving it")
    .option("--json", "print the saved entry as JSON (path, title, topic, date, tags, sections)")
    .addHelpText(
      "after",
      examples(
        "nexus add",
        'nexus add --title "Fixing N+1 queries" --topic Django --tag orm --tag performance \\\n      --challenge "List views ran 200 queries" --solution "select_related()" --takeaway "Profile first"',
        'nexus add --title "asyncio.gather" --topic Python --edit',
        'git log -1 --format=%B | nexus add --title "Retry with backoff" --topic Celery --solution -',
      ),
    )
    .action(async (flags: Record<string, unknown>, command: Command) => {
      const { add } = await import("./commands/add.js");
      done(
        await add(context(command), {
          title: flags.title as string | undefined,
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          challenge: flags.challenge as string | undefined,
          solution: flags.solution as string | undefined,
          takeaway: flags.takeaway as string | undefined,
          date: flags.date as string | undefined,
          edit: Boolean(flags.edit),
          dryRun: Boolean(flags.dryRun),
          json: Boolean(flags.json),
        }),
      );
    });

  program
    .command("list")
    .alias("ls")
    .description("list entries, newest first")
    .option("-p, --topic <name>", "only this topic (any case)")
    .option("--tag <tag>", "only entries with this tag (repeat for all of several)", collect, [])
    .option("--since <date>", "only entries on or after this date")
    .option("--until <date>", "only entries on or before this date")
    .option("-n, --limit <n>", "at most this many entries")
    .option("--json", "print a JSON array")
    .addHelpText(
      "after",
      examples("nexus list", "nexus list --topic Django --tag orm", "nexus list --since 2026-01-01 --limit 10", "nexus list --json | jq '.[].title'"),
    )
    .action(async (flags: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const { dateFlag, countFlag } = await import("./journal/filter.js");
      const { list } = await import("./commands/list.js");
      done(
        await list(context(command), {
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          since: dateFlag("--since", flags.since as string | undefined),
          until: dateFlag("--until", flags.until as string | undefined),
          limit: countFlag("--limit", flags.limit as string | undefined),
          json: Boolean(flags.json),
        }),
      );
    });

  program
    .command("show")
    .description("show one entry, rendered for the terminal")
    .argument("<entry>", "path, file name, slug, or a unique part of the title")
    .option("--raw", "print the file as it is")
    .option("--json", "print the entry as JSON")
    .addHelpText("after", examples("nexus show select-related", "nexus show entries/2026-11-20-fixing-n-1-queries.md", 'nexus show "rate limit" --raw'))
    .action(async (entry: string, flags: { raw?: boolean; json?: boolean }, command: Command) => {
      const { show } = await import("./commands/show.js");
      done(await show(context(command), { entry, raw: Boolean(flags.raw), json: Boolean(flags.json) }));
    });

  program
    .command("doctor")
    .description("check every entry file and report problems as path:line: message")
    .option("--json", "print the problems as JSON")
    .addHelpText("after", examples("nexus doctor", "nexus doctor --strict     # warnings fail too", "nexus doctor --json"))
    .action(async (flags: { json?: boolean }, command: Command) => {
      const { doctor } = await import("./commands/doctor.js");
      done(await doctor(context(command), { json: Boolean(flags.json) }));
    });

  // --- search (issue 3): declared here ---
  program
    .command("search")
    .description("find entries by words, typos and all, best first")
    .argument("[words...]", "every word must match; with none, a terminal opens an interactive search")
    .option("-p, --topic <name>", "only this topic (any case)")
    .option("--tag <tag>", "only entries with this tag (repeat for all of several)", collect, [])
    .option("--since <date>", "only entries on or after this date")
    .option("--until <date>", "only entries on or before this date")
    .option("-n, --limit <n>", "at most this many results (default: 10)")
    .option("--json", "print a JSON array, best first, with score (0 is best, 1 weakest) and matched fields")
    .addHelpText(
      "after",
      examples(
        "nexus search celery retry          every word must match",
        "nexus search kubernets             typos are forgiven",
        'nexus search "select_related()" n+1 --topic Django',
        "nexus search                       interactive, on a terminal",
        "nexus search throttling --json | jq '.[0].path'",
      ) +
        "\nA word in the title, topic or a tag ranks above one in the body, an exact word above a\n" +
        "prefix or a typo, and newer entries first among equals. Exit 1 when nothing matches.\n",
    )
    .action(async (words: string[], flags: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const { dateFlag, countFlag } = await import("./journal/filter.js");
      const { search, DEFAULT_LIMIT } = await import("./commands/search.js");
      done(
        await search(context(command), {
          words,
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          since: dateFlag("--since", flags.since as string | undefined),
          until: dateFlag("--until", flags.until as string | undefined),
          limit: countFlag("--limit", flags.limit as string | undefined) ?? DEFAULT_LIMIT,
          json: Boolean(flags.json),
        }),
      );
    });
  // --- end search ---

  // --- build-readme (issue 4): declared here ---
  program
    .command("build-readme")
    .description("generate README.md from templates/README.md and the entries")
    .option("--check", "write nothing; exit 1 and print a diff when README.md is out of date (for CI)")
    .option("--stdout", "print the README instead of writing it")
    .option("-f, --force", "write the whole template over README.md, text outside the markers included")
    .addHelpText(
      "after",
      examples(
        "nexus build-readme                 update the parts between the nexus markers",
        "nexus build-readme --check         in CI: fails when README.md is stale",
        "nexus build-readme --stdout | less",
        "nexus build-readme --force         start README.md over from the template",
      ) +
        "\nOnly text between <!-- nexus:begin NAME --> and <!-- nexus:end NAME --> lines is replaced; a README\n" +
        "without markers is never overwritten unless --force. Placeholders: {{toc}} {{topics}} {{takeaways}}\n" +
        "{{challenges}} {{stats}} {{config.KEY}}, and {{topics:GROUP}} {{takeaways:GROUP}} for one group.\n",
    )
    .action(async (flags: { check?: boolean; stdout?: boolean; force?: boolean }, command: Command) => {
      const { buildReadme } = await import("./commands/build-readme.js");
      done(await buildReadme(context(command), { check: Boolean(flags.check), stdout: Boolean(flags.stdout), force: Boolean(flags.force) }));
    });
  // --- end build-readme ---

  // --- everyday commands (issue 5): declared here ---
  program
    .command("edit")
    .description("edit one entry in $VISUAL or $EDITOR; saved only when it is still valid")
    .argument("<entry>", "path, file name, slug, or a unique part of the title")
    .addHelpText("after", examples("nexus edit select-related", "nexus edit entries/2026-11-20-fixing-n-1-queries.md", 'EDITOR="code --wait" nexus edit "rate limit"'))
    .action(async (entry: string, _flags: unknown, command: Command) => {
      const { edit } = await import("./commands/edit.js");
      done(await edit(context(command), { entry }));
    });

  program
    .command("rm")
    .description("remove one entry (asks first; --yes without a terminal)")
    .argument("<entry>", "path, file name, slug, or a unique part of the title")
    .option("-y, --yes", "remove without asking")
    .addHelpText("after", examples("nexus rm select-related", "nexus rm entries/2026-11-20-fixing-n-1-queries.md --yes"))
    .action(async (entry: string, flags: { yes?: boolean }, command: Command) => {
      const { rm } = await import("./commands/rm.js");
      done(await rm(context(command), { entry, yes: Boolean(flags.yes) }));
    });

  for (const [name, what] of [
    ["topics", "topic"],
    ["tags", "tag"],
  ] as const) {
    program
      .command(name)
      .description(`list ${name} with their entry counts, most used first; --rename merges spellings`)
      .option("--json", "print a JSON array of {name, count}")
      .option("--rename <names...>", `rename ${what} OLD to NEW in every entry (give both: --rename OLD NEW)`)
      .option("-n, --dry-run", "with --rename: show what would change, write nothing")
      .addHelpText(
        "after",
        name === "tags"
          ? examples("nexus tags", "nexus tags --json | jq -r '.[].name'", "nexus tags --rename CI/CD ci-cd --dry-run", "nexus tags --rename docker Docker")
          : examples("nexus topics", "nexus topics --json", "nexus topics --rename django Django"),
      )
      .action(async (flags: { json?: boolean; rename?: string[]; dryRun?: boolean }, command: Command) => {
        const { labels } = await import("./commands/tags.js");
        const field = name === "tags" ? "tags" : "topic";
        done(await labels(context(command), field, { json: Boolean(flags.json), rename: flags.rename, dryRun: Boolean(flags.dryRun) }));
      });
  }
  program
    .command("stats")
    .description("the journey in figures: entries per topic and month, a year of days, streaks, top tags")
    .option("--until <date>", "count entries up to this day and end the charts there (default: today)")
    .option("--json", "print the same figures as JSON")
    .addHelpText("after", examples("nexus stats", "nexus stats --until 2026-06-30", "nexus stats --json | jq .streaks"))
    .action(async (flags: { until?: string; json?: boolean }, command: Command) => {
      const { dateFlag } = await import("./journal/filter.js");
      const { stats } = await import("./commands/stats.js");
      done(await stats(context(command), { until: dateFlag("--until", flags.until), json: Boolean(flags.json) }));
    });
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
      const { completion, describeProgram } = await import("./commands/completion.js");
      done(await completion(context(command), { shell, spec: describeProgram(program) }));
    });

  program
    .command("__complete", { hidden: true })
    .argument("<what>", "topics, tags or entries")
    .action(async (what: string, _flags: unknown, command: Command) => {
      const { complete } = await import("./commands/completion.js");
      done(await complete(context(command), { what }));
    });
  // --- end everyday commands ---

  return program;
}

function printError(error: unknown, debug: boolean): number {
  const color = io?.color;
  const red = (s: string) => (color ? color.red(s) : s);
  if (error instanceof UserError) {
    process.stderr.write(`${red("nexus:")} ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  process.stderr.write(`nexus: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  if (debug) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
  else process.stderr.write("(run with --debug for details; please report it)\n");
  return EXIT.failure;
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    process.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  commander = await import("commander");
  const program = buildProgram();
  // Colour and output are set up only when a command runs, not for --help.
  program.hook("preAction", async () => {
    ui ??= await import("./ui/io.js");
  });
  if (args.length === 0) {
    process.stdout.write(program.helpInformation());
    return EXIT.ok;
  }
  const helpFor = args[0] === "help" ? args[1] : undefined;
  if (helpFor && !program.commands.some((c) => c.name() === helpFor || c.aliases().includes(helpFor))) {
    process.stderr.write(`nexus: error: unknown command '${helpFor}'\n(run nexus --help for the commands)\n`);
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv);
    await flushPaged();
    return exitCode;
  } catch (error) {
    await flushPaged();
    if (error instanceof commander.CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      printError(error, false);
      return EXIT.usage;
    }
    return printError(error, args.includes("--debug"));
  }
}

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(exitCode);
  throw error;
});

process.exitCode = await main(process.argv);
