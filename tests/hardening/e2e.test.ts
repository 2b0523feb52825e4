// Issue 12 (adversarial pass), end to end: the built CLI in temporary journals.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { BIN, entryText, makeTree, runCli } from "../helpers.js";

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
    expect(r.stdout).toContain("<!-- nexus:begin config.constructor -->\n<!-- nexus:end config.constructor -->");
  });
});

describe("11, 13: errors people meet", () => {
  it("a path component that is a file: one line naming the path, exit 1, nothing written", async () => {
    const dir = journal({ "nexus.config.json": '{"entries": "notes/sub"}\n', notes: "a file\n" });
    const r = await runCli(["add", "--title", "T", "--topic", "X"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nexus: cannot create the folder notes\/sub: a part of the path is a file, not a folder \(ENOTDIR\)\nhint: /);
    expect(r.stderr).not.toMatch(/unexpected|report/);
  });
  it.runIf(fs.existsSync("/dev/full"))("a full disk (output to /dev/full): one line, exit 1, no stack trace", () => {
    const full = fs.openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [BIN, "list"], { cwd: journal(), stdio: ["ignore", full, "pipe"], env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("nexus: cannot write standard output: no space left on the device (ENOSPC)\n");
    } finally {
      fs.closeSync(full);
    }
  });
  it("an empty --dir is a usage error; a --dir that is a file says so", async () => {
    const dir = journal();
    const empty = await runCli(["rm", "--yes", "--dir", "", "2024-01-02-a"], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--dir is empty/);
    expect(fs.existsSync(path.join(dir, "entries/2024-01-02-a.md"))).toBe(true);
    const file = await runCli(["list", "--dir", "nexus.config.json"], { cwd: dir });
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/nexus\.config\.json is a file, not a folder/);
  });
});

describe("14, 15: add", () => {
  it("--dry-run --json prints the entry as JSON and writes nothing", async () => {
    const dir = journal();
    const r = await runCli(["add", "--dry-run", "--json", "--title", "New", "--topic", "Go", "--date", "2024-03-04"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: "New", topic: "Go", date: "2024-03-04", path: "entries/2024-03-04-new.md", dryRun: true });
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual(["2024-01-02-a.md"]);
  });
  it("an error quoting user input shows control characters inert", async () => {
    const r = await runCli(["add", "--title", "T", "--topic", "X", "--date", "\u001b]0;owned\u0007\u001b[2J"], { cwd: journal() });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).toContain("\u241b[2J");
  });
  it("a year before 1000 is refused; stdin CRLF is saved with LF only", async () => {
    const dir = journal();
    const old = await runCli(["add", "--title", "T", "--topic", "X", "--date", "0999-01-01"], { cwd: dir });
    expect(old.code).toBe(2);
    const r = await runCli(["add", "--title", "Piped", "--topic", "X", "--date", "2024-05-06", "--takeaway", "-"], { cwd: dir, input: "one\r\ntwo\r\n" });
    expect(r.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, "entries/2024-05-06-piped.md"), "utf8");
    expect(text).toContain("one\ntwo");
    expect(text).not.toContain("\r");
  });
  it("init where nexus.config.json is a folder is an error, and nothing is made", async () => {
    const dir = makeTree({ "nexus.config.json/keep": "x" });
    const r = await runCli(["init"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nexus\.config\.json is a folder, not a file/);
    expect(fs.existsSync(path.join(dir, "entries"))).toBe(false);
  });
});
