// The pure core of `nexus import`: each source kind's text into drafts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReadme } from "../../src/import/readme.js";
import { parseJrnl, NotJrnlError } from "../../src/import/jrnl.js";
import { parseNote } from "../../src/import/note.js";
import { parseTil } from "../../src/import/til.js";
import { parseMarkdownFolder } from "../../src/import/markdown.js";
import { detectFile, detectFolder } from "../../src/import/detect.js";
import { readLabel, cleanHeading } from "../../src/import/labels.js";
import { atxHeading } from "../../src/import/heading.js";
import { importedEntryText, planImport, sourceOf } from "../../src/import/plan.js";
import { mergeReadmeValues } from "../../src/import/readme-values.js";
import { parseEntry } from "../../src/domain/entry.js";
import { REPO_ROOT } from "../helpers.js";

const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/import");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const SEED = fs.readFileSync(path.join(REPO_ROOT, "tests/readme/seed-readme.md"), "utf8");
const fallback = { date: "2026-01-02", why: "today", source: "today" as const };

describe("readme", () => {
  const seed = parseReadme({ text: SEED, name: "seed.md", fallback });

  it("turns each learning section of the seed into an entry of its own topic, in the README's order, grouped by the heading above", () => {
    const technologies = ["Python", "Django", "REST APIs", "GraphQL", "Docker", "CI/CD"];
    const concepts = ["Database Design", "Asynchronous Programming", "Caching Strategies"];
    const challenges = ["Database Query Optimization", "API Rate Limiting", "Docker Environment Consistency", "Asynchronous Task Management"];
    const practices = ["Code Quality", "Testing", "Security", "Documentation", "Version Control", "Personal Takeaways"];
    expect(seed.drafts.map((d) => `${d.topic} / ${d.title}`)).toEqual([
      ...[...technologies, ...concepts].map((t) => `${t} / ${t}`),
      ...challenges.map((t) => `Challenges Faced and Solutions Implemented / ${t}`),
      ...practices.map((t) => `${t} / ${t}`),
    ]);
    expect(seed.groups).toEqual([
      { title: "Key Technologies Covered", topics: technologies },
      { title: "Important Backend Development Concepts", topics: concepts },
      { title: "Best Practices and Personal Takeaways", topics: practices },
    ]);
  });

  it("puts problems and solutions in their sections and features the challenges", () => {
    const challenge = seed.drafts.find((d) => d.title === "API Rate Limiting")!;
    expect(challenge.challenge).toBe("API endpoints were vulnerable to abuse and needed protection from excessive requests.");
    expect(challenge.solution).toContain("- Implemented DRF's throttling classes (`AnonRateThrottle`, `UserRateThrottle`)\n- Created custom throttle classes");
    expect(challenge.featured).toBe(true);
    expect(seed.drafts.filter((d) => d.featured).map((d) => d.title)).toHaveLength(4);
    const python = seed.drafts[0]!;
    expect(python.takeaway.split("\n")).toEqual([
      "- Core programming fundamentals and advanced concepts",
      "- Object-oriented programming (OOP) principles",
      "- Exception handling and debugging techniques",
      "- Working with virtual environments and package management",
    ]);
    expect(python.featured).toBe(false);
  });

  it("sends the sections about the person to readme values, without the separators", () => {
    expect(Object.keys(seed.readme).sort()).toEqual(["contact", "goals", "license", "overview"]);
    expect(seed.readme.overview).toMatch(/^\*\*ALX Project Nexus\*\* is a comprehensive/);
    expect(seed.readme.goals!.split("\n")).toHaveLength(6);
    expect(seed.readme.contact).toBe("- **GitHub:** [Your GitHub Profile]\n- **LinkedIn:** [Your LinkedIn Profile]\n- **Email:** [Your Email]");
    expect(seed.readme.license).toBe(
      "This project is licensed under the MIT License - see the LICENSE file for details.\n\n**Note:** This repository is part of the ALX ProDev Backend Engineering program and represents my personal learning journey and growth as a backend engineer.",
    );
  });

  it("dates every section with no date of its own by the fallback, and says so", () => {
    expect(new Set(seed.drafts.map((d) => d.date))).toEqual(new Set(["2026-01-02"]));
    expect(seed.drafts[0]!.guesses).toEqual(["no date in the section: dated 2026-01-02 (today)"]);
  });

  it("reads other labels, emojis and label headings, a date in a heading, and names an unknown label", () => {
    const other = parseReadme({ text: read("other-readme.md"), name: "other.md", fallback });
    const [rust, go, flaky, leak] = other.drafts;
    expect(rust).toMatchObject({ title: "Rust", topic: "Rust", date: "2025-03-14" });
    expect(other.groups).toEqual([{ title: "Languages I Picked Up", topics: ["Rust", "Go — goroutines"] }]);
    expect(rust!.takeaway).toContain("```rust\nfn longest");
    expect(go!.title).toBe("Go — goroutines");
    expect(flaky).toMatchObject({
      title: "Flaky integration tests",
      topic: "Bugs I Squashed",
      challenge: "Tests failed one run in ten on CI because two tests shared a port.",
      solution: "1. Each test asks the OS for a free port (`:0`)\n2. The server reports the port it got",
      takeaway: "never hard-code a port in a test.",
      featured: true,
    });
    expect(leak).toMatchObject({ title: "Memory leak in the worker", challenge: "RSS grew by 50 MB an hour in the image-resize worker." });
    expect(leak!.solution).toBe("Profiled with `pprof`; a `time.Ticker` was never stopped.\n\n**Root cause:** the ticker kept the closure alive.");
    expect(leak!.guesses).toContain('label "Root cause" is not one nexus knows: kept as written');
    expect(other.readme).toEqual({
      overview: "Hi! I am Amina. I keep this README as my learning log.",
      goals: "1. WebAssembly with Rust\n2. eBPF tracing",
      contact: "Mastodon: @amina@example.social — 邮件 amina@example.com",
      license: "CC BY 4.0",
    });
  });

  it("reads a CRLF README the same as LF", () => {
    const crlf = parseReadme({ text: SEED.replace(/\n/g, "\r\n"), name: "seed.md", fallback });
    expect(crlf).toEqual(seed);
  });

  it("never takes a heading inside a code block for a section", () => {
    const parsed = parseReadme({ text: "## Tools\n\n### Bash\n\n```sh\n# not a heading\n## nor this\n```\n", name: "r.md", fallback });
    expect(parsed.drafts).toHaveLength(1);
    expect(parsed.drafts[0]!.takeaway).toBe("```sh\n# not a heading\n## nor this\n```");
  });

  it("recognises labels only where a paragraph starts", () => {
    expect(readLabel("**Problem:** slow")).toMatchObject({ part: "challenge", rest: "slow" });
    expect(readLabel("__Fix__: retry")).toMatchObject({ part: "solution", rest: "retry" });
    expect(readLabel("What I did: nothing")).toMatchObject({ part: "solution" });
    expect(readLabel("#### Lessons learned")).toMatchObject({ part: "takeaway" });
    expect(readLabel("- **Problem:** in a list")).toBeUndefined();
    expect(readLabel("Problem solving is fun")).toBeUndefined();
    expect(readLabel("Note: plain unknown")).toBeUndefined();
    expect(readLabel("**Why:** unknown bold")).toMatchObject({ part: undefined, label: "Why" });
    expect(cleanHeading("🚀 **Challenge 1: DB**:")).toBe("Challenge 1: DB");
  });
});

describe("headings", () => {
  it("reads ATX headings as CommonMark does", () => {
    expect(atxHeading("## Title ##")).toEqual({ level: 2, text: "Title" });
    expect(atxHeading("   ### C# and F#")).toEqual({ level: 3, text: "C# and F#" });
    expect(atxHeading("#hashtag")).toBeUndefined();
    expect(atxHeading("    # indented code")).toBeUndefined();
    expect(atxHeading("####### seven")).toBeUndefined();
    expect(atxHeading("## ###")).toEqual({ level: 2, text: "" });
  });

  it("reads hostile headings whole, in one pass, and keeps a heading too long for a title in the text", () => {
    const stars = `${"*".repeat(50_000)}x${"*".repeat(50_000)}`;
    const text = [`## ${stars}`, "", "text", `## a${" ".repeat(50_000)}b:`, "", "more", `## ${"[".repeat(100_000)}`, "", "y", `${"#".repeat(100_000)} x`].join("\n");
    const parsed = parseReadme({ text, name: "r.md", fallback });
    expect(parsed.drafts.map((d) => d.title.length <= 200)).toEqual([true, true, true]);
    expect(parsed.drafts[0]!.notes.startsWith(stars)).toBe(true);
    expect(parsed.drafts[1]!.title).toBe("a");
    expect(parsed.drafts[1]!.notes).toBe(`a${" ".repeat(50_000)}b:`);
    expect(parsed.drafts[1]!.takeaway).toBe("more");
  });
});

describe("jrnl", () => {
  const parsed = parseJrnl({ text: read("jrnl.json"), name: "jrnl.json" });

  it("keeps title and body, drops @ from tags, features starred entries, takes the topic from the first tag", () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.drafts.map((d) => [d.title, d.topic, d.date, d.tags.join(","), d.featured])).toEqual([
      ["Learned about @python context managers.", "python", "2024-02-01", "python", false],
      ["Generators are lazy.", "python", "2024-02-03", "python,til", true],
      ["漢字の勉強 — 日本語のメモ", "日本語", "2024-02-04", "日本語", false],
      ["No tags at all.", "Journal", "2024-02-05", "", false],
    ]);
    expect(parsed.drafts[0]!.notes).toBe('The `with` statement calls `__enter__` and `__exit__`.\n\n```python\nwith open("f") as fh:\n    data = fh.read()\n```');
    expect(parsed.drafts[0]!.source).toBe("jrnl:6C1A0C5B2F3E4D7A9B8C0D1E2F3A4B5C");
    expect(parsed.drafts[2]!.source).toMatch(/^jrnl:2024-02-04T07:00:[0-9a-f]{12}$/);
    expect(parsed.drafts[3]!.guesses).toEqual(['no tag to take the topic from: topic "Journal"']);
  });

  it("takes --topic over the first tag, and adds --tag", () => {
    const withTopic = parseJrnl({ text: read("jrnl.json"), name: "j" }, { topic: "Diary", tags: ["imported"] });
    expect(withTopic.drafts.map((d) => d.topic)).toEqual(["Diary", "Diary", "Diary", "Diary"]);
    expect(withTopic.drafts[1]!.tags).toEqual(["python", "til", "imported"]);
  });

  it("refuses JSON that is not an export, and names each broken entry with its line", () => {
    expect(() => parseJrnl({ text: '{"items": []}', name: "x.json" })).toThrow(NotJrnlError);
    expect(() => parseJrnl({ text: "[1, 2]", name: "x.json" })).toThrow(/not a jrnl export/);
    expect(() => parseJrnl({ text: "{nope", name: "x.json" })).toThrow(/not valid JSON/);
    const broken = parseJrnl({ text: '{"entries": [\n{"title": "ok", "body": "", "date": "2024-01-01"},\n{"title": "bad", "date": "2024-13-01"}\n]}', name: "x.json" });
    expect(broken.drafts).toHaveLength(1);
    expect(broken.problems).toEqual([{ path: "x.json", line: 3, message: 'entry 2: "date" must be a date YYYY-MM-DD, not "2024-13-01"' }]);
  });
});

describe("notes, TIL and markdown folders", () => {
  const note = (rel: string, text: string) => ({ rel, text, fallback: { date: "2026-05-06", why: "the file's modification time", source: "modification time" as const } });

  it("TIL: title from the first heading (not kept twice), topic from the folder, the README at the top left out", () => {
    const parsed = parseTil([note("README.md", "# TIL\n"), note("python/walrus.md", "# The walrus\n\n`:=` assigns.\n")]);
    expect(parsed.drafts).toHaveLength(1);
    expect(parsed.drafts[0]).toMatchObject({ title: "The walrus", topic: "python", date: "2026-05-06", notes: "`:=` assigns.", source: "til:python/walrus.md" });
  });

  it("markdown: frontmatter, Jekyll file names, categories, and folders starting with _ are no topic", () => {
    const parsed = parseMarkdownFolder([
      note("_posts/2024-03-05-hello.md", read("notes/_posts/2024-03-05-hello-jekyll.md")),
      note("_posts/2024-03-09-x.md", read("notes/_posts/2024-03-09-dated-in-frontmatter.md")),
      note("loose.md", "just text\n"),
    ]);
    expect(parsed.drafts.map((d) => [d.title, d.topic, d.date, d.tags.join(","), d.featured])).toEqual([
      ["Hello, Jekyll: front matter and _posts", "web", "2024-03-05", "ruby,static-sites", false],
      ["Dates with a time", "Web", "2024-03-10", "", true],
      ["Loose", "Notes", "2026-05-06", "", false],
    ]);
    expect(parsed.drafts[0]!.guesses).toEqual(["frontmatter fields not kept: layout"]);
  });

  it("never runs ---js frontmatter: the file is a problem, the others still import", () => {
    const marker = path.join(REPO_ROOT, "node_modules", ".nexus-import-js-ran");
    const parsed = parseMarkdownFolder([
      note("bad.md", `---js\n{ title: require("fs").writeFileSync(${JSON.stringify(marker)}, "x") }\n---\nbody\n`),
      note("good.md", "# Good\n"),
    ]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(parsed.drafts.map((d) => d.title)).toEqual(["Good"]);
    expect(parsed.problems[0]).toMatchObject({ path: "bad.md", line: 1 });
    expect(parsed.problems[0]!.message).toMatch(/not allowed/);
  });

  it("refuses TOML frontmatter and frontmatter that is a list, with the line", () => {
    const rules = { kind: "markdown", topicFromPath: undefined, defaultTopic: "Notes" };
    expect(parseNote(note("a.md", "+++\ntitle = 'x'\n+++\n"), rules)).toMatchObject({ problem: { line: 1 } });
    expect(parseNote(note("b.md", "---\n- a\n---\n"), rules)).toMatchObject({ problem: { line: 2 } });
  });

  it("keeps NFD text as written", () => {
    const nfd = "Cafe\u0301 notes";
    const parsed = parseMarkdownFolder([note("c.md", `# ${nfd}\n\nde\u0301ja\u0300 vu\n`)]);
    expect(parsed.drafts[0]!.title).toBe(nfd);
    expect(parsed.drafts[0]!.notes).toBe("de\u0301ja\u0300 vu");
  });
});

describe("detection", () => {
  it("tells the kinds apart", () => {
    expect(detectFile({ name: "export.json", head: "{" })).toBe("jrnl");
    expect(detectFile({ name: "README.md", head: "# Me\n" })).toBe("readme");
    expect(detectFile({ name: "note.md", head: "---\ntitle: x\n---\n" })).toBe("markdown");
    expect(detectFolder({ files: [{ rel: "README.md", frontmatter: false }, { rel: "python/a.md", frontmatter: false }] })).toBe("til");
    expect(detectFolder({ files: [{ rel: "a.md", frontmatter: true }, { rel: "b/c.md", frontmatter: false }] })).toBe("markdown");
    expect(detectFolder({ files: [{ rel: "x/a.md", frontmatter: true }, { rel: "y/b.md", frontmatter: true }] })).toBe("markdown");
  });
});

describe("plan", () => {
  const drafts = parseReadme({ text: SEED, name: "seed.md", fallback }).drafts;

  it("writes entries that parse back with source and featured, numbered in the README's order", () => {
    const plan = planImport(drafts, [], { ordered: true, maxBytes: 1 << 20 });
    expect(plan.problems).toEqual([]);
    expect(plan.create.map((p) => p.base).slice(9, 11)).toEqual(["2026-01-02-10-database-query-optimization", "2026-01-02-11-api-rate-limiting"]);
    for (const p of plan.create) {
      const parsed = parseEntry(p.text, `${p.base}.md`);
      expect(parsed.ok && parsed.warnings).toEqual([]);
      expect(sourceOf(p.text)).toBe(p.draft.source);
      expect(/^featured: true$/m.test(p.text)).toBe(p.draft.featured);
    }
  });

  it("skips what the journal has: the same source, or the same title and date", () => {
    const existing = [
      { title: "PYTHON", date: "2026-01-02", source: undefined, path: "entries/mine.md" },
      { title: "Renamed", date: "2020-01-01", source: drafts[1]!.source, path: "entries/django.md" },
    ];
    const plan = planImport(drafts, existing, { ordered: true, maxBytes: 1 << 20 });
    expect(plan.skip.map((s) => [s.draft.title, s.reason, s.existing])).toEqual([
      ["Python", "same title and date", "entries/mine.md"],
      ["Django", "same source", "entries/django.md"],
    ]);
    expect(plan.create).toHaveLength(drafts.length - 2);
  });

  it("refuses a draft with control characters or an unclosed code block, and keeps the rest", () => {
    const [a, b, c] = drafts;
    const plan = planImport([{ ...a!, takeaway: "\u001b]0;owned\u0007" }, { ...b!, takeaway: "```\nopen" }, c!], [], { ordered: false, maxBytes: 1 << 20 });
    expect(plan.create.map((p) => p.draft.title)).toEqual(["REST APIs"]);
    expect(plan.problems.map((p) => p.message)).toEqual([
      '"Python": contains control characters; not imported',
      expect.stringMatching(/^"Django": takeaway has a code block that is not closed/),
    ]);
  });

  it("reads source back whatever the quoting", () => {
    expect(sourceOf(importedEntryText({ ...drafts[0]!, source: 'til:a "b": c.md' }))).toBe('til:a "b": c.md');
    expect(sourceOf("---\ntitle: x\n---\nsource: body\n")).toBeUndefined();
  });
});

describe("readme values", () => {
  it("sets what is unset, keeps the user's values and every other key", () => {
    const config = '{\n    "entries": "notes",\n    "groups": [],\n    "readme": {"goals": "mine", "title": "T"}\n}\n';
    const merged = mergeReadmeValues(config, { overview: "Hello", goals: "theirs", license: "MIT" });
    expect(merged.set).toEqual(["overview", "license"]);
    expect(merged.kept).toEqual(["goals"]);
    expect(JSON.parse(merged.text!)).toEqual({ entries: "notes", groups: [], readme: { goals: "mine", title: "T", overview: "Hello", license: "MIT" } });
    expect(merged.text).toMatch(/^\{\n {4}"entries"/);
    expect(mergeReadmeValues(merged.text, { overview: "Hello" })).toEqual({ text: undefined, set: [], kept: [], groups: [] });
  });

  it("adds only the topics no group lists yet", () => {
    const config = JSON.stringify({ groups: [{ title: "Tech", topics: ["python"] }] });
    const merged = mergeReadmeValues(config, {}, [
      { title: "tech", topics: ["Python", "Go"] },
      { title: "New", topics: ["Rust", "go"] },
      { title: "Empty", topics: ["PYTHON"] },
    ]);
    expect(merged.groups).toEqual(["tech", "New"]);
    expect(JSON.parse(merged.text!).groups).toEqual([
      { title: "Tech", topics: ["python", "Go"] },
      { title: "New", topics: ["Rust"] },
    ]);
    expect(mergeReadmeValues(merged.text, {}, [{ title: "Tech", topics: ["Go"] }]).text).toBeUndefined();
  });
});
