// `nexus import` as a user runs it: the built CLI in temporary folders, no terminal.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeTree, REPO_ROOT, runCli, tempDir } from "../helpers.js";

const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/import");
const SEED_FILE = path.join(REPO_ROOT, "tests/readme/seed-readme.md");
const SEED = fs.readFileSync(SEED_FILE, "utf8");

/** A journal as `nexus init` leaves it (the round trip runs init itself). */
async function newJournal(): Promise<string> {
  return makeTree({ "nexus.config.json": '{\n  "entries": "entries"\n}\n', "entries/.gitkeep": "" }, tempDir("nexus-import-"));
}

/** Every file under a folder with its bytes, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      // The entry cache is written once files are a few seconds old: on a slow machine, between two commands.
      if (e.isDirectory() && e.name === ".nexus" && d === dir) continue;
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "latin1");
    }
  };
  walk(dir);
  return out;
}

const entryFiles = (dir: string) => fs.readdirSync(path.join(dir, "entries")).filter((f) => f.endsWith(".md")).sort();

describe("round trip of the seed README", () => {
  it("init, import, build-readme: the README carries every fact of the seed; a second import creates nothing", async () => {
    const dir = tempDir("nexus-import-");
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    fs.copyFileSync(SEED_FILE, path.join(dir, "seed.md"));
    const imported = await runCli(["import", "seed.md"], { cwd: dir });
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("19 created, 0 skipped, 0 problems.");
    expect(imported.stdout).toContain("Next: nexus build-readme");

    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.code).toBe(0);
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code).toBe(0);
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    const lines = new Set(readme.split("\n"));

    // Every bullet of the seed (technologies, concepts, solutions, practices, takeaways, goals, contact) is a line of the README.
    const bullets = SEED.split("\n").filter((l) => /^- /.test(l));
    expect(bullets.length).toBeGreaterThan(80);
    expect(bullets.filter((b) => !lines.has(b))).toEqual([]);

    // Each technology, concept and practice is an entry the README names.
    const sections = [...SEED.matchAll(/^#{3,4} \*\*(.+?)\*\*$/gm)].map((m) => m[1]!).filter((t) => !t.startsWith("Challenge"));
    expect(sections).toHaveLength(15);
    for (const title of sections) expect(readme).toContain(`[${title}](entries/`);
    // Grouped under the seed's headings, as the seed shows them.
    for (const group of ["Key Technologies Covered", "Important Backend Development Concepts", "Best Practices and Personal Takeaways"]) {
      expect(readme).toMatch(new RegExp(`^#{2,4} ${group}$`, "m"));
    }

    // The four challenges, numbered in the seed's order, with their problems and solutions.
    const challenges = [...SEED.matchAll(/^### \*\*Challenge (\d): (.+?)\*\*\n\*\*Problem:\*\* (.+)$/gm)];
    expect(challenges).toHaveLength(4);
    for (const [, n, title, problem] of challenges) {
      expect(lines.has(`### Challenge ${n}: ${title}`)).toBe(true);
      expect(readme).toContain(problem!.replace(/"/g, '"'));
    }
    const featured = entryFiles(dir).filter((f) => /^featured: true$/m.test(fs.readFileSync(path.join(dir, "entries", f), "utf8")));
    expect(featured.map((f) => f.replace(/^\d{4}-\d{2}-\d{2}-\d\d-/, ""))).toEqual([
      "database-query-optimization.md",
      "api-rate-limiting.md",
      "docker-environment-consistency.md",
      "asynchronous-task-management.md",
    ]);

    // The person: overview, goals, contact, license, and the closing note.
    expect(readme).toContain("**ALX Project Nexus** is a comprehensive documentation hub");
    expect(readme).toContain("The ProDev Backend Engineering program is an intensive, industry-focused curriculum");
    expect(readme).toContain("This project is licensed under the MIT License - see the LICENSE file for details.");
    expect(readme).toContain("**Note:** This repository is part of the ALX ProDev Backend Engineering program");

    // Importing again creates nothing and changes nothing.
    const before = snapshot(dir);
    const again = await runCli(["import", "seed.md"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 created, 19 skipped, 0 problems.");
    expect(again.stdout).not.toContain("Next:");
    expect(snapshot(dir)).toEqual(before);
  });

  it("a dry run prints title, topic, date and file, and writes nothing; --json says the same as data", async () => {
    const dir = await newJournal();
    const before = snapshot(dir);
    const dry = await runCli(["import", SEED_FILE, "--dry-run"], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^would create {2}entries\/\d{4}-\d{2}-\d{2}-01-python\.md {2}Python · Python · \d{4}-\d{2}-\d{2}$/m);
    expect(dry.stdout).toMatch(/^would create .* Database Query Optimization · Challenges Faced and Solutions Implemented · .* · featured$/m);
    expect(dry.stdout).toContain("would set     readme.goals in nexus.config.json");
    expect(dry.stdout).toContain("Nothing was written.");
    const json = await runCli(["import", SEED_FILE, "--dry-run", "--json"], { cwd: dir });
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    expect(data.source).toMatchObject({ kind: "readme", detected: true });
    expect(data.dryRun).toBe(true);
    expect(data.created).toHaveLength(19);
    expect(data.created[0]).toMatchObject({ title: "Python", topic: "Python", featured: false });
    expect(data.created[0].file).toMatch(/^entries\/.*-01-python\.md$/);
    expect(data.readme.set).toEqual(["overview", "goals", "contact", "license", "chartsNote"]);
    expect(data.groups).toEqual(["Key Technologies Covered", "Important Backend Development Concepts", "Best Practices and Personal Takeaways"]);
    expect(snapshot(dir)).toEqual(before);
  });

  it("keeps readme values the user has set, and skips an entry written by hand with the same title and date", async () => {
    const dir = await newJournal();
    fs.writeFileSync(path.join(dir, "nexus.config.json"), '{\n  "entries": "entries",\n  "readme": {"license": "Mine"}\n}\n');
    const other = fs.readFileSync(path.join(FIXTURES, "other-readme.md"), "utf8");
    fs.writeFileSync(path.join(dir, "other.md"), other.replace(/\n/g, "\r\n"));
    fs.writeFileSync(path.join(dir, "entries", "2025-03-14-rust.md"), "---\ntitle: rust\ntopic: Rust\ndate: 2025-03-14\n---\nmine\n");
    const result = await runCli(["import", "other.md", "--tag", "imported", "--verbose"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("kept    readme.license in nexus.config.json: it has a value of yours already");
    expect(result.stdout).toMatch(/^skip {4}Rust · 2025-03-14: same title and date as entries\/2025-03-14-rust\.md$/m);
    expect(result.stdout).toContain('guess: label "Root cause" is not one nexus knows: kept as written');
    const config = JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8"));
    expect(config.readme.license).toBe("Mine");
    expect(config.readme.contact).toBe("Mastodon: @amina@example.social — 邮件 amina@example.com");
    const flaky = entryFiles(dir).find((f) => f.includes("flaky"))!;
    const text = fs.readFileSync(path.join(dir, "entries", flaky), "utf8");
    expect(text).not.toContain("\r");
    expect(text).toContain("tags: [imported]");
    expect(text).toContain("## Takeaway\n\nnever hard-code a port in a test.\n");
    expect((await runCli(["doctor"], { cwd: dir })).code).toBe(0);
  });
});

describe("jrnl, TIL and markdown sources", () => {
  it("imports a jrnl export with tags, starred and uuid, once", async () => {
    const dir = await newJournal();
    const result = await runCli(["import", path.join(FIXTURES, "jrnl.json"), "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.created.map((c: { title: string; topic: string; featured: boolean }) => [c.title, c.topic, c.featured])).toEqual([
      ["Learned about @python context managers.", "python", false],
      ["Generators are lazy.", "python", true],
      ["漢字の勉強 — 日本語のメモ", "日本語", false],
      ["No tags at all.", "Journal", false],
    ]);
    const generators = fs.readFileSync(path.join(dir, data.created[1].file), "utf8");
    expect(generators).toContain("tags: [python, til]\nfeatured: true\nsource: jrnl:0A9B8C7D6E5F40312233445566778899\n");
    expect(generators).toContain("A @python generator computes each value on demand. #til\n");
    const again = await runCli(["import", path.join(FIXTURES, "jrnl.json")], { cwd: dir });
    expect(again.stdout).toContain("0 created, 4 skipped, 0 problems.");
    expect((await runCli(["doctor"], { cwd: dir })).code).toBe(0);
  });

  it("dates a TIL folder (inside a repository) by each file's first commit, else its modification time, and a README by its first commit", async () => {
    const dir = await newJournal();
    const repo = tempDir("nexus-til-");
    const til = path.join(repo, "til");
    fs.cpSync(path.join(FIXTURES, "til"), til, { recursive: true });
    fs.writeFileSync(path.join(repo, "learned.md"), "## Go\n\n### Slices\n\n- append may copy\n\n### Maps (2021-02-03)\n\n- not ordered\n");
    const git = (args: string[], date?: string) =>
      execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
        cwd: repo,
        env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
        stdio: "ignore",
      });
    git(["init", "-q"]);
    git(["add", "til/python/walrus-operator.md", "til/README.md", "learned.md"]);
    git(["commit", "-qm", "first"], "2023-04-05T12:00:00Z");
    fs.appendFileSync(path.join(til, "python/walrus-operator.md"), "\nEdited later.\n");
    fs.appendFileSync(path.join(repo, "learned.md"), "- nil map reads are fine\n");
    git(["add", "til/python", "til/git", "learned.md"]);
    git(["commit", "-qm", "second"], "2023-06-07T12:00:00Z");
    const noon = new Date(2022, 0, 15, 12);
    fs.utimesSync(path.join(til, "docker/no-heading.md"), noon, noon);

    const result = await runCli(["import", til, "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.source.kind).toBe("til");
    expect(data.created.map((c: { title: string; topic: string; date: string }) => [c.topic, c.title, c.date])).toEqual([
      ["docker", "No heading", "2022-01-15"],
      ["git", "Automating `git bisect` with `run`", "2023-06-07"],
      ["python", "The walrus operator", "2023-04-05"],
    ]);
    expect(data.created[0].guesses).toEqual(["no title or `# ` heading: titled after the file name", "no date in the file: dated 2022-01-15 (the file's modification time: it has no git history)"]);

    const readme = JSON.parse((await runCli(["import", path.join(repo, "learned.md"), "--json", "--topic", "Golang"], { cwd: dir })).stdout);
    expect(readme.created.map((c: { title: string; topic: string; date: string }) => [c.title, c.topic, c.date])).toEqual([
      ["Slices", "Golang", "2023-04-05"],
      ["Maps", "Golang", "2021-02-03"],
    ]);
    expect(readme.created[0].guesses).toEqual(["no date in the section: dated 2023-04-05 (the file's first commit)"]);
  });

  it("imports markdown notes: frontmatter, Jekyll names, CRLF and unicode; never follows a link or runs ---js", async () => {
    const dir = await newJournal();
    const notes = path.join(tempDir("nexus-notes-"), "notes");
    fs.cpSync(path.join(FIXTURES, "notes"), notes, { recursive: true });
    fs.writeFileSync(path.join(notes, "crlf.md"), "---\r\ntitle: Windows note\r\ndate: 2024-05-01\r\n---\r\nLine one\r\nLine two\r\n");
    const outside = tempDir("nexus-outside-");
    fs.writeFileSync(path.join(outside, "secret.md"), "# Secret\n\nTOP-SECRET-TOKEN\n");
    fs.symlinkSync(path.join(outside, "secret.md"), path.join(notes, "linked.md"));
    fs.symlinkSync(outside, path.join(notes, "linked-folder"));

    const result = await runCli(["import", notes], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${notes}/linked.md:1: a symbolic link: not followed`);
    expect(result.stderr).toContain(`${notes}/linked-folder:1: a symbolic link: not followed`);
    expect(result.stderr).toContain(`${notes}/obsidian/runs-code.md:1: frontmatter language "js" is not allowed`);
    expect(result.stdout).toContain("5 created, 0 skipped, 3 problems.");
    const all = entryFiles(dir).map((f) => fs.readFileSync(path.join(dir, "entries", f), "utf8")).join("\n");
    expect(all).not.toContain("TOP-SECRET-TOKEN");
    expect(all).toContain("title: Windows note\n");
    expect(all).toContain("Line one\nLine two\n");
    expect(all).toContain('title: "Hello, Jekyll: front matter and _posts"\ntopic: web\ndate: 2024-03-05\ntags: [ruby, static-sites]\n');
    expect(all).toContain("title: Ünïcode & emoji 🚀\ntopic: obsidian\n");
    expect(all).toContain("中文笔记。");
    expect((await runCli(["doctor"], { cwd: dir })).code).toBe(0);
  });
});

describe("bad input writes nothing", () => {
  it.each([
    [["import", "missing.md"], 2, /^nexus: no such file or folder: missing\.md$/m],
    [["import", "binary.md"], 1, /binary\.md is not a text file/],
    [["import", "empty.md"], 1, /empty\.md is empty: nothing to import/],
    [["import", "other.json"], 1, /other\.json is JSON but not a jrnl export: it has no "entries" list/],
    [["import", "broken.json"], 1, /broken\.json is not valid JSON/],
    [["import", "plain.md", "--from", "til"], 2, /--from til needs a folder/],
    [["import", "folder", "--from", "jrnl"], 2, /--from jrnl needs a file/],
    [["import", "plain.md", "--from", "word"], 2, /option '--from <kind>' argument 'word' is invalid/],
    [["import", "headings.md"], 1, /found nothing to import in headings\.md/],
    [["import", "folder"], 1, /no markdown files \(\.md\) in folder/],
  ])("nexus %j exits %i", async (args, code, message) => {
    const dir = await newJournal();
    fs.writeFileSync(path.join(dir, "binary.md"), Buffer.from([0x23, 0x20, 0x00, 0xff, 0xfe]));
    fs.writeFileSync(path.join(dir, "empty.md"), "\n\n");
    fs.writeFileSync(path.join(dir, "other.json"), '{"name": "package"}');
    fs.writeFileSync(path.join(dir, "broken.json"), '{"entries": [');
    fs.writeFileSync(path.join(dir, "plain.md"), "## Docker\n\n- layers\n");
    fs.writeFileSync(path.join(dir, "headings.md"), "# Only\n\n## Headings\n");
    fs.mkdirSync(path.join(dir, "folder"));
    fs.writeFileSync(path.join(dir, "folder", "notes.txt"), "not markdown");
    const before = snapshot(dir);
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
    expect(snapshot(dir)).toEqual(before);
  });

  it("takes one markdown file with frontmatter for a note, not a README", async () => {
    const dir = await newJournal();
    fs.writeFileSync(path.join(dir, "note.md"), "---\ntitle: One note\ndate: 2024-07-08\ntags: [a]\n---\n## Solution\n\nIt works.\n");
    const result = await runCli(["import", "note.md"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("importing note.md as markdown notes (detected; --from to choose)");
    expect(result.stdout).toMatch(/^create {2}entries\/2024-07-08-one-note\.md {2}One note · Notes · 2024-07-08$/m);
  });

  it("refuses to import a README that nexus generated", async () => {
    const dir = await newJournal();
    fs.writeFileSync(path.join(dir, "README.md"), "# J\n\n<!-- nexus:begin topics -->\n\n## Python\n\n- x\n\n<!-- nexus:end topics -->\n");
    const result = await runCli(["import", "README.md"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/README\.md was generated by nexus build-readme/);
  });

  it("never reads the journal's own entries when the source folder holds the journal", async () => {
    const dir = await newJournal();
    fs.writeFileSync(path.join(dir, "entries", "2024-01-01-mine.md"), "---\ntitle: Mine\ntopic: T\ndate: 2024-01-01\n---\nx\n");
    fs.writeFileSync(path.join(dir, "loose-note.md"), "# Loose note\n\ntext\n");
    const result = await runCli(["import", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.created.map((c: { title: string }) => c.title)).toEqual(["Loose note"]);
    expect(data.skipped).toEqual([]);
  });
});
