import type { Command } from "commander";
import { type Cli, collect, examples } from "./shared.js";

/** search. */
export function registerSearch(program: Command, { context, done }: Cli): void {
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
      const { dateFlag, countFlag } = await import("../journal/filter.js");
      const { search, DEFAULT_LIMIT } = await import("../commands/search.js");
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
}
