// The README's two forms: every entry under its topic while the README fits its
// size budget (readme.budgetKB), a summary past it; every topic in it either way;
// the order of topics and entries; build-readme says which form it chose.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

const TEMPLATE = "# J\n\n## Topics\n\n{{topics}}\n\n## Takeaways\n\n{{takeaways}}\n\n## End\n\nBye.\n";

/** A journal of `topics` topics with entries 1, 2, 3 ... in them (topic i has i + 1 entries), one a day from 2024-01-01. */
function journal(topics: number, readme: Record<string, unknown> = {}): string {
  const files: Record<string, string> = { "nexus.config.json": JSON.stringify({ entries: "entries", readme }), "templates/README.md": TEMPLATE };
  let day = 0;
  for (let t = 0; t < topics; t += 1) {
    for (let e = 0; e <= t; e += 1) {
      const date = new Date(Date.UTC(2024, 0, 1 + day++)).toISOString().slice(0, 10);
      const topic = `Topic ${String.fromCharCode(65 + ((t * 7) % 26))}${t}`;
      files[`entries/${date}-t${t}-e${e}.md`] = entryText({ title: `Learning ${t}.${e}`, topic, date, takeaway: `What ${t}.${e} taught.` });
    }
  }
  return makeTree(files);
}

const readme = (dir: string) => fs.readFileSync(path.join(dir, "README.md"), "utf8");
const block = (text: string, name: string) => text.slice(text.indexOf(`<!-- nexus:begin ${name} -->`), text.indexOf(`<!-- nexus:end ${name} -->`));
const entryLinks = (text: string) => [...text.matchAll(/\]\((entries\/[^)]+)\)/g)].map((m) => m[1]!);

describe("the full form", () => {
  it("lists every entry under its topic, newest first, topics A to Z, and says so", async () => {
    const dir = journal(8);
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^README\.md lists every entry: \d+ KB, within its 256 KB budget$/m);
    // The first build made the pages folder, and says so.
    expect(result.stdout).toMatch(/^created journal\/ \(\d+ generated files: \d+ written\)$/m);
    const topics = block(readme(dir), "topics");
    expect(topics).toContain("_36 learnings and counting._");
    expect(new Set(entryLinks(topics)).size).toBe(36);
    const names = [...topics.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names).toHaveLength(8);
    // Newest first within a topic; each topic ends with its count and page.
    const seven = topics.slice(topics.indexOf("### Topic X7"));
    expect([...seven.matchAll(/Learning 7\.(\d)/g)].slice(0, 3).map((m) => m[1])).toEqual(["7", "6", "5"]);
    expect(seven).toContain("_8 entries, all on the [Topic X7 page](journal/topics/topic-x7.md)._");
    // Each section holds only what its title says: no takeaway text in Topics, no line about topics at the end of Takeaways.
    expect(topics).not.toContain("taught");
    const takeaways = block(readme(dir), "takeaways");
    expect((takeaways.match(/taught\./g) ?? []).length).toBe(36);
    expect(takeaways.trimEnd().split("\n").at(-1)).toMatch(/taught\.$/);
    // A later build updates the pages folder.
    fs.writeFileSync(path.join(dir, "entries/2030-01-01-new.md"), entryText({ title: "New", topic: "Topic A0", date: "2030-01-01", takeaway: "x" }));
    expect((await runCli(["build-readme"], { cwd: dir })).stdout).toMatch(/^updated journal\/ /m);
  });

  it("orders topics by size or by their newest entry, and entries by name or oldest first", async () => {
    const bySize = journal(4, { topicOrder: "size", entryOrder: "oldest" });
    await runCli(["build-readme"], { cwd: bySize });
    const topics = block(readme(bySize), "topics");
    expect([...topics.matchAll(/^### Topic \w(\d)$/gm)].map((m) => m[1])).toEqual(["3", "2", "1", "0"]);
    expect([...topics.matchAll(/Learning 3\.(\d)/g)].map((m) => m[1])).toEqual(["0", "1", "2", "3"]);
    const newest = journal(4, { topicOrder: "newest", entryOrder: "name" });
    await runCli(["build-readme"], { cwd: newest });
    expect([...block(readme(newest), "topics").matchAll(/^### Topic \w(\d)$/gm)].map((m) => m[1])).toEqual(["3", "2", "1", "0"]);
    const wrong = journal(1, { topicOrder: "random" });
    const result = await runCli(["build-readme"], { cwd: wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"readme.topicOrder" must be one of "name", "size", "newest", not "random"');
  });
});

describe("past the budget", () => {
  it("summarises, yet names every topic with its count and a link to its page", async () => {
    const dir = journal(40, { budgetKB: 8, topics: 10 });
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^README\.md summarises the journal: listing every entry would take (about )?\d+ KB, past its 8 KB budget \(readme\.budgetKB\)$/m);
    const text = readme(dir);
    const topics = block(text, "topics");
    expect(topics).not.toContain("learnings and counting");
    // 10 topics with their latest 3 entries, the other 30 in one line with their counts.
    expect([...topics.matchAll(/^### /gm)]).toHaveLength(10);
    expect(topics).toMatch(/_30 more topics: \[Topic \w+\]\(journal\/topics\/[\w-]+\.md\) \(\d+\)/);
    for (let t = 0; t < 40; t += 1) expect(topics).toMatch(new RegExp(`\\[Topic \\w${t}( page)?\\]\\(journal/topics/`));
    expect(block(text, "takeaways")).not.toMatch(/more topics?/);
  });

  it("takes the form readme.form asks for", async () => {
    const summary = journal(3, { form: "summary", perTopic: 1 });
    const result = await runCli(["build-readme"], { cwd: summary });
    expect(result.stdout).toContain('README.md summarises the journal: the latest entries of each topic (readme.form is "summary")');
    expect(entryLinks(block(readme(summary), "topics"))).toHaveLength(3);
    const full = journal(30, { form: "full", budgetKB: 1 });
    const forced = await runCli(["build-readme"], { cwd: full });
    expect(forced.stdout).toMatch(/README\.md lists every entry: \d+ KB \(readme\.form is "full"\)/);
    expect(new Set(entryLinks(block(readme(full), "topics"))).size).toBe(465);
  });
});
