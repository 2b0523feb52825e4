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
      const { buildReadme } = await import("../commands/build-readme.js");
      done(await buildReadme(context(command), { check: Boolean(flags.check), stdout: Boolean(flags.stdout), force: Boolean(flags.force) }));
    });
}
