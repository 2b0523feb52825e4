// Issue 12 (adversarial pass), end to end: the built CLI in temporary journals.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

const journal = (files: Record<string, string | Buffer> = {}) =>
  makeTree({
    "nexus.config.json": "{}\n",
    "entries/2024-01-02-a.md": entryText({ title: "A", topic: "Go", date: "2024-01-02", tags: ["orm"], takeaway: "hi" }),
    ...files,
  });

const latin1 = Buffer.concat([Buffer.from("Jos"), Buffer.from([0xe9]), Buffer.from(" wrote this\n<!-- nexus:begin topics -->\n<!-- nexus:end topics -->\nend\n")]);

describe("1: a README or template that is not UTF-8 is refused and left byte for byte", () => {
  for (const args of [["build-readme"], ["build-readme", "--check"]]) {
    it(`nexus ${args.join(" ")}`, async () => {
      const dir = journal({ "README.md": latin1 });
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^nexus: README\.md:1: not UTF-8 text/);
      expect(r.stdout).not.toContain("\ufffd");
      expect(fs.readFileSync(path.join(dir, "README.md")).equals(latin1)).toBe(true);
    });
  }
  it("templates/README.md", async () => {
    const dir = journal({ "templates/README.md": Buffer.concat([Buffer.from("# T\n\n"), Buffer.from([0xff]), Buffer.from("\n{{topics}}\n")]) });
    const r = await runCli(["build-readme"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/README\.md:3: not UTF-8 text/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
  it("a README with a byte order mark and CRLF keeps both", async () => {
    const dir = journal({ "README.md": "\ufeffintro\r\n<!-- nexus:begin topics -->\r\n<!-- nexus:end topics -->\r\nend\r\n" });
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(text.startsWith("\ufeffintro\r\n")).toBe(true);
    expect(text.endsWith("<!-- nexus:end topics -->\r\nend\r\n")).toBe(true);
  });
});

describe("3: tags --rename keeps a block list and its comments", () => {
  it("renames in place", async () => {
    const text = `---\ntitle: A\ntopic: Go\ndate: 2024-01-02\ntags:\n  - orm   # why\n  # note\n  - sql\n---\n\n## Takeaway\n\nhi\n`;
    const dir = journal({ "entries/2024-01-02-a.md": text });
    const r = await runCli(["tags", "--rename", "orm", "ORM"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "entries/2024-01-02-a.md"), "utf8")).toBe(text.replace("- orm   # why", "- ORM   # why"));
  });
  it("topics spelled NFC and NFD count as one", async () => {
    const dir = journal({
      "entries/2024-01-03-b.md": entryText({ title: "B", topic: "Cafe\u0301", date: "2024-01-03", takeaway: "x" }),
      "entries/2024-01-04-c.md": entryText({ title: "C", topic: "Caf\u00e9", date: "2024-01-04", takeaway: "x" }),
    });
    const r = await runCli(["topics"], { cwd: dir });
    expect(r.stdout).toMatch(/2 {2}Caf\u00e9/);
    expect(r.stderr).not.toContain("--rename");
  });
});

describe("8: a template that is a link", () => {
  it("is followed while it stays inside the journal", async () => {
    const dir = journal({ "docs/tpl.md": "# Mine\n\n{{topics}}\n" });
    fs.mkdirSync(path.join(dir, "templates"));
    fs.symlinkSync("../docs/tpl.md", path.join(dir, "templates/README.md"));
    const r = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Mine/);
  });
  it("is refused when it leads out", async () => {
    const outside = makeTree({ "tpl.md": "# Theirs\n\n{{topics}}\n" });
    const dir = journal();
    fs.mkdirSync(path.join(dir, "templates"));
    fs.symlinkSync(path.join(outside, "tpl.md"), path.join(dir, "templates/README.md"));
    const r = await runCli(["build-readme"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/README\.md is a link that leads out of the journal/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
});

describe("9 and 10: template comments and config keys", () => {
  it("an unclosed comment is reported with its line and nothing is written", async () => {
    const dir = journal({ "templates/README.md": "# R\n\n{{! TODO\n\n{{toc}}\n{{topics}}\n" });
    const r = await runCli(["build-readme"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/README\.md:3: comment `\{\{!` is not closed/);
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
  });
  it("{{config.constructor}} is not JavaScript's", async () => {
    const dir = journal({ "templates/README.md": "# R\n\n{{config.constructor}}\n\n{{config.toString}}\n" });
    const r = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/native code|function/);
    expect(r.stdout).toContain("Set `readme.constructor`");
  });
});
