// A "today I learned" repository: its own files are not learnings, index READMEs
// are never entries, its README names its categories (in its order) and gives its
// introduction and licence; a README that indexes the files beside it imports them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, REPO_ROOT, runCli, tempDir } from "../helpers.js";

const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/import");

interface Created {
  title: string;
  topic: string;
  source: string;
}

/** A copy of a fixture folder in a temporary folder (with `outside.md` beside it), and a journal to import into. */
function setUp(fixture: string) {
  const base = tempDir("nexus-til-repo-");
  const repo = path.join(base, fixture);
  fs.cpSync(path.join(FIXTURES, fixture), repo, { recursive: true });
  fs.writeFileSync(path.join(base, "outside.md"), "# Outside\n\nsecret\n");
  const journal = makeTree({ "nexus.config.json": '{"entries": "entries"}\n' });
  return { base, repo, journal };
}

const byTopic = (created: Created[]) => created.map((c) => `${c.topic} / ${c.title}`).sort();

describe("a TIL repository imported as a folder", () => {
  it("leaves out its own files and index READMEs, names topics as its README does, and takes its introduction and licence", async () => {
    const { repo, journal } = setUp("til-repo");
    const result = await runCli(["import", repo, "--json"], { cwd: journal });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(byTopic(data.created)).toEqual([
      "GitHub Actions / Cache pip between runs",
      "GitHub Actions / Only run a job on main",
      "Python / Dataclasses with slots",
      "Python / Unlinked note",
      "Python / Walrus",
      "postgres / Partial indexes",
      "sqlite / WAL mode",
    ]);
    expect(data.created.map((c: Created) => c.source).join()).not.toMatch(/README|CONTRIBUTING|LICENSE|changelog|CODE_OF_CONDUCT/i);
    const config = JSON.parse(fs.readFileSync(path.join(journal, "nexus.config.json"), "utf8"));
    expect(config.groups).toEqual([{ title: "", topics: ["GitHub Actions", "Python"] }]);
    expect(config.readme.overview).toMatch(/^Short notes on things I learn, one file each\./);
    expect(config.readme.overview).toContain("Written by Kim.");
    expect(config.readme.license).toBe("CC BY 4.0");
    // The README lists every entry, topics in the README's order first.
    const built = await runCli(["build-readme"], { cwd: journal });
    expect(built.code).toBe(0);
    const readme = fs.readFileSync(path.join(journal, "README.md"), "utf8");
    const topics = [...readme.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(topics.slice(0, 2)).toEqual(["GitHub Actions", "Python"]);
    expect(readme).toContain("_7 learnings and counting._");
  });

  it("takes notes at the top level and in nested folders, each in its folder's topic", async () => {
    const { repo, journal } = setUp("notes-top");
    const data = JSON.parse((await runCli(["import", repo, "--json", "--dry-run"], { cwd: journal })).stdout);
    expect(data.source.kind).toBe("markdown");
    expect(byTopic(data.created)).toEqual(["Notes / Rebase onto", "Notes / Tabs in Makefiles", "er / Deep note"]);
  });
});

describe("an index README", () => {
  it("imports the files it links, titled and grouped as it lists them; never a link out of its folder or through a link", async () => {
    const { base, repo, journal } = setUp("til-repo");
    fs.symlinkSync(path.join(base, "outside.md"), path.join(repo, "python/linked.md"));
    fs.appendFileSync(path.join(repo, "README.md"), "\n## More\n\n- [Through a link](python/linked.md)\n- [Absolute](/etc/passwd.md)\n");
    const result = await runCli(["import", path.join(repo, "README.md"), "--json"], { cwd: journal });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.source).toMatchObject({ index: true });
    expect(data.created.map((c: Created) => `${c.topic} / ${c.title} / ${c.source}`)).toEqual([
      "GitHub Actions / Only run a job on main / til:github-actions/only-main.md",
      "GitHub Actions / Cache pip between runs / til:github-actions/cache-pip.md",
      "Python / The walrus operator / til:python/walrus.md",
      "Python / Dataclasses with slots / til:python/dataclass-slots.md",
      "Databases / Partial indexes in PostgreSQL / til:sql/postgres/partial-indexes.md",
    ]);
    expect(fs.readdirSync(path.join(journal, "entries")).join()).not.toMatch(/outside|secret|linked|passwd/);
    for (const file of fs.readdirSync(path.join(journal, "entries"))) expect(fs.readFileSync(path.join(journal, "entries", file), "utf8")).not.toMatch(/^- \[/m);
    // Importing the folder afterwards takes only what the index did not link.
    const folder = JSON.parse((await runCli(["import", repo, "--json", "--dry-run"], { cwd: journal })).stdout);
    expect(folder.created.map((c: Created) => c.title).sort()).toEqual(["Unlinked note", "WAL mode"]);
  });

  it("in a TIL repository made a journal: the first build replaces the README with every entry listed, without --force", async () => {
    const { repo } = setUp("til-repo");
    expect((await runCli(["init"], { cwd: repo })).code).toBe(0);
    const imported = await runCli(["import", "README.md"], { cwd: repo });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("importing README.md as an index README: the markdown files it links");
    const built = await runCli(["build-readme"], { cwd: repo });
    expect(built.stderr).toBe("");
    expect(built.stdout).toContain("replaced the hand-written README.md");
    const readme = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    expect(readme.startsWith("# Today I Learned\n\nShort notes on things I learn")).toBe(true);
    expect(readme).toContain("* [GitHub Actions](#github-actions)");
    expect(readme).toMatch(/^#### GitHub Actions\n\n- \[Only run a job on main\]\(entries\/[\d-]+-only-run-a-job-on-main\.md\) · \d{4}-\d\d-\d\d$/m);
    expect(readme).toContain("## About\n\nWritten by Kim.");
    expect(readme.trimEnd().endsWith("## License\n\nCC BY 4.0")).toBe(true);
  });
});
