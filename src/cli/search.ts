import type { Command } from "commander";
import { type Cli, collect, examples } from "./shared.js";

/** Options of search (and of every command) that take a value: the argument after them is that value. */
const TAKES_VALUE = new Set(["-p", "--topic", "-t", "--tag", "--since", "--until", "-n", "--limit", "-C", "--dir"]);

/**
 * The arguments with `search -word` made a query word: a word after one dash (-redis,
 * -postgres) is a word the query excludes, as in GitHub's search, not a flag
 * (commander would refuse it as unknown), one letter too (-x). Only -p, -t, -n and -h stay flags (-n20 too);
 * words after `--` are left as they are.
 */
export function searchArguments(args: string[]): string[] {
  let i = 0;
  while (i < args.length && args[i]!.startsWith("-") && args[i] !== "--") i += TAKES_VALUE.has(args[i]!) ? 2 : 1;
  if (args[i] !== "search" && args[i] !== "find") return args;
  const out = args.slice(0, i + 1);
  const excluded: string[] = [];
  for (let k = i + 1; k < args.length; k += 1) {
    const arg = args[k]!;
    if (arg === "--") return [...out, "--", ...excluded, ...args.slice(k + 1)];
    if (TAKES_VALUE.has(arg) || /^--./.test(arg)) {
      out.push(arg);
      if (TAKES_VALUE.has(arg) && k + 1 < args.length) out.push(args[++k]!);
    } else if (/^-[^-\d]/u.test(arg) && arg !== "-h" && !/^-n\d+$/.test(arg)) excluded.push(arg);
    else out.push(arg);
  }
  return excluded.length ? [...out, "--", ...excluded] : out;
}

/** search. */
export function registerSearch(program: Command, { context, done }: Cli): void {
  program
    .command("search")
    .alias("find")
    .description("find entries by words (any form of them, typos and all), best first")
    .argument("[query...]", 'words, "a phrase", -word, topic:NAME tag:NAME since:DATE until:DATE; with none, a terminal opens an interactive search')
    .option("-p, --topic <name>", "only this topic (any case)")
    .option("-t, --tag <tag>", "only entries with this tag (repeat for all of several)", collect, [])
    .option("--since <date>", "only entries on or after this date (YYYY-MM-DD, today or yesterday)")
    .option("--until <date>", "only entries on or before this date (YYYY-MM-DD, today or yesterday)")
    .option("-n, --limit <n>", "at most this many results (default: 10)")
    .option("--json", "print a JSON array, best first, with the score (higher is better) and why: each word's share and fields")
    .option("--explain", "under each result, say why it ranks there: each word's share of the score and the fields it was found in")
    .addHelpText(
      "after",
      examples(
        "nexus search celery retry              every word must match",
        "nexus search optimize queries          finds Query Optimization: word forms match",
        "nexus search kubernets                 typos are forgiven; kube finds Kubernetes",
        "nexus search 'select_related()' n+1    code-like words match literally",
        "nexus search celery -redis             no entry with redis",
        "nexus search '\"connection pool\"'       the words in this order (quote a phrase for the shell)",
        "nexus search cache topic:Django since:2024-01-01 tag:orm",
        "nexus search tag:celery                filters alone list entries, newest first",
        "nexus search celery --explain          why each result ranks where it does",
        "nexus search                           interactive, on a terminal (same syntax)",
        "nexus search throttling --json | jq '.[0].path'",
      ) +
        "\nMatching: a word matches its other forms (cache, cached, caching: English stems), then\n" +
        "words one or two typos away, and the start of longer words (kube). Chinese, Japanese\n" +
        "and Thai text is cut into words; Chinese, Japanese and Korean words are also found inside\n" +
        "longer ones (東京 in 東京タワー, 서울 in 서울에서), ranked below whole words. -word is a word\n" +
        "no result may have, not a flag (only -p, -t, -n and -h are flags). Put \"phrases\" in single\n" +
        "quotes for the shell.\n" +
        "Ranking: a word in the title counts most, then tags and topic, then the takeaway, then\n" +
        "challenge and solution, then notes; more occurrences count more but saturate (BM25);\n" +
        "rarer words weigh more; words side by side get a bonus; the date only breaks ties.\n" +
        "When no entry has every word, the entries with most of them are shown, closest first,\n" +
        "after \"No entry has all of ...; closest matches:\" on stderr (--json: \"partial\": true\n" +
        "and the \"missing\" words).\n" +
        "Exit codes: 0 some entry has every word; 1 none has (closest matches, or nothing, shown);\n" +
        "2 a malformed query (an unclosed quote, topic: with no name) or a bad flag.\n",
    )
    .action(async (words: string[], flags: Record<string, string | string[] | boolean | undefined>, command: Command) => {
      const [{ dateFlag, countFlag }, { search, DEFAULT_LIMIT }] = await Promise.all([import("../journal/filter.js"), import("../commands/search.js")]);
      done(
        await search(context(command), {
          words,
          topic: flags.topic as string | undefined,
          tags: flags.tag as string[],
          since: dateFlag("--since", flags.since as string | undefined),
          until: dateFlag("--until", flags.until as string | undefined),
          limit: countFlag("--limit", flags.limit as string | undefined) ?? DEFAULT_LIMIT,
          json: Boolean(flags.json),
          explain: Boolean(flags.explain),
        }),
      );
    });
}
