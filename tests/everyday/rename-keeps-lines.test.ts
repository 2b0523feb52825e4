// Every rewrite of a frontmatter keeps the lines it does not change, or refuses
// with exit 1 and leaves the file (report 2026-12-06 defect 5, r17.sh, and the
// frontmatter shapes it did not try).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepsOtherLines, setFrontmatterField } from "../../src/domain/frontmatter-edit.js";
import { makeTree, runCli } from "../helpers.js";

const OTHER = 'featured: true\nreview: false\nsource: "til:django/n-plus-one.md"\nauthor: me\n';
const BODY = "## Challenge\n\nList views ran 200 queries.\n";
const FILE = "entries/2026-01-01-n-plus-one.md";

/** Frontmatter shapes of the tags field: [name, frontmatter lines before the other keys]. */
const SHAPES: [string, string][] = [
  ["quoted keys (r17)", '"title": Fixing N+1\n"topic": Django\n"date": 2026-01-01\n"tags": [orm, performance]\n'],
  ["single-quoted key", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\n'tags': [orm, performance]\n"],
  ["explicit key", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\n? tags\n: [orm, performance]\n"],
  ["flow list over two lines", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\ntags: [orm,\n  performance]\n"],
  ["block list with comments", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\ntags:\n  - orm # the ORM\n# a comment line\n  - performance\n"],
  ["anchor on the list", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\ntags: &t [orm, performance]\n"],
  ["tags last, after the other keys", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\n"],
  ["one flow mapping", "{title: Fixing N+1, topic: Django, date: 2026-01-01, tags: [orm, performance]}\n"],
  ["CRLF", "title: Fixing N+1\r\ntopic: Django\r\ndate: 2026-01-01\r\n\"tags\": [orm, performance]\r\n"],
  ["tags: then a key whose value is indented on the next line", "title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\ntags: [orm, performance]\nnote:\n  kept as is\n"],
];

const fileFor = (shape: string) => {
  const crlf = shape.includes("\r\n");
  const eol = (s: string) => (crlf ? s.replace(/\r?\n/g, "\r\n") : s);
  const last = shape.startsWith("title: Fixing N+1\ntopic: Django\ndate: 2026-01-01\n") && !shape.includes("tags") ? "tags: [orm, performance]\n" : "";
  return eol(`---\n${shape}${shape.startsWith("{") ? "" : OTHER}${last}---\n${BODY}`);
};

describe("5: tags --rename keeps every other frontmatter line, or refuses", () => {
  for (const [name, shape] of SHAPES) {
    it(name, async () => {
      const before = fileFor(shape);
      const dir = makeTree({ "nexus.config.json": "{}\n", [FILE]: before });
      const r = await runCli(["tags", "--rename", "orm", "ORM"], { cwd: dir });
      const after = fs.readFileSync(path.join(dir, FILE), "utf8");
      if (r.code === 0) {
        expect(after).not.toBe(before);
        expect(keepsOtherLines(before, after, "tags"), after).toBe(true);
        for (const line of before.split(/\r?\n/).filter((l) => /^(featured|review|source|author|note| {2}kept)/.test(l))) expect(after).toContain(line);
        const list = await runCli(["list", "--json"], { cwd: dir });
        expect(JSON.parse(list.stdout)[0].tags).toEqual(["ORM", "performance"]);
      } else {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/not rewritten/);
        expect(r.stderr).toContain("1 file was left unchanged");
        expect(after).toBe(before);
      }
    });
  }

  it("r17: quoted keys: renamed, and review: false, source: and author: stay; the entry is still no card", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", [FILE]: fileFor(SHAPES[0]![1]) });
    const r = await runCli(["tags", "--rename", "orm", "ORM"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const after = fs.readFileSync(path.join(dir, FILE), "utf8");
    expect(after).toBe(fileFor(SHAPES[0]![1]).replace('"tags": [orm, performance]', '"tags": [ORM, performance]'));
    const due = await runCli(["review", "--due"], { cwd: dir });
    expect(due.stdout).not.toContain("n-plus-one");
  });

  it("topics --rename with a quoted key, and edit --no-featured with a quoted key, keep the other lines", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", [FILE]: fileFor(SHAPES[0]![1]).replace("featured: true", '"featured": true') });
    expect((await runCli(["topics", "--rename", "Django", "Web"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["edit", "n-plus-one", "--no-featured"], { cwd: dir })).code).toBe(0);
    const after = fs.readFileSync(path.join(dir, FILE), "utf8");
    expect(after).toContain('"topic": Web\n');
    expect(after).toContain('"featured": false\n');
    expect(after).toContain('review: false\nsource: "til:django/n-plus-one.md"\nauthor: me\n');
  });

  it("setFrontmatterField keeps the key's spelling; keepsOtherLines sees a dropped line", () => {
    const text = "---\n'tags': [a]\nx: 1\n---\nbody\n";
    expect(setFrontmatterField(text, "tags", "[b]")).toBe("---\n'tags': [b]\nx: 1\n---\nbody\n");
    expect(keepsOtherLines(text, "---\n'tags': [b]\n---\nbody\n", "tags")).toBe(false);
    expect(keepsOtherLines(text, "---\n'tags': [b]\nx: 1\n---\nbody!\n", "tags")).toBe(false);
  });
});
