import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEntry, replaceFrontmatter, serializeEntry, type EntryDraft } from "../../src/domain/entry.js";

const expectOk = (text: string, name?: string) => {
  const result = parseEntry(text, name);
  if (!result.ok) throw new Error(`expected a valid entry, got ${JSON.stringify(result.problems)}`);
  return result;
};
const problemsOf = (text: string) => {
  const result = parseEntry(text);
  if (result.ok) throw new Error("expected problems, the entry parsed");
  return result.problems;
};

// One-line text for titles, topics and tags: any unicode, including YAML's
// special characters, but no line breaks and nothing that trims away.
const oneLine = fc
  .string({ unit: fc.oneof(fc.constantFrom(":", "#", "'", '"', "-", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", " "), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 })
  // Titles, topics and tags are read in NFC (one form for macOS and the rest), so that is what round-trips.
  .map((s) => s.replace(/[\r\n\u0085\u2028\u2029]/g, " ").normalize("NFC").trim())
  .filter((s) => s.length > 0);

const markdownLine = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, " ")),
  fc.constantFrom("- a bullet: with colon", "1. `select_related()`", "> quoted # not a heading", "### a level-3 heading", "Ünïcödé ✓ 日本語", "---", "    indented code", "| a | b |"),
);
const codeBlock = fc
  .array(fc.oneof(markdownLine, fc.constant("## Challenge inside code"), fc.constant("## Notes")), { maxLength: 4 })
  .map((lines) => ["```python", ...lines, "```"].join("\n"));
const section = fc
  .array(fc.oneof(markdownLine, codeBlock), { maxLength: 6 })
  .map((lines) => lines.join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd())
  // A line starting with `# ` or `## ` outside code ends a section by design.
  .filter((text) => !stripCode(text).split("\n").some((l) => /^ {0,3}#{1,2}(\s|$)/.test(l)));

function stripCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "");
}

const draft: fc.Arbitrary<EntryDraft> = fc.record({
  title: oneLine.filter((s) => !s.startsWith("#")),
  topic: oneLine,
  date: fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  tags: fc.uniqueArray(oneLine.filter((s) => !s.startsWith("#") && !s.includes(",")), { maxLength: 5, selector: (s) => s.toLowerCase() }),
  challenge: section,
  solution: section,
  takeaway: section,
  featured: fc.boolean(),
});

describe("parse(serialize(entry))", () => {
  it("gives the entry back, for any title, tags and markdown", () => {
    fc.assert(
      fc.property(draft, (d) => {
        const { entry } = expectOk(serializeEntry(d));
        expect({ ...entry, notes: undefined, body: undefined }).toEqual({ ...d, notes: undefined, body: undefined });
        expect(entry.notes).toBe("");
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same entry from a file with CRLF line ends and a byte-order mark", () => {
    fc.assert(
      fc.property(draft, (d) => {
        const text = serializeEntry(d);
        const a = expectOk(text).entry;
        const b = expectOk(`\ufeff${text.replace(/\n/g, "\r\n")}`).entry;
        expect(b).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it("keeps titles with colons, quotes and # as they are", () => {
    for (const title of ['Fixing N+1: "select_related"', "# not a comment", "it's #1", "C++ & C#: a tour", "yes", "123", "null", "- dash"]) {
      const d = { title, topic: "T", date: "2026-01-02", tags: ["a"], challenge: "", solution: "", takeaway: "" };
      expect(expectOk(serializeEntry(d)).entry.title).toBe(title);
    }
  });
});

describe("sections", () => {
  it("keeps other headings and text as notes", () => {
    const text = "---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\nIntro text.\n\n## Challenge\n\nHard.\n\n## Links\n\n- a link\n\n## Solution\n\nEasy.\n";
    const { entry } = expectOk(text);
    expect(entry.challenge).toBe("Hard.");
    expect(entry.solution).toBe("Easy.");
    expect(entry.takeaway).toBe("");
    expect(entry.notes).toBe("Intro text.\n\n## Links\n\n- a link");
  });

  it("does not take a heading inside a code block for a section", () => {
    const text = "---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\n## Challenge\n\n```md\n## Solution\n```\n";
    const { entry } = expectOk(text);
    expect(entry.challenge).toBe("```md\n## Solution\n```");
    expect(entry.solution).toBe("");
  });

  it("warns when a section appears twice and joins the parts", () => {
    const text = "---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\n## Takeaway\n\nOne.\n\n## Takeaway\n\nTwo.\n";
    const result = expectOk(text);
    expect(result.entry.takeaway).toBe("One.\n\nTwo.");
    expect(result.warnings).toEqual([{ line: 10, severity: "warning", message: expect.stringContaining("more than once") }]);
  });
});

describe("rewriting the frontmatter", () => {
  it("keeps every byte of the body, including CRLF and no final newline", () => {
    const body = "## Challenge\r\n\r\nA  \r\n\tB\r\n## Weird ##\r\nno newline";
    const raw = `\ufeff---\r\ntitle: Old\r\ntopic: X\r\ndate: 2026-01-01\r\n---\r\n${body}`;
    const out = replaceFrontmatter(raw, { title: "New: title", topic: "Y", date: "2026-02-03", tags: ["t"] });
    expect(out.endsWith(body)).toBe(true);
    expect(out.startsWith("\ufeff---\r\ntitle: \"New: title\"\r\n")).toBe(true);
    expect(expectOk(out).entry).toMatchObject({ title: "New: title", topic: "Y", date: "2026-02-03", tags: ["t"] });
  });
});

describe("invalid entries", () => {
  const base = (fm: string, body = "") => `---\n${fm}\n---\n${body}`;
  const cases: [string, string, number, RegExp][] = [
    ["empty file", "", 1, /empty file/],
    ["no frontmatter", "# Just markdown\n", 1, /first line must be `---`/],
    ["js frontmatter", "---js\n{ title: require('fs') }\n---\n", 1, /not allowed.*never runs code/],
    ["javascript frontmatter", "---javascript\n({})\n---\n", 1, /not allowed/],
    ["coffee frontmatter", "---coffee\ntitle: 'x'\n---\n", 1, /not allowed/],
    ["unclosed frontmatter", "---\ntitle: T\n", 1, /not closed/],
    ["invalid YAML", base("title: [unclosed\ntopic: X\ndate: 2026-01-01"), 3, /invalid YAML/],
    ["duplicate key", base("title: A\ntopic: X\ntitle: B\ndate: 2026-01-01"), 4, /duplicated mapping key/],
    ["missing title", base("topic: X\ndate: 2026-01-01"), 1, /missing required field "title"/],
    ["missing topic", base("title: T\ndate: 2026-01-01"), 1, /missing required field "topic"/],
    ["missing date", base("title: T\ntopic: X"), 1, /missing required field "date"/],
    ["title is a list", base("title: [a, b]\ntopic: X\ndate: 2026-01-01"), 2, /"title" must be text, not a list/],
    ["topic is a mapping", base("title: T\ntopic: {a: 1}\ndate: 2026-01-01"), 3, /"topic" must be text, not a mapping/],
    ["empty title", base('title: ""\ntopic: X\ndate: 2026-01-01'), 2, /"title" is empty/],
    ["bad date", base("title: T\ntopic: X\ndate: 2026-02-30"), 4, /calendar date YYYY-MM-DD/],
    ["date with time", base("title: T\ntopic: X\ndate: 2026-02-03T10:00:00Z"), 4, /calendar date/],
    ["date as words", base("title: T\ntopic: X\ndate: yesterday"), 4, /calendar date/],
    ["tags of mappings", base("title: T\ntopic: X\ndate: 2026-01-01\ntags: [{a: 1}]"), 5, /"tags" must be a list of words/],
    ["frontmatter is a list", base("- a\n- b"), 1, /frontmatter is a list/],
    ["empty frontmatter", base(""), 1, /frontmatter is empty/],
    ["custom tag", base("title: !!js/function 'function(){}'\ntopic: X\ndate: 2026-01-01"), 2, /invalid YAML/],
    ["colon in a title", base("title: Hand written: with colon\ntopic: X\ndate: 2026-01-01"), 2, /bad indentation of a mapping entry; a colon in a value needs quotes: title: "Hand written: with colon"$/],
    ["colon at the end of a topic", base("title: T\ntopic: Ends with colon:\ndate: 2026-01-01"), 3, /; a colon in a value needs quotes: topic: "Ends with colon:"$/],
    ["colon in a CJK title", base("topic: X\ntitle: 東京: 夜景 🌃\ndate: 2026-01-01"), 3, /needs quotes: title: "東京: 夜景 🌃"$/],
    ["colon in a CRLF title", "---\r\ntitle: C++: templates\r\ntopic: X\r\ndate: 2026-01-01\r\n---\r\n", 2, /needs quotes: title: "C\+\+: templates"$/],
  ];
  it.each(cases)("%s", (_, text, line, message) => {
    const problems = problemsOf(text);
    expect(problems[0]).toMatchObject({ line, severity: "error" });
    expect(problems[0]!.message).toMatch(message);
  });

  it("gives no colon hint where quotes would not help", () => {
    for (const fm of ["title: [unclosed\ntopic: X\ndate: 2026-01-01", 'title: "a": b\ntopic: X\ndate: 2026-01-01', "title: T\ntopic: X\ndate: 2026-01-01\ntitle: again: yes"]) {
      expect(problemsOf(base(fm))[0]!.message).not.toMatch(/colon/);
    }
  });

  it("never runs code from ---js frontmatter", () => {
    const marker = `__nexus_pwned_${Date.now()}`;
    problemsOf(`---js\n{ title: (globalThis.${marker} = true, "x") }\n---\n`);
    problemsOf(`---JavaScript\n{ title: (globalThis.${marker} = true, "x") }\n---\n`);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it("survives a YAML alias bomb by taking only known fields", () => {
    const bomb = `title: T\ntopic: X\ndate: 2026-01-01\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f]`;
    const { entry } = expectOk(`---\n${bomb}\n---\n`);
    expect(JSON.stringify(entry).length).toBeLessThan(500);
  });

  it("accepts a single tag as a string and drops duplicate tags", () => {
    const { entry } = expectOk("---\ntitle: T\ntopic: X\ndate: 2026-01-01\ntags: solo\n---\n");
    expect(entry.tags).toEqual(["solo"]);
    const dup = expectOk("---\ntitle: T\ntopic: X\ndate: 2026-01-01\ntags: [ORM, orm, '#perf']\n---\n");
    expect(dup.entry.tags).toEqual(["ORM", "perf"]);
  });

  it("warns, but accepts, a file name whose date differs from the date field", () => {
    const result = expectOk("---\ntitle: T\ntopic: X\ndate: 2026-01-01\n---\n", "2025-12-31-t.md");
    expect(result.warnings[0]).toMatchObject({ line: 4, severity: "warning" });
    expect(result.warnings[0]!.message).toMatch(/file name says 2025-12-31 but "date" is 2026-01-01/);
  });
});

describe("checkSection", () => {
  it("accepts markdown that reads back as the same section", async () => {
    const { checkSection } = await import("../../src/domain/entry.js");
    expect(checkSection("challenge", "plain\n\n- list\n\n```sh\n## in code\n```\n\n### small")).toBeUndefined();
    expect(checkSection("takeaway", "")).toBeUndefined();
    expect(checkSection("challenge", "x\n```")).toMatch(/not closed/);
    expect(checkSection("takeaway", "x\n~~~\ny")).toMatch(/not closed/);
    expect(checkSection("solution", "## Notes\nx")).toMatch(/heading of level 1 or 2/);
    expect(checkSection("solution", "x\u001b[2J")).toMatch(/control characters/);
  });
});

describe("Unicode forms", () => {
  it("reads title, topic and tags in NFC, so NFD and NFC spellings are one", () => {
    const nfd = expectOk(serializeEntry({ title: "Cafe\u0301", topic: "Re\u0301sume\u0301", date: "2024-01-01", tags: ["Cafe\u0301"], challenge: "", solution: "", takeaway: "" }));
    expect(nfd.entry.title).toBe("Caf\u00e9");
    expect(nfd.entry.topic).toBe("R\u00e9sum\u00e9");
    expect(nfd.entry.tags).toEqual(["Caf\u00e9"]);
  });
});
