import type { Command } from "commander";
import { type Cli, examples } from "./shared.js";

/** build-site. */
export function registerSite(program: Command, { context, done }: Cli): void {
  program
    .command("build-site")
    .description("make a static website of the journal in site/: pages, search, feeds (no server needed)")
    .option("-o, --out <folder>", "write the site here (default: site/ in the journal)")
    .option("--base-url <url>", 'the site\'s address, for canonical links, the feeds and the sitemap (default: "site.url" in nexus.config.json)')
    .option("--serve", "then preview it on 127.0.0.1, rebuilding when an entry changes")
    .option("--port <n>", "the preview's port (default: 4173; 0 picks a free one)")
    .addHelpText(
      "after",
      examples(
        "nexus build-site                                   writes site/",
        "nexus build-site --base-url https://me.github.io/til/",
        "nexus build-site --serve                           preview at http://127.0.0.1:4173/",
        "nexus build-site --out _site --base-url \"$URL\"     as the workflow of `nexus init --pages` does",
      ) +
        "\nLinks between pages are relative: the same site works at /, under /repo/ and opened from the\n" +
        "files (file://). Search runs in the browser with the index and the ranking of `nexus search`.\n" +
        "Without a base URL the site has no feeds, sitemap or canonical links. Only files that changed\n" +
        "are written; a manifest (.nexus-site.json) in the folder lists what nexus wrote there.\n",
    )
    .action(async (flags: { out?: string; baseUrl?: string; serve?: boolean; port?: string }, command: Command) => {
      const { buildSite, serveSite, portFlag } = await import("../commands/build-site.js");
      const options = { out: flags.out, baseUrl: flags.baseUrl };
      done(flags.serve ? await serveSite(context(command), { ...options, port: portFlag(flags.port) }) : await buildSite(context(command), options));
    });
}
