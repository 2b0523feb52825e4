import type { Command } from "commander";
import { type Cli, collect, examples } from "./shared.js";

/** init, add, list, show and doctor. */
export function registerCore(program: Command, cli: Cli): void {
  registerInit(program, cli);
  registerAdd(program, cli);
  registerList(program, cli);
  registerShow(program, cli);
  registerDoctor(program, cli);
}

function registerInit(program: Command, { context, done }: Cli): void {
  program
    .command("init")
    .description("start a journal: entries/, templates/, nexus.config.json")
    .argument("[dir]", "folder to set up (default: the current folder)")
    .option("--ci", "also write a GitHub Actions workflow that checks the README")
    .option("--pages", "also write a GitHub Actions workflow that publishes the site (nexus build-site) on GitHub Pages")
    .option("--title <text>", "the README's title (readme.title)")
    .option("--overview <text>", "what the journal is about, one line under the title (readme.overview)")
    .option("--github <handle>", "your GitHub handle, for the README's contact (readme.contact)")
    .addHelpText(
      "after",
      examples(
        "nexus init                       on a terminal: asks the README's title, overview and your GitHub handle",
        "nexus init ~/til",
        'nexus init --title "Ada\'s TIL" --overview "What I learn at the bootcamp." --github ada',
        "nexus init --ci",
        "nexus init --pages   then Settings > Pages > Source: GitHub Actions",
      ) + "\nWith --title, --overview or --github, or with no terminal, init asks nothing. In a journal set up\nbefore, these flags change nexus.config.json (as nexus config set does).\n",
    )
    .action(async (dir: string | undefined, flags: { ci?: boolean; pages?: boolean; title?: string; overview?: string; github?: string }, command: Command) => {
      const { init } = await import("../commands/init.js");
      const readme = { title: flags.title, overview: flags.overview, github: flags.github };
      done(await init(context(command).io, { dir, ci: Boolean(flags.ci), pages: Boolean(flags.pages), readme }));
    });
}

function registerAdd(program: Command, { context, done }: Cli): void {
  program
    .command("add")
    .alias("new")
    .description("log a learning: asks on a terminal, or takes flags")
    .argument("[title]", "what you learned, in a few words (or --title)")
    .option("--title <text>", "what you learned, in a few words (or the argument)")
    .option("-p, --topic <name>", "the technology or concept, such as Django")
    .option("-t, --tag <tag>", "a tag (repeat it, or separate with commas)", collect, [])
    .option("--challenge <markdown>", "what was hard (- reads stdin)")
    .option("--solution <markdown>", "what solved it (- reads stdin)")
    .option("--takeaway <markdown>", "what to remember (- reads stdin)")
    .option("-d, --date <date>", "the day of the learning: YYYY-MM-DD, today or yesterday (default: today)")
    .option("--featured", "a featured challenge: the README shows it under Challenges (featured: true)")
    .option("-e, --edit", "write the entry in $VISUAL or $EDITOR")
    .option("--dry-run", "print the entry instead of saving it")
    .option("--json", "print the saved entry as JSON (path, title, topic, date, tags, sections)")
    .addHelpText(
      "after",
      examples(
        "nexus add",
        'nexus add "Fixing N+1 queries"                 # asks for the rest on a terminal',
        'nexus add --title "Fixing N+1 queries" --topic Django --tag orm --tag performance \\\n      --challenge "List views ran 200 queries" --solution "select_related()" --takeaway "Profile first"',
        'nexus add --title "asyncio.gather" --topic Python --edit',
        'git log -1 --format=%B | nexus add --title "Retry with backoff" --topic Celery --solution -',
      ),
    )
    .action(async (titleArgument: string | undefined, flags: Record<string, unknown>, command: Command) => {
      const { add } = await import("../commands/add.js");
      done(
        await add(context(command), {
          titleArgument,
          title: flags.title as string | undefined,
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          challenge: flags.challenge as string | undefined,
          solution: flags.solution as string | undefined,
          takeaway: flags.takeaway as string | undefined,
          date: flags.date as string | undefined,
          featured: Boolean(flags.featured),
          edit: Boolean(flags.edit),
          dryRun: Boolean(flags.dryRun),
          json: Boolean(flags.json),
        }),
      );
    });
}

function registerList(program: Command, { context, done }: Cli): void {
  program
    .command("list")
    .alias("ls")
    .description("list entries, newest first")
    .option("-p, --topic <name>", "only this topic (any case)")
    .option("-t, --tag <tag>", "only entries with this tag (repeat for all of several)", collect, [])
    .option("--since <date>", "only entries on or after this date (YYYY-MM-DD, today or yesterday)")
    .option("--until <date>", "only entries on or before this date (YYYY-MM-DD, today or yesterday)")
    .option("-n, --limit <n>", "at most this many entries")
    .option("--featured", "only featured challenges (featured: true)")
    .option("--json", "print a JSON array")
    .addHelpText(
      "after",
      examples("nexus list", "nexus list --topic Django --tag orm", "nexus list --since 2026-01-01 --limit 10", "nexus list --featured", "nexus list --json | jq '.[].title'"),
    )
    .action(async (flags: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const [{ dateFlag, countFlag }, { list }] = await Promise.all([import("../journal/filter.js"), import("../commands/list.js")]);
      done(
        await list(context(command), {
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          since: dateFlag("--since", flags.since as string | undefined),
          until: dateFlag("--until", flags.until as string | undefined),
          limit: countFlag("--limit", flags.limit as string | undefined),
          featured: Boolean(flags.featured),
          json: Boolean(flags.json),
        }),
      );
    });
}

function registerShow(program: Command, { context, done }: Cli): void {
  program
    .command("show")
    .alias("open")
    .description("show one entry, rendered for the terminal")
    .argument("[entry]", "path, file name, slug, date, or part of the title (on a terminal: a list when it is several; none: search as you type)")
    .option("--raw", "print the file as it is")
    .option("--json", "print the entry as JSON")
    .addHelpText(
      "after",
      examples(
        "nexus show select-related",
        "nexus show entries/2026-11-20-fixing-n-1-queries.md",
        "nexus show 2026-11-20                  the entry of that day (a terminal lists several)",
        'nexus show "rate limit" --raw',
        "nexus show                             on a terminal: search as you type, Enter shows",
      ),
    )
    .action(async (entry: string | undefined, flags: { raw?: boolean; json?: boolean }, command: Command) => {
      const { show } = await import("../commands/show.js");
      done(await show(context(command), { entry, raw: Boolean(flags.raw), json: Boolean(flags.json) }));
    });
}

function registerDoctor(program: Command, { context, done }: Cli): void {
  program
    .command("doctor")
    .description("check every entry file and report problems as path:line: message")
    .option("--json", "print the problems as JSON")
    .addHelpText("after", examples("nexus doctor", "nexus doctor --strict     # warnings fail too", "nexus doctor --json"))
    .action(async (flags: { json?: boolean }, command: Command) => {
      const { doctor } = await import("../commands/doctor.js");
      done(await doctor(context(command), { json: Boolean(flags.json) }));
    });
}
