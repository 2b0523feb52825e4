import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

const DJANGO = entryText({
  title: "Fixing N+1 queries in list views",
  topic: "Django",
  date: "2026-11-20",
  tags: ["orm", "performance"],
  challenge: "List views ran one query per row.",
  solution: "Use `select_related()` and `prefetch_related()`.",
  takeaway: "Profile before optimizing.",
});
const CELERY = entryText({
  title: "Retrying Celery tasks",
  topic: "Asynchronous Programming",
  date: "2026-10-02",
  tags: ["celery", "redis"],
  challenge: "Tasks failed on flaky networks.",
  solution: "autoretry_for with backoff.",
  takeaway: "Make tasks idempotent.",
});
const DOCKER = entryText({
  title: "Multi-stage Docker builds",
  topic: "Docker",
  date: "2026-09-15",
  tags: ["docker", "performance"],
  challenge: "Images were 1 GB.",
  solution: "Build in one stage, copy into a slim one.",
});

function journal(extra: Record<string, string | Buffer> = {}): string {
  return makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-11-20-fixing-n-1-queries-in-list-views.md": DJANGO,
    "entries/2026/2026-10-02-retrying-celery-tasks.md": CELERY,
    "entries/2026-09-15-multi-stage-docker-builds.md": DOCKER,
    ...extra,
  });
}

describe("nexus init", () => {
  it("creates a journal and says what it made", async () => {
    const dir = tempDir();
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(0);
    for (const made of ["entries/", "templates/entry.md", "templates/README.md", "nexus.config.json", ".gitignore"]) {
      expect(r.stdout).toMatch(new RegExp(`^created\\s+${made.replace(/\./g, "\\.")}`, "m"));
    }
    expect(fs.statSync(path.join(dir, "entries")).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).toContain(".nexus/");
    JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8"));
  });

  it("never overwrites a file, and adds the ignore line once", async () => {
    const dir = makeTree({ "nexus.config.json": '{"entries": "entries"} ', "templates/entry.md": "mine", ".gitignore": "node_modules" });
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kept\s+nexus\.config\.json/m);
    expect(fs.readFileSync(path.join(dir, "templates/entry.md"), "utf8")).toBe("mine");
    expect(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")).toBe('{"entries": "entries"} ');
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8")).toBe("node_modules\n# nexus's own cache\n.nexus/\n# the website nexus build-site makes\n/site/\n");
    const again = await runCli(["init"], { cwd: dir });
    expect(again.stdout).toContain("nothing changed");
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8").match(/\.nexus\//g)).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, ".gitignore"), "utf8").match(/^\/site\/$/gm)).toHaveLength(1);
  });

  it("adds its ignore lines with the file's own line ends (CRLF stays CRLF) and keeps a Latin-1 file's bytes", async () => {
    const dir = makeTree({ ".gitattributes": "* text=auto\r\n*.png binary" });
    fs.writeFileSync(path.join(dir, ".gitignore"), Buffer.from("node_modules\r\n\xe9t\xe9", "latin1"));
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    const ignore = fs.readFileSync(path.join(dir, ".gitignore"));
    expect(ignore.toString("latin1")).toBe("node_modules\r\n\xe9t\xe9\r\n# nexus's own cache\r\n.nexus/\r\n# the website nexus build-site makes\r\n/site/\r\n");
    expect(fs.readFileSync(path.join(dir, ".gitattributes"), "utf8")).toMatch(/^\* text=auto\r\n\*\.png binary\r\n# nexus review log[^\n]*\r\n[^\n]*\r\n$/);
  });

  it("sets up a named folder", async () => {
    const dir = tempDir();
    const r = await runCli(["init", "til"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "til", "entries"))).toBe(true);
  });
});

describe("nexus init inside a journal", () => {
  it("refuses in the entries folder or the pages folder, at any depth, naming the journal above", async () => {
    const outer = makeTree({});
    expect((await runCli(["init"], { cwd: outer })).code).toBe(0);
    fs.mkdirSync(path.join(outer, "journal", "deep", "er"), { recursive: true });
    const inEntries = await runCli(["init"], { cwd: path.join(outer, "entries") });
    expect(inEntries.code).toBe(1);
    expect(inEntries.stderr).toBe(
      `nexus: this folder is inside the entries folder (entries/) of the journal in ${fs.realpathSync(outer)}: a journal here would be read as part of that one\nhint: start the new journal in a folder outside ${fs.realpathSync(outer)}, or keep writing in that one (nexus add)\n`,
    );
    const inPages = await runCli(["init"], { cwd: path.join(outer, "journal", "deep", "er") });
    expect(inPages.code).toBe(1);
    expect(inPages.stderr).toContain("is inside the generated pages (journal/) of the journal in");
    const named = await runCli(["init", "entries/a/b"], { cwd: outer });
    expect(named.code).toBe(1);
    expect(named.stderr).toContain("nexus: entries/a/b is inside the entries folder (entries/)");
    for (const none of ["entries/templates", "entries/a", "journal/deep/er/entries"]) expect(fs.existsSync(path.join(outer, none)), none).toBe(false);
    // The outer journal still reads without a warning.
    const doctor = await runCli(["doctor"], { cwd: outer });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout + doctor.stderr).toContain("0 files checked: 0 problems, 0 warnings");
  });

  it("follows the outer journal's own folders (config), and allows a journal beside them", async () => {
    const outer = makeTree({ "nexus.config.json": '{"entries": "notes/til", "readme": {"pages": "site"}}\n' });
    fs.mkdirSync(path.join(outer, "notes", "til"), { recursive: true });
    fs.mkdirSync(path.join(outer, "site"));
    expect((await runCli(["init"], { cwd: path.join(outer, "notes", "til") })).stderr).toContain("inside the entries folder (notes/til/)");
    expect((await runCli(["init"], { cwd: path.join(outer, "site") })).stderr).toContain("inside the generated pages (site/)");
    const beside = await runCli(["init", "projects/other"], { cwd: outer });
    expect(beside.code).toBe(0);
    expect(fs.existsSync(path.join(outer, "projects/other/entries"))).toBe(true);
    // Running init again in the journal itself adds what is missing, as before.
    expect((await runCli(["init"], { cwd: outer })).code).toBe(0);
  });
});

describe("finding the journal", () => {
  it("walks up from a subfolder, like git", async () => {
    const dir = journal();
    fs.mkdirSync(path.join(dir, "deep", "er"), { recursive: true });
    const r = await runCli(["list"], { cwd: path.join(dir, "deep", "er") });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("takes --dir and NEXUS_DIR, --dir first", async () => {
    const a = journal();
    const b = makeTree({ "entries/2026-01-01-only.md": entryText({ title: "Only B", topic: "B", date: "2026-01-01" }) });
    const elsewhere = tempDir();
    expect((await runCli(["--dir", b, "list"], { cwd: elsewhere })).stdout).toContain("Only B");
    expect((await runCli(["list", "--dir", b], { cwd: elsewhere })).stdout).toContain("Only B");
    expect((await runCli(["list"], { cwd: elsewhere, env: { NEXUS_DIR: b } })).stdout).toContain("Only B");
    expect((await runCli(["list", "--dir", a], { cwd: elsewhere, env: { NEXUS_DIR: b } })).stdout).not.toContain("Only B");
  });

  it("outside any journal says so and suggests nexus init", async () => {
    const r = await runCli(["list"], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no journal found/);
    expect(r.stderr).toMatch(/nexus init/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("nexus add", () => {
  it("writes an entry from flags and prints its path", async () => {
    const dir = journal();
    const r = await runCli(
      ["add", "--title", "Crème brûlée: caching & ETags", "--topic", "Caching Strategies", "--tag", "http", "--tag", "etag,cache", "--challenge", "Clients refetched.\n\n```py\n## not a heading\n```", "--date", "2026-11-21"],
      { cwd: dir },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join("entries", "2026-11-21-creme-brulee-caching-etags.md"));
    const text = fs.readFileSync(path.join(dir, r.stdout.trim()), "utf8");
    expect(text).toContain('title: "Crème brûlée: caching & ETags"');
    expect(text).toContain("tags: [http, etag, cache]");
    const shown = JSON.parse((await runCli(["show", "creme-brulee", "--json"], { cwd: dir })).stdout);
    expect(shown).toMatchObject({ title: "Crème brûlée: caching & ETags", topic: "Caching Strategies", date: "2026-11-21", tags: ["http", "etag", "cache"], challenge: "Clients refetched.\n\n```py\n## not a heading\n```", solution: "" });
  });

  it("without a terminal, names the missing flags and exits 2 without waiting", async () => {
    const dir = journal();
    const r = await runCli(["add", "--tag", "x"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --title and --topic/);
    const only = await runCli(["add", "--title", "T"], { cwd: dir });
    expect(only.code).toBe(2);
    expect(only.stderr).toMatch(/missing --topic/);
    expect(fs.readdirSync(path.join(dir, "entries")).length).toBe(3);
  });

  it("rejects a bad date as a usage error naming the flag", async () => {
    const r = await runCli(["add", "--title", "T", "--topic", "X", "--date", "2026-02-30"], { cwd: journal() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--date must be a calendar date/);
  });

  it("--dry-run prints the file and writes nothing", async () => {
    const dir = journal();
    const r = await runCli(["add", "--title", "Dry", "--topic", "X", "--date", "2026-01-01", "--takeaway", "kept", "--dry-run"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("---\ntitle: Dry\ntopic: X\ndate: 2026-01-01\ntags: []\n---\n\n## Takeaway\n\nkept\n");
    expect(r.stderr).toBe(`would write ${path.join("entries", "2026-01-01-dry.md")}\n`);
    expect(fs.readdirSync(path.join(dir, "entries")).length).toBe(3);
  });

  it("--dry-run names the file a real add would write (-2 when the name is taken), and says why", async () => {
    const dir = journal();
    const args = ["add", "Same day, same title", "--topic", "X", "--date", "2026-03-04"];
    expect((await runCli(args, { cwd: dir })).code).toBe(0);
    const note = `note: ${path.join("entries", "2026-03-04-same-day-same-title.md")} exists already (the same date and title), so this entry would be ${path.join("entries", "2026-03-04-same-day-same-title-2.md")}\n`;
    const json = await runCli([...args, "--dry-run", "--json"], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ path: "entries/2026-03-04-same-day-same-title-2.md", dryRun: true });
    expect(json.stderr).toBe(note);
    const text = await runCli([...args, "--dry-run"], { cwd: dir });
    expect(text.stderr).toBe(`${note}would write ${path.join("entries", "2026-03-04-same-day-same-title-2.md")}\n`);
    const real = await runCli(args, { cwd: dir });
    expect(real.stdout.trim()).toBe(path.join("entries", "2026-03-04-same-day-same-title-2.md"));
    expect((await runCli([...args, "--dry-run", "--json"], { cwd: dir })).stdout).toContain('"path": "entries/2026-03-04-same-day-same-title-3.md"');
  });

  it("takes the title as its argument, as git commit -m users expect; not twice", async () => {
    const dir = journal();
    const r = await runCli(["add", "What I learned", "--topic", "Python", "--date", "2026-05-05"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(path.join("entries", "2026-05-05-what-i-learned.md"));
    expect(fs.readFileSync(path.join(dir, r.stdout.trim()), "utf8")).toContain("title: What I learned\n");
    const twice = await runCli(["add", "One", "--title", "Two", "--topic", "X"], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('nexus: the title is given twice: as the argument "One" and with --title');
    const extra = await runCli(["add", "One", "Two", "--topic", "X"], { cwd: dir });
    expect(extra.code).toBe(2);
    const noTopic = await runCli(["add", "Only a title"], { cwd: dir });
    expect(noTopic.code).toBe(2);
    expect(noTopic.stderr).toContain("missing --topic (there is no terminal to ask on)");
  });

  it("--json prints the saved entry with its journal path", async () => {
    const dir = journal();
    const r = await runCli(["add", "--title", "As JSON", "--topic", "X", "--tag", "j", "--takeaway", "kept", "--date", "2026-02-02", "--json"], { cwd: path.join(dir, "entries") });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      path: "entries/2026-02-02-as-json.md",
      title: "As JSON",
      topic: "X",
      date: "2026-02-02",
      tags: ["j"],
      featured: false,
      challenge: "",
      solution: "",
      takeaway: "kept",
    });
  });

  it("reads a section from stdin with -", async () => {
    const dir = journal();
    const r = await runCli(["add", "--title", "Piped", "--topic", "X", "--solution", "-"], { cwd: dir, input: "line one\nline two\n" });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, r.stdout.trim()), "utf8")).toContain("## Solution\n\nline one\nline two\n");
  });

  it("never overwrites: the same date and title twice gets -2", async () => {
    const dir = journal();
    const args = ["add", "--title", "Same", "--topic", "X", "--date", "2026-03-03"];
    const first = await runCli([...args, "--takeaway", "first"], { cwd: dir });
    const second = await runCli([...args, "--takeaway", "second"], { cwd: dir });
    expect(first.stdout.trim()).toBe(path.join("entries", "2026-03-03-same.md"));
    expect(second.stdout.trim()).toBe(path.join("entries", "2026-03-03-same-2.md"));
    expect(fs.readFileSync(path.join(dir, "entries/2026-03-03-same.md"), "utf8")).toContain("first");
    expect(first.stderr).toBe("");
    expect(second.stderr).toBe(
      `note: ${path.join("entries", "2026-03-03-same.md")} exists already (the same date and title), so this entry is ${path.join("entries", "2026-03-03-same-2.md")}; nexus rm the one you do not want\n`,
    );
  });

  it("ten adds started at once with the same title all land", async () => {
    const dir = journal();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => runCli(["add", "--title", "Race", "--topic", "X", "--date", "2026-04-04", "--takeaway", `run ${i}`], { cwd: dir })),
    );
    expect(results.map((r) => r.code)).toEqual(Array(10).fill(0));
    const paths = new Set(results.map((r) => r.stdout.trim()));
    expect(paths.size).toBe(10);
    const files = fs.readdirSync(path.join(dir, "entries")).filter((f) => f.startsWith("2026-04-04-race"));
    expect(files).toHaveLength(10);
    const bodies = new Set(files.map((f) => /run (\d)/.exec(fs.readFileSync(path.join(dir, "entries", f), "utf8"))?.[1]));
    expect(bodies.size).toBe(10);
    expect(fs.readdirSync(path.join(dir, "entries")).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("keeps names inside entries/ whatever the title", async () => {
    const dir = journal();
    for (const title of ["../../escape", "日本語", "!!!"]) {
      const r = await runCli(["add", "--title", title, "--topic", "X", "--date", "2026-05-05"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(path.dirname(r.stdout.trim())).toBe("entries");
    }
    expect(fs.readdirSync(dir).sort()).toEqual(["entries", "nexus.config.json"]);
  });

  it("--edit saves what the editor wrote, once it is valid", async () => {
    const dir = journal();
    const editor = path.join(tempDir(), "editor.sh");
    fs.writeFileSync(editor, `#!/bin/sh\nsed -i 's/^title: .*/title: Edited in editor/; s/^topic: .*/topic: Vim/' "$1"\n`, { mode: 0o755 });
    const r = await runCli(["add", "--edit", "--date", "2026-06-06"], { cwd: dir, env: { EDITOR: editor } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(path.join("entries", "2026-06-06-edited-in-editor.md"));
  });

  it("--edit --featured shows featured: true in the text being edited, and saves it", async () => {
    const dir = journal();
    const editor = path.join(tempDir(), "editor.sh");
    fs.writeFileSync(editor, `#!/bin/sh\nsed -i 's/^topic: .*/topic: Vim/' "$1"\n`, { mode: 0o755 });
    const r = await runCli(["add", "--edit", "--featured", "--title", "A featured one", "--date", "2026-06-07"], { cwd: dir, env: { EDITOR: editor } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const saved = fs.readFileSync(path.join(dir, r.stdout.trim()), "utf8");
    expect(saved).toMatch(/^featured: true$/m);
    const listed = await runCli(["list", "--featured", "--json"], { cwd: dir });
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((e) => e.title)).toEqual(["A featured one"]);
  });

  it("--edit without a valid result writes nothing and keeps the draft", async () => {
    const dir = journal();
    const editor = path.join(tempDir(), "editor.sh");
    fs.writeFileSync(editor, `#!/bin/sh\nprintf 'no frontmatter' > "$1"\n`, { mode: 0o755 });
    const r = await runCli(["add", "--edit"], { cwd: dir, env: { EDITOR: editor } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 1: no frontmatter/);
    const kept = /kept in (\S+)/.exec(r.stderr)?.[1];
    expect(fs.readFileSync(path.join(dir, kept!), "utf8")).toBe("no frontmatter");
    expect(fs.readdirSync(path.join(dir, "entries")).length).toBe(3);
  });
});

describe("nexus list", () => {
  it("prints newest first, one line each with date, topic, title and tags", async () => {
    const r = await runCli(["list"], { cwd: journal() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    // 80 columns without a terminal: the tag that does not fit is counted.
    expect(lines[0]).toBe("2026-11-20  Django            Fixing N+1 queries in list views  #orm +1");
    expect(lines[1]).toMatch(/^2026-10-02\s+Asynchronous Pr…\s+Retrying Celery tasks/);
    expect(lines[2]).toMatch(/^2026-09-15\s+Docker/);
    expect(r.stdout).not.toMatch(/\u001b/);
    const wide = await runCli(["list"], { cwd: journal(), env: { COLUMNS: "100" } });
    expect(wide.stdout.split("\n")[0]).toBe(`2026-11-20  Django${" ".repeat(16)}Fixing N+1 queries in list views  #orm #performance`);
  });

  it("filters by topic, tags and dates, and limits", async () => {
    const dir = journal();
    const titles = async (...args: string[]) =>
      (JSON.parse((await runCli(["list", "--json", ...args], { cwd: dir })).stdout) as { title: string }[]).map((e) => e.title);
    expect(await titles("--topic", "django")).toEqual(["Fixing N+1 queries in list views"]);
    expect(await titles("--tag", "performance")).toEqual(["Fixing N+1 queries in list views", "Multi-stage Docker builds"]);
    expect(await titles("--tag", "performance", "--tag", "docker")).toEqual(["Multi-stage Docker builds"]);
    expect(await titles("--since", "2026-10-02")).toEqual(["Fixing N+1 queries in list views", "Retrying Celery tasks"]);
    expect(await titles("--until", "2026-10-01")).toEqual(["Multi-stage Docker builds"]);
    expect(await titles("--limit", "1")).toEqual(["Fixing N+1 queries in list views"]);
  });

  it("--json gives paths from the journal root and every field", async () => {
    const r = await runCli(["list", "--json"], { cwd: journal() });
    const entries = JSON.parse(r.stdout);
    expect(entries[1]).toEqual({
      path: "entries/2026/2026-10-02-retrying-celery-tasks.md",
      title: "Retrying Celery tasks",
      topic: "Asynchronous Programming",
      date: "2026-10-02",
      tags: ["celery", "redis"],
      featured: false,
      challenge: "Tasks failed on flaky networks.",
      solution: "autoretry_for with backoff.",
      takeaway: "Make tasks idempotent.",
    });
    expect(entries[2].takeaway).toBe("");
  });

  it("rejects bad flag values with exit 2 naming the flag", async () => {
    const dir = journal();
    for (const [args, flag] of [[["--limit", "0"], "--limit"], [["--since", "soon"], "--since"], [["--until", "2026-13-01"], "--until"], [["--bogus"], "--bogus"]] as const) {
      const r = await runCli(["list", ...args], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("says so when there is nothing to list", async () => {
    const r = await runCli(["list"], { cwd: makeTree({ "entries/.keep": "" }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/No entries yet/);
  });
});

describe("nexus show", () => {
  it("finds an entry by path, file name, slug and part of the title", async () => {
    const dir = journal();
    for (const query of [
      "entries/2026/2026-10-02-retrying-celery-tasks.md",
      "2026-10-02-retrying-celery-tasks.md",
      "2026-10-02-retrying-celery-tasks",
      "retrying-celery-tasks",
      "celery TASKS",
    ]) {
      const r = await runCli(["show", query], { cwd: dir });
      expect(r.code, query).toBe(0);
      expect(r.stdout.split("\n")[0]).toBe("Retrying Celery tasks");
    }
    const fromSub = await runCli(["show", "2026-10-02-retrying-celery-tasks.md"], { cwd: path.join(dir, "entries", "2026") });
    expect(fromSub.code).toBe(0);
  });

  it("renders a header and the markdown body", async () => {
    const r = await runCli(["show", "n+1"], { cwd: journal() });
    expect(r.code).toBe(0);
    const [title, meta, file] = r.stdout.split("\n");
    expect(title).toBe("Fixing N+1 queries in list views");
    expect(meta).toBe("Django · 2026-11-20 · #orm #performance");
    expect(file).toBe("entries/2026-11-20-fixing-n-1-queries-in-list-views.md");
    expect(r.stdout).toMatch(/Challenge[\s\S]*List views ran one query per row\.[\s\S]*Solution[\s\S]*select_related\(\)/);
    expect(r.stdout).not.toContain("`select_related()`");
  });

  it("lists the candidates when the pick is ambiguous", async () => {
    const r = await runCli(["show", "s"], { cwd: journal() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/matches 3 entries/);
    expect(r.stderr).toContain("entries/2026-09-15-multi-stage-docker-builds.md");
  });

  it("--raw prints the file byte for byte", async () => {
    const r = await runCli(["show", "docker", "--raw"], { cwd: journal() });
    expect(r.stdout).toBe(DOCKER);
  });

  it("names an invalid entry's problem instead of showing it", async () => {
    const dir = journal({ "entries/2026-01-01-broken.md": "---\ntitle: Broken\n---\n" });
    const r = await runCli(["show", "entries/2026-01-01-broken.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/entries\/2026-01-01-broken\.md:1: missing required field "topic"/);
  });
});

describe("nexus doctor and broken entries", () => {
  const broken = {
    "entries/2026-01-01-js.md": "---js\n{ title: require('fs').writeFileSync('PWNED', 'x') }\n---\n",
    "entries/2026-01-02-yaml.md": "---\ntitle: T\ntopic: [unclosed\ndate: 2026-01-02\n---\n",
    "entries/2026-01-03-dup.md": "---\ntitle: A\ntopic: X\ntitle: B\ndate: 2026-01-03\n---\n",
    "entries/2026-01-04-missing.md": "---\ntitle: No topic\ndate: 2026-01-04\n---\n",
    "entries/2026-01-05-date.md": "---\ntitle: T\ntopic: X\ndate: 2026-02-30\n---\n",
    "entries/2026-01-06-binary.md": Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
    "entries/2026-01-07-latin1.md": Buffer.from("---\ntitle: caf\xe9\ntopic: X\ndate: 2026-01-07\n---\n", "latin1"),
    "entries/2026-01-08-empty.md": "",
    "entries/2026-01-09-mismatch.md": "---\ntitle: Mismatch\ntopic: X\ndate: 2026-01-10\n---\n",
    "entries/2026-01-11-tags.md": "---\ntitle: T\ntopic: X\ndate: 2026-01-11\ntags: {a: 1}\n---\n",
    "entries/2026-01-12-big.md": `---\ntitle: Big\ntopic: X\ndate: 2026-01-12\n---\n${"x".repeat(1024 * 1024)}`,
  };

  it("reports every problem as path:line: message and exits 1", async () => {
    const dir = journal(broken);
    const r = await runCli(["doctor"], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^entries\/2026-01-01-js\.md:1: frontmatter language "js" is not allowed/),
      expect.stringMatching(/^entries\/2026-01-02-yaml\.md:\d: invalid YAML/),
      expect.stringMatching(/^entries\/2026-01-03-dup\.md:4: invalid YAML: duplicated mapping key/),
      "entries/2026-01-04-missing.md:1: missing required field \"topic\"",
      expect.stringMatching(/^entries\/2026-01-05-date\.md:4: "date" must be a calendar date YYYY-MM-DD/),
      "entries/2026-01-06-binary.md:1: not a text file (it contains NUL bytes)",
      "entries/2026-01-07-latin1.md:2: not UTF-8 text",
      "entries/2026-01-08-empty.md:1: empty file",
      'entries/2026-01-09-mismatch.md:4: warning: file name says 2026-01-09 but "date" is 2026-01-10',
      "entries/2026-01-11-tags.md:5: \"tags\" must be a list of words, such as [orm, performance]",
      "entries/2026-01-12-big.md:1: file is larger than 1 MiB; not read",
    ]);
    expect(r.stderr).toMatch(/14 files checked: 10 problems, 1 warning/);
    expect(fs.existsSync(path.join(dir, "PWNED"))).toBe(false);
  });

  it("a clean journal passes; --strict fails on warnings; --json gives the problems", async () => {
    expect((await runCli(["doctor"], { cwd: journal() })).code).toBe(0);
    const warn = journal({ "entries/2026-01-09-mismatch.md": "---\ntitle: Mismatch\ntopic: X\ndate: 2026-01-10\n---\n" });
    expect((await runCli(["doctor"], { cwd: warn })).code).toBe(0);
    expect((await runCli(["doctor", "--strict"], { cwd: warn })).code).toBe(1);
    const json = JSON.parse((await runCli(["doctor", "--json"], { cwd: warn })).stdout);
    expect(json).toMatchObject({ files: 4, entries: 4, errors: 0, warnings: 1, problems: [{ path: "entries/2026-01-09-mismatch.md", line: 4, severity: "warning" }] });
  });

  it("points out drafts and temporary files left behind, once they are settled", async () => {
    const dir = journal({
      ".nexus/drafts/new-entry-123-456.md": "---\ntitle: half\n",
      "entries/.2026-01-01-x.md.4242.0badcafe.tmp": "half a write",
      // A write going on now: recent, and its process (this one) alive.
      [`entries/.2026-01-02-y.md.${process.pid}.deadbeef.tmp`]: "a write going on now",
    });
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(dir, ".nexus/drafts/new-entry-123-456.md"), old, old);
    fs.utimesSync(path.join(dir, "entries/.2026-01-01-x.md.4242.0badcafe.tmp"), old, old);
    const r = await runCli(["doctor"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      ".nexus/drafts/new-entry-123-456.md:1: warning: a draft that was never saved: copy what you need from it, then delete it",
      "entries/.2026-01-01-x.md.4242.0badcafe.tmp:1: warning: the temporary file of an interrupted write: safe to delete",
    ]);
    expect((await runCli(["doctor", "--strict"], { cwd: dir })).code).toBe(1);
  });

  it("other commands skip broken entries with one warning each and still work", async () => {
    const dir = journal(broken);
    const r = await runCli(["list"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Fixing N+1 queries");
    expect(r.stdout).toContain("Mismatch");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(11);
    expect(r.stderr).toMatch(/^nexus: warning: entries\/2026-01-01-js\.md:1: .* \(skipped\)$/m);
    expect(fs.existsSync(path.join(dir, "PWNED"))).toBe(false);
    const strict = await runCli(["list", "--strict"], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("Fixing N+1 queries");
  });

  it("never reads a link that points out of the journal", async () => {
    const secret = makeTree({ "secret.md": "---\ntitle: SECRET-CONTENT\ntopic: X\ndate: 2026-01-01\n---\n" });
    const dir = journal();
    fs.symlinkSync(path.join(secret, "secret.md"), path.join(dir, "entries", "2026-01-01-link.md"));
    fs.symlinkSync(secret, path.join(dir, "entries", "linked-folder"));
    const list = await runCli(["list", "--json"], { cwd: dir });
    expect(list.stdout).not.toContain("SECRET-CONTENT");
    expect(list.stderr).toMatch(/entries\/2026-01-01-link\.md:1: link points outside the journal/);
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("entries/linked-folder:1: link points outside the journal");
    const show = await runCli(["show", "entries/2026-01-01-link.md", "--raw"], { cwd: dir });
    expect(show.stdout).not.toContain("SECRET-CONTENT");
  });
});

describe("terminal safety and colour", () => {
  const evil = entryText({
    title: "Evil \u001b]0;pwned\u0007title\u001b[2J",
    topic: "Top\u009b31mic",
    date: "2026-02-02",
    tags: ["t\u001b[5mag"],
    challenge: "Body \u001b[31mred\u001b[0m and \u001b]8;;http://x\u0007link",
  }).replace("tags: [t\u001b[5mag]", 'tags: ["t\\e[5mag"]');

  it("prints escape sequences from entries inert in every command", async () => {
    const dir = journal({ "entries/2026-02-02-evil.md": evil });
    // A broken entry with an escape in its name and message reaches stderr too.
    fs.writeFileSync(path.join(dir, "entries", "2026-02-03-\u001b[2Jbad.md"), "---\ntitle: \"\u001b]0;x\u0007\"\n---\n");
    const commands = [
      ["list"], ["show", "evil"], ["doctor"], ["list", "--json"], ["show", "evil", "--json"], ["search", "evil"],
      ["search", "evil", "--json"], ["stats"], ["tags"], ["topics"], ["build-readme", "--stdout"],
    ];
    for (const args of commands) {
      const r = await runCli(args, { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: undefined } });
      for (const [stream, text] of [["stdout", r.stdout], ["stderr", r.stderr]] as const) {
        const withoutColour = text.replace(/\u001b\[[0-9;]*m/g, "");
        expect(withoutColour, `${args.join(" ")} ${stream}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        expect(text).not.toContain("\u001b[2J");
        expect(text).not.toContain("\u001b]");
      }
    }
    const list = await runCli(["list"], { cwd: dir });
    expect(list.stdout).toContain("Evil ␛]0;pwned␇title␛[2J");
  });

  it("follows NO_COLOR, FORCE_COLOR and --no-color", async () => {
    const dir = journal();
    const coloured = await runCli(["list"], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = await runCli(["list"], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toMatch(/\u001b/);
    const flag = await runCli(["--no-color", "list"], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(flag.stdout).not.toMatch(/\u001b/);
    const show = await runCli(["show", "docker"], { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(show.stdout).not.toMatch(/\u001b/);
  });
});

describe("usage and exit codes", () => {
  it("an unknown command suggests the closest one, exit 2", async () => {
    const r = await runCli(["shw"], { cwd: journal() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'shw'/);
    expect(r.stderr).toMatch(/Did you mean show\?/);
  });

  it("an unknown option is named, exit 2", async () => {
    const r = await runCli(["show", "x", "--rwa"], { cwd: journal() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--rwa'/);
    expect(r.stderr).toMatch(/Did you mean --raw\?/);
  });

  it("--help of each command has examples; --version prints the version", async () => {
    for (const command of ["init", "add", "list", "show", "doctor"]) {
      const r = await runCli([command, "--help"], { cwd: tempDir() });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:\n(\s+nexus .*\n){2,}/);
    }
    const v = await runCli(["--version"], { cwd: tempDir() });
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("no arguments prints an overview of the commands", async () => {
    const r = await runCli([], { cwd: tempDir() });
    expect(r.code).toBe(0);
    for (const command of ["init", "add", "list", "show", "doctor"]) expect(r.stdout).toContain(command);
  });

  it("output cut short by a closed pipe ends quietly", async () => {
    const dir = journal();
    for (let i = 0; i < 300; i += 1) {
      fs.writeFileSync(path.join(dir, "entries", `2025-01-01-n${i}.md`), entryText({ title: `Entry ${i}`, topic: "X", date: "2025-01-01" }));
    }
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("sh", ["-c", `node ${JSON.stringify(path.resolve("bin/nexus.js"))} list | head -n 1`], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe("");
  });
});

describe("bad input loses nothing and says what is wrong", () => {
  it("reads a section from a slow pipe", async () => {
    const dir = journal();
    const { spawnSync } = await import("node:child_process");
    const bin = path.resolve("bin/nexus.js");
    const r = spawnSync("sh", ["-c", `(sleep 0.5; echo late line) | node ${JSON.stringify(bin)} add --title Slow --topic X --solution - --dry-run`], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stderr).toMatch(/^would write entries\/\d{4}-\d\d-\d\d-slow\.md\n$/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("## Solution\n\nlate line\n");
  });

  it("refuses sections that would not read back as written, naming the flag", async () => {
    const dir = journal();
    const cases: [string[], RegExp][] = [
      [["--challenge", "use\n```js\nx()"], /--challenge has a code block that is not closed/],
      [["--solution", "# Big\ntext"], /--solution has a heading of level 1 or 2/],
      [["--takeaway", "a\n## Solution\nb"], /--takeaway has a heading of level 1 or 2/],
      [["--challenge", "nul\u0001byte"], /--challenge contains control characters/],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(["add", "--title", "T", "--topic", "X", ...flags], { cwd: dir });
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readdirSync(path.join(dir, "entries"))).toHaveLength(3);
    const fine = await runCli(["add", "--title", "T", "--topic", "X", "--challenge", "```md\n## inside code\n```\n\n### small heading"], { cwd: dir });
    expect(fine.code).toBe(0);
  });

  it("a NUL byte or an oversized section from stdin is refused before writing", async () => {
    const dir = journal();
    const nul = await runCli(["add", "--title", "N", "--topic", "X", "--challenge", "-"], { cwd: dir, input: "a\0b" });
    expect(nul.code).toBe(2);
    const big = await runCli(["add", "--title", "N", "--topic", "X", "--challenge", "-"], { cwd: dir, input: "a".repeat(2 * 1024 * 1024) });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/larger than 1 MiB/);
    expect(fs.readdirSync(path.join(dir, "entries"))).toHaveLength(3);
  });

  it("an entries file where the folder should be is a clear error", async () => {
    const dir = makeTree({ "nexus.config.json": "{}", entries: "not a folder" });
    const r = await runCli(["add", "--title", "T", "--topic", "X"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/entries in .* is a file, not the folder of entries/);
    expect(r.stderr).not.toMatch(/unexpected/);
  });

  it("reads a nexus.config.json that starts with a byte-order mark", async () => {
    const dir = journal({ "nexus.config.json": '\ufeff{"entries": "entries"}' });
    expect((await runCli(["list"], { cwd: dir })).code).toBe(0);
  });

  it("a link to an entry inside the journal lists it once", async () => {
    const dir = journal();
    fs.symlinkSync(path.join(dir, "entries", "2026-09-15-multi-stage-docker-builds.md"), path.join(dir, "entries", "2026-09-15-alias.md"));
    const entries = JSON.parse((await runCli(["list", "--json"], { cwd: dir })).stdout) as { path: string }[];
    expect(entries.map((e) => e.path)).toEqual([
      "entries/2026-11-20-fixing-n-1-queries-in-list-views.md",
      "entries/2026/2026-10-02-retrying-celery-tasks.md",
      "entries/2026-09-15-multi-stage-docker-builds.md",
    ]);
  });

  it("--dir at the entries folder points at the journal around it", async () => {
    const dir = journal();
    const r = await runCli(["--dir", path.join(dir, "entries"), "list"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is inside the journal .*: pass --dir \./);
  });

  it("help for an unknown command is a usage error", async () => {
    const r = await runCli(["help", "bogus"], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'bogus'/);
    expect((await runCli(["help", "list"], { cwd: tempDir() })).stdout).toMatch(/Usage: nexus list/);
  });
});

describe("search output", () => {
  it("highlights the matched word in the title as well as in the snippet, and not without colour", async () => {
    const dir = journal();
    const coloured = await runCli(["search", "docker"], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(coloured.code).toBe(0);
    const first = coloured.stdout.split("\n")[0]!;
    expect(first).toContain("\u001b[33mDocker\u001b[39m");
    const plain = await runCli(["search", "docker"], { cwd: dir });
    expect(plain.stdout.split("\n")[0]).toMatch(/^2026-09-15\s+Docker\s+Multi-stage Docker builds\s+#docker #performance$/);
  });
});
