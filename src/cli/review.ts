import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { type Cli, collect, examples } from "./shared.js";

/** review: spaced repetition of the journal's own entries. */
export function registerReview(program: Command, { context, done }: Cli): void {
  program
    .command("review")
    .description("review your entries with spaced repetition (FSRS): on a terminal one card at a time; --due and --rate for scripts")
    .argument("[entry]", "with --rate: the entry to rate (path, file name, slug, or a unique part of the title)")
    .option("--due", "list the cards due (today, or on --date) and exit")
    .option("--rate <rating>", "record one rating of <entry>: again, hard, good or easy")
    .option("-d, --date <date>", "the day to review or rate for: YYYY-MM-DD, today or yesterday (default: today; earlier days back-fill)")
    .option("-p, --topic <name>", "only cards of this topic (any case)")
    .option("-t, --tag <tag>", "only cards with this tag (repeat for all of several)", collect, [])
    .option("-n, --limit <n>", "at most this many cards")
    .option("--json", "with --due or --rate: print JSON")
    .addHelpText(
      "after",
      `${examples(
        "nexus review                              on a terminal: space shows the answer, 1-4 rates, q stops",
        "nexus review --due",
        "nexus review --due --json | jq -r '.[].path'",
        "nexus review select-related --rate good",
        "nexus review select-related --rate hard --date 2026-11-20",
        "nexus review --topic Django --limit 5",
      )}
Every entry with a Challenge section is a card (unless its frontmatter says review: false).
Ratings are appended to reviews.tsv in the journal: commit it; git merges it line by line.
Exit codes: 0 done, 1 nothing due, 2 usage error, 130 stopped before any rating.
`,
    )
    .action(async (entry: string | undefined, flags: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const { dateFlag, countFlag } = await import("../journal/filter.js");
      const { isRating } = await import("../review/log.js");
      const { inertLine } = await import("../domain/sanitize.js");
      const given = flags.rate as string | undefined;
      const rate = given?.trim().toLowerCase();
      if (rate !== undefined && !isRating(rate)) throw new UsageError(`--rate must be again, hard, good or easy, not "${inertLine(given!)}"`);
      const { review } = await import("../commands/review.js");
      done(
        await review(context(command), {
          entry,
          rate,
          date: dateFlag("--date", flags.date as string | undefined),
          due: Boolean(flags.due),
          json: Boolean(flags.json),
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          limit: countFlag("--limit", flags.limit as string | undefined),
        }),
      );
    });
}
