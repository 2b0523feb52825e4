import type { Command } from "commander";
import { type Cli, examples } from "./shared.js";

/** build-readme. */
export function registerReadme(program: Command, { context, done }: Cli): void {
  program
    .command("build-readme")
    .description("generate README.md from templates/README.md and the entries")
    .option("--check", "write nothing; exit 1 and print a diff when README.md is out of date (for CI)")
    .option("--stdout", "print the README instead of writing it")
    .option("-f, --force", "write the whole template over README.md, text outside the markers included")
    .option("--until <date>", "end the charts on this day (default: readme.chartsUntil, else the latest entry's date)")
    .addHelpText(
      "after",
      examples(
        "nexus build-readme                 update the parts between the nexus markers",
        "nexus build-readme --check         in CI: fails when README.md is stale",
        "nexus build-readme --stdout | less",
        "nexus build-readme --force         start README.md over from the template",
        "nexus build-readme --until 2026-12-31",
      ) +
        "\nOnly text between <!-- nexus:begin NAME --> and <!-- nexus:end NAME --> lines is replaced; a README\n" +
        "without markers is never overwritten unless --force. Placeholders: {{toc}} {{topics}} {{takeaways}}\n" +
        "{{challenges}} {{stats}} {{pages}} {{charts}} {{config.KEY}}, and {{topics:GROUP}} {{takeaways:GROUP}}.\n" +
        "Pages for every entry and SVG charts are written to the folder readme.pages (default journal/),\n" +
        "with a manifest (.nexus-manifest.json) of the files nexus wrote there; --check covers them too.\n",
    )
    .action(async (flags: { check?: boolean; stdout?: boolean; force?: boolean; until?: string }, command: Command) => {
      const [{ dateFlag }, { buildReadme }] = await Promise.all([import("../journal/filter.js"), import("../commands/build-readme.js")]);
      const until = dateFlag("--until", flags.until);
      done(await buildReadme(context(command), { check: Boolean(flags.check), stdout: Boolean(flags.stdout), force: Boolean(flags.force), until }));
    });
}
