import type { Command } from "commander";
import { type Cli, collect, examples } from "./shared.js";

/** import: bring an existing journal in. */
export function registerImport(program: Command, { context, done }: Cli): void {
  const command = program.command("import");
  command
    .description("bring an existing journal in: a hand-written README, a jrnl JSON export, a TIL folder or markdown notes")
    .argument("<path>", "a README.md, a jrnl export (.json), or a folder of markdown files")
    .addOption(command.createOption("--from <kind>", "what the source is (default: detected)").choices(["readme", "jrnl", "til", "markdown"]))
    .option("-p, --topic <name>", "topic of every imported entry (default: from the source)")
    .option("-t, --tag <tag>", "add this tag to every imported entry (repeatable)", collect, [])
    .option("--dry-run", "print what would be created (title, topic, date, file); write nothing")
    .option("--json", "print what was (or would be) created, skipped and refused as JSON")
    .option("--verbose", "print each guess (a date, a title, a topic) under its entry, as --dry-run does")
    .addHelpText(
      "after",
      `${examples(
        "nexus import README.md --dry-run          a hand-written README: sections become entries",
        "nexus import journal.json                 jrnl --format json > journal.json",
        "nexus import ~/til --from til             one folder per topic, one file per learning",
        "nexus import ~/notes --topic Notes        Obsidian, Jekyll _posts or Hugo content",
        "nexus import _posts --json | jq '.created[].file'",
      )}
What becomes what:
  readme    each heading with text under it is an entry, titled by its heading and a topic
            of its own, listed under the heading above it in "groups" of nexus.config.json
            (a challenge: an entry of the topic above it). Problem/Challenge/Issue,
            Solution/Fix/What I did and Takeaway/Lesson/Learned blocks fill those sections;
            other text is the takeaway ("Challenge N:" sections: the challenge). An entry with a problem and a solution
            is featured. Overview, goals, contact, license and notes sections become
            "readme" values of nexus.config.json (a value you set is kept).
            Date: one written in the section, else the file's first commit, else today.
            The journal's own README.md: templates/README.md gets its layout, and the
            first build-readme gives the same README back, generated (no --force).
            A README of links to the files beside it (an index): those files are imported.
  jrnl      title and body as written; tags lose their @; starred is featured;
            topic: --topic, else the first tag, else "Journal".
  til       title: the first "# " heading; topic: the folder; date: frontmatter, a date line at
            the top, else the file's first commit (following renames), else its
            modification time.
  markdown  title, date, tags, topic (or category) and featured from YAML frontmatter,
            else the first "# " heading, a YYYY-MM-DD- file name, the folder, "Notes".
Never overwrites: an entry with the same source (kept as "source:" in its
frontmatter), or the same title and date, is skipped, so importing twice creates
nothing. Symbolic links are not followed and frontmatter is read as YAML only.
`,
    )
    .action(async (target: string, flags: { from?: "readme" | "jrnl" | "til" | "markdown"; topic?: string; tag: string[]; dryRun?: boolean; json?: boolean; verbose?: boolean }, self: Command) => {
      const { importCommand } = await import("../commands/import.js");
      done(
        await importCommand(context(self), {
          path: target,
          from: flags.from,
          topic: flags.topic,
          tags: flags.tag.flatMap((t) => t.split(",")),
          dryRun: Boolean(flags.dryRun),
          json: Boolean(flags.json),
          verbose: Boolean(flags.verbose),
        }),
      );
    });
}
