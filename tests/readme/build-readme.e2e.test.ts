import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

const CONFIG = JSON.stringify({
  groups: [
    { title: "Key Technologies Covered", topics: ["Python", "Django"] },
    { title: "Best Practices", topics: ["Testing"] },
  ],
  readme: { overview: "My **journey**.", goals: ["Learn Kubernetes"], contact: { GitHub: "[me](https://github.com/me)" }, license: "MIT" },
});

function journal(extra: Record<string, string> = {}): string {
  return makeTree({
    "nexus.config.json": CONFIG,
    "entries/2026-03-01-later-django.md": entryText({
      title: "Select related",
      topic: "Django",
      date: "2026-03-01",
      tags: ["orm"],
      challenge: "N+1 queries.",
      solution: "- `select_related()`",
      takeaway: "Profile first.",
    }),
    "entries/2026-01-10-python-basics.md": entryText({
      title: "Python basics",
      topic: "python",
      date: "2026-01-10",
      challenge: "Scripts, not programs.",
      solution: "Classes.",
      takeaway: "Small classes.\n\n- venv per project",
    }),
    "entries/deep dir/2026-02-01-tests (first).md": entryText({ title: "Tests first", topic: "Testing", date: "2026-02-01", takeaway: "Red, green, refactor." }),
    "entries/2026-02-15-no-solution.md": entryText({ title: "Open question", topic: "Rust", date: "2026-02-15", challenge: "Lifetimes." }),
    ...extra,
  });
}

const readme = (dir: string) => fs.readFileSync(path.join(dir, "README.md"), "utf8");

/** Every markdown link target that is a file (not an anchor or a URL). */
function fileLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((href) => !/^(#|[a-z]+:)/i.test(href));
}

/** The heading lines outside code blocks. */
function headings(markdown: string): string[] {
  let fence = false;
  return markdown.split(/\r?\n/).filter((line) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    return !fence && /^#{1,6} /.test(line);
  });
}

describe("nexus build-readme on a new journal (built-in template)", () => {
  it("creates README.md with the sections in order, numbered challenges and working links", async () => {
    const dir = journal();
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created README\.md/);
    const text = readme(dir);
    const hs = headings(text);
    const order = ["# My learning journal", "## Topics", "## Challenges and solutions", "## Takeaways", "## The journal in numbers", "## Future learning goals", "## Contact", "## License"];
    expect(order.map((h) => hs.indexOf(h))).toEqual([...order.map((h) => hs.indexOf(h))].sort((a, b) => a - b));
    expect(order.every((h) => hs.includes(h))).toBe(true);

    // groups in config order, topics under them; a topic in no group comes under "Other Topics"
    const topicHeads = hs.filter((h) => h.startsWith("###")).slice(0, 7);
    expect(topicHeads).toEqual(["### Key Technologies Covered", "#### Python", "#### Django", "### Best Practices", "#### Testing", "### Other Topics", "#### Rust"]);

    // challenges: only entries with both sections, oldest first, numbered from 1
    expect(hs.filter((h) => h.includes("Challenge "))).toEqual(["### Challenge 1: Python basics", "### Challenge 2: Select related"]);
    expect(text).toContain("**Problem:** Scripts, not programs.");
    expect(text).toMatch(/\*\*Solution:\*\*\n\n- `select_related\(\)`/);

    // config values and figures
    expect(text).toContain("My **journey**.");
    expect(text).toContain("- Learn Kubernetes");
    expect(text).toContain("- **GitHub:** [me](https://github.com/me)");
    expect(text).toContain("| 4 | 4 | 1 | 2 | 2026-01-10 | 2026-03-01 |");

    // every link to an entry resolves; spaces and parentheses are encoded
    const links = fileLinks(text);
    expect(links).toContain("entries/deep%20dir/2026-02-01-tests%20%28first%29.md");
    for (const href of links) expect(fs.existsSync(path.join(dir, decodeURIComponent(href))), href).toBe(true);

    // the table of contents points at real headings
    const anchors = [...text.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(anchors).toContain("challenges-and-solutions");
  });

  it("is deterministic: two builds, and builds in far-apart time zones and locales, are identical", async () => {
    const dir = journal();
    const a = await runCli(["build-readme", "--stdout"], { cwd: dir, env: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" } });
    const b = await runCli(["build-readme", "--stdout"], { cwd: dir, env: { TZ: "America/Los_Angeles", LANG: "C", LC_ALL: "C" } });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain("2026-01-10");
    await runCli(["build-readme"], { cwd: dir });
    const first = readme(dir);
    const again = await runCli(["build-readme"], { cwd: dir });
    expect(again.stderr).toMatch(/up to date/);
    expect(readme(dir)).toBe(first);
    expect(first).toBe(a.stdout);
  });

  it("--stdout prints the README and writes nothing", async () => {
    const dir = journal();
    const result = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# My learning journal/m);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });

  it("--stdout and --check together is a usage error", async () => {
    const result = await runCli(["build-readme", "--stdout", "--check"], { cwd: journal() });
    expect(result.code).toBe(2);
  });
});

describe("markers keep hand-written text", () => {
  it("replaces only between markers, byte for byte outside, with CRLF and no final newline", async () => {
    const dir = journal();
    const before = "# Mine\r\n\r\nHand *written* intro.  \r\n<!-- nexus:begin challenges -->\r\nstale\r\n<!-- nexus:end challenges -->\r\n\r\nClosing words, no newline";
    fs.writeFileSync(path.join(dir, "README.md"), before);
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/updated README\.md/);
    // the blocks the README has no markers for are reported, not added
    expect(result.stderr).toMatch(/^nexus: note: README\.md has no markers for .*"topics".*, so those parts of the template are left out/);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    const after = readme(dir);
    const head = "# Mine\r\n\r\nHand *written* intro.  \r\n<!-- nexus:begin challenges -->\r\n";
    const tail = "<!-- nexus:end challenges -->\r\n\r\nClosing words, no newline";
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(tail)).toBe(true);
    const inside = after.slice(head.length, after.length - tail.length);
    expect(inside).toContain("### Challenge 1: Python basics");
    expect(inside).not.toContain("stale");
    expect(inside.replace(/\r\n/g, "")).not.toContain("\n"); // every line end inside is CRLF too
  });

  const untouched = async (content: string, args: string[] = []) => {
    const dir = journal();
    const file = path.join(dir, "README.md");
    fs.writeFileSync(file, content);
    const old = new Date("2020-01-01T00:00:00Z");
    fs.utimesSync(file, old, old);
    const result = await runCli(["build-readme", ...args], { cwd: dir });
    expect(fs.readFileSync(file, "utf8")).toBe(content);
    expect(fs.statSync(file).mtimeMs).toBe(old.getTime());
    return result;
  };

  it.each([
    ["unbalanced", "a\n<!-- nexus:begin topics -->\nb\n", 2],
    ["nested", "<!-- nexus:begin topics -->\n<!-- nexus:begin stats -->\n<!-- nexus:end stats -->\n<!-- nexus:end topics -->\n", 2],
    ["duplicated", "<!-- nexus:begin stats -->\n<!-- nexus:end stats -->\n\n<!-- nexus:begin stats -->\n<!-- nexus:end stats -->\n", 4],
    ["unknown", "x\n\n\n<!-- nexus:begin nonsense -->\n<!-- nexus:end nonsense -->\n", 4],
    ["end without begin", "<!-- nexus:end stats -->\n", 1],
  ])("a %s marker is an error naming README.md:LINE and the README is untouched", async (_label, content, line) => {
    for (const args of [[], ["--check"], ["--stdout"]]) {
      const result = await untouched(content, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`README.md:${line}: `);
      expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    }
  });

  it("a README without markers is refused, with how to add markers or use --force", async () => {
    const result = await untouched("# My own README\n\nNothing generated here.\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/has no nexus markers/);
    expect(result.stderr).toContain("<!-- nexus:begin");
    expect(result.stderr).toContain("--force");
  });

  it("--force writes the whole template over a README without markers", async () => {
    const dir = journal();
    fs.writeFileSync(path.join(dir, "README.md"), "# My own README\n");
    const result = await runCli(["build-readme", "--force"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rewrote README\.md/);
    expect(readme(dir)).toMatch(/^# My learning journal/m);
    expect(readme(dir)).not.toContain("My own README");
  });
});

describe("a README nobody edits by hand (readme.wholeFile)", () => {
  it("is rewritten whole, and --check fails on any hand edit outside the markers", async () => {
    const dir = journal({
      "nexus.config.json": JSON.stringify({ readme: { wholeFile: true, overview: "Hi." } }),
      "templates/README.md": "# Whole\n\n{{config.overview}}\n\nStatic text v1.\n",
    });
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    expect(readme(dir)).toContain("Static text v1.");
    fs.writeFileSync(path.join(dir, "templates/README.md"), "# Whole\n\n{{config.overview}}\n\nStatic text v2.\n");
    const stale = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("-Static text v1.");
    expect(stale.stdout).toContain("+Static text v2.");
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    expect(readme(dir)).toContain("Static text v2.");
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
  });

  it("without it, text outside the markers is the README's own: a template edit does not touch it", async () => {
    const dir = journal({ "templates/README.md": "# Mine\n\n{{stats}}\n\nStatic text v1.\n" });
    await runCli(["build-readme"], { cwd: dir });
    fs.writeFileSync(path.join(dir, "templates/README.md"), "# Mine\n\n{{stats}}\n\nStatic text v2.\n");
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
    expect(readme(dir)).toContain("Static text v1.");
  });
});

describe("--check", () => {
  it("exits 0 when current, 1 with a unified diff when stale, and never writes", async () => {
    const dir = journal();
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const current = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(current.code).toBe(0);
    expect(current.stdout).toBe("");
    expect(current.stderr).toMatch(/up to date/);

    const built = readme(dir);
    const entry = path.join(dir, "entries/2026-01-10-python-basics.md");
    fs.writeFileSync(entry, fs.readFileSync(entry, "utf8").replace("title: \"Python basics\"", "title: \"Python, the basics\""));
    const stale = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^--- README\.md\n\+\+\+ README\.md \(from entries/);
    expect(stale.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(stale.stdout).toContain("-### Challenge 1: Python basics");
    expect(stale.stdout).toContain("+### Challenge 1: Python, the basics");
    expect(stale.stderr).toMatch(/out of date/);
    expect(readme(dir)).toBe(built);
  });

  it("exits 1 when README.md does not exist", async () => {
    const dir = journal();
    const result = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not exist/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
});

describe("text from entries cannot break the README", () => {
  // Written out by hand: YAML needs the tags quoted.
  const hostile = [
    "---",
    `title: ${JSON.stringify("<script>alert(1)</script> | *b* _i_ [x](y) `c` \\ ~s~ $m$ &amp;")}`,
    `topic: ${JSON.stringify("# Topic|<b>")}`,
    "date: 2026-04-01",
    `tags: ["t|a*g", "\`x\`"]`,
    "---",
    "## Challenge",
    "",
    "<img src=x onerror=alert(1)>",
    "",
    "### Injected heading",
    "",
    "<!-- nexus:end challenges -->",
    "",
    "<!-- nexus:begin topics -->",
    "",
    "## Solution",
    "",
    "Fine `<kept in code>`.",
    "",
    "```",
    "<!-- nexus:end challenges -->",
    "open fence never closed",
    "## Takeaway",
    "",
    "Setext",
    "===",
    "\u001b]0;pwned\u0007 done",
    "",
  ].join("\n");

  it("escapes every special character of titles, topics and tags, and neutralises bodies", async () => {
    const dir = journal({ "entries/2026-04-01-hostile.md": hostile });
    const first = await runCli(["build-readme"], { cwd: dir });
    expect(first.code).toBe(0);
    const text = readme(dir);
    expect(text).toContain("&lt;script\\>alert(1)&lt;/script\\> \\| \\*b\\* \\_i\\_ \\[x\\](y) \\`c\\` \\\\ \\~s\\~ \\$m\\$ \\&amp;");
    expect(text).toContain("#### \\# Topic\\|&lt;b\\>");
    expect(text).toContain("\\#t\\|a\\*g \\#\\`x\\`");
    expect(text).not.toContain("<script>");
    expect(text).not.toMatch(/(^|[^\\])<img/m);
    expect(text).toContain("**Injected heading**");
    expect(headings(text).some((h) => h.includes("Injected"))).toBe(false);
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
    expect(text).toContain("Fine `<kept in code>`.");

    // the README still reads back: the next build finds the same markers and changes nothing
    const second = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(second.stderr).toMatch(/up to date/);
    expect(second.code).toBe(0);
    const begins = text.split("\n").filter((l) => /^<!-- nexus:begin /.test(l));
    expect(begins).toEqual([
      "<!-- nexus:begin title -->",
      "<!-- nexus:begin config.overview -->",
      "<!-- nexus:begin toc -->",
      "<!-- nexus:begin topics -->",
      "<!-- nexus:begin challenges -->",
      "<!-- nexus:begin takeaways -->",
      "<!-- nexus:begin stats -->",
      "<!-- nexus:begin charts -->",
      "<!-- nexus:begin pages -->",
      "<!-- nexus:begin config.goals -->",
      "<!-- nexus:begin config.contact -->",
      "<!-- nexus:begin config.license -->",
    ]);
  });
});

describe("invalid entries", () => {
  const broken = { "entries/2026-05-01-broken.md": "---\ntitle: Broken\ndate: nope\n---\n" };

  it("are left out with a warning", async () => {
    const dir = journal(broken);
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/entries\/2026-05-01-broken\.md:\d+: .*\(skipped\)/);
    expect(readme(dir)).not.toContain("Broken");
  });

  it("fail the build with --strict, and nothing is written", async () => {
    const dir = journal(broken);
    const result = await runCli(["--strict", "build-readme"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.md/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
});

describe("the journal's own template", () => {
  it("places single groups under its own headings and names the line of a template error", async () => {
    const template = "# Journey\n\n## Tech\n\n### Covered\n\n{{takeaways:Key Technologies Covered}}\n\n## Practices\n\n{{topics:best practices}}\n";
    const dir = journal({ "templates/README.md": template });
    const result = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(result.code).toBe(0);
    const hs = headings(result.stdout);
    expect(hs).toEqual(["# Journey", "## Tech", "### Covered", "#### Python", "#### Django", "## Practices", "### Testing"]);
    expect(result.stdout).toContain("<!-- nexus:begin takeaways:key-technologies-covered -->");
    // Rust is in no group the template shows
    expect(result.stderr).toMatch(/topics shown nowhere in the README: Rust/);

    fs.writeFileSync(path.join(dir, "templates/README.md"), "# J\n\n{{topics:Nope}}\n");
    const bad = await runCli(["build-readme"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/templates\/README\.md:3: \{\{topics:Nope\}\}: no group "Nope"/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
});

describe("nexus init --ci", () => {
  it("writes the workflow once and never overwrites it", async () => {
    const dir = makeTree({});
    const first = await runCli(["init", "--ci"], { cwd: dir });
    expect(first.code).toBe(0);
    const file = path.join(dir, ".github/workflows/nexus-readme.yml");
    const workflow = fs.readFileSync(file, "utf8");
    expect(workflow).toMatch(/pull_request:/);
    expect(workflow).toMatch(/push:/);
    expect(workflow).toMatch(/NEXUS: nexus-journal@\d+\.\d+\.\d+\n/);
    expect(workflow).toMatch(/npx --yes --package="\$package" -- nexus build-readme --check/);
    // the active LTS line, the one the suite runs on in CI
    expect(workflow).toMatch(/node-version: 24\n/);
    expect(first.stdout).toMatch(/created\s+\.github\/workflows\/nexus-readme\.yml/);

    fs.writeFileSync(file, "# my own changes\n");
    const second = await runCli(["init", "--ci"], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/kept\s+\.github\/workflows\/nexus-readme\.yml/);
    expect(fs.readFileSync(file, "utf8")).toBe("# my own changes\n");

    const plain = makeTree({});
    await runCli(["init"], { cwd: plain });
    expect(fs.existsSync(path.join(plain, ".github"))).toBe(false);

    // the journal it made builds a README with the built-in template
    const build = await runCli(["build-readme"], { cwd: dir });
    expect(build.code).toBe(0);
    expect(readme(dir)).toMatch(/_No entries yet\._/);
  });
});

describe("a journal whose entries are at its root", () => {
  it("never reads its README, templates or generated pages as entries", async () => {
    const dir = makeTree({
      "nexus.config.json": '{\n  "entries": "."\n}\n',
      "2026-01-01-root-entry.md": entryText({ title: "Root entry", topic: "X", date: "2026-01-01", challenge: "C.", solution: "S." }),
      "notes/2026-01-02-nested.md": entryText({ title: "Nested entry", topic: "Y", date: "2026-01-02" }),
      "templates/entry.md": "---\ntitle: {{title}}\n---\n",
    });
    const build = await runCli(["build-readme"], { cwd: dir });
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "journal", "README.md"))).toBe(true);
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.stdout + doctor.stderr).toMatch(/2 files checked: 0 problems, 0 warnings/);
    expect(doctor.code).toBe(0);
    const list = await runCli(["list", "--json"], { cwd: dir });
    expect((JSON.parse(list.stdout) as { title: string }[]).map((e) => e.title)).toEqual(["Nested entry", "Root entry"]);
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
    // Pages elsewhere are allowed too, and passed over the same way (the old folder is the user's to remove).
    fs.rmSync(path.join(dir, "journal"), { recursive: true });
    fs.writeFileSync(path.join(dir, "nexus.config.json"), '{\n  "entries": ".",\n  "readme": { "pages": "docs/journal" }\n}\n');
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, "docs", "journal", "README.md"))).toBe(true);
    expect((await runCli(["doctor"], { cwd: dir })).code).toBe(0);
  });
});
