import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { edit } from "../../src/commands/edit.js";
import { editorCommand, needsTerminal } from "../../src/ui/editor.js";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";
import { fakeIo, scriptedPrompter } from "./fake-io.js";

const ORIGINAL = entryText({ title: "Select related", topic: "Django", date: "2026-01-05", tags: ["orm"], challenge: "Too many queries.", extra: "\n## Links\n\nkept as notes\n" });

function journal() {
  return makeTree({ "nexus.config.json": "{}\n", "entries/2026-01-05-select-related.md": ORIGINAL });
}

/** A scripted editor: a node script that replaces the file's text with what EDIT_TO holds (or a regex swap). */
function editorScript(): string {
  const dir = tempDir("nexus-editor-");
  const file = path.join(dir, "editor.mjs");
  fs.writeFileSync(
    file,
    `import fs from "node:fs";
const file = process.argv[2];
const text = fs.readFileSync(file, "utf8");
fs.appendFileSync(process.env.EDIT_LOG ?? "/dev/null", file + "\\n");
if (process.env.EDIT_TO !== undefined) fs.writeFileSync(file, process.env.EDIT_TO);
else if (process.env.EDIT_FROM) fs.writeFileSync(file, text.replace(process.env.EDIT_FROM, process.env.EDIT_WITH ?? ""));
`,
  );
  return `"${process.execPath}" "${file}"`;
}

/** A folder holding executable stand-ins named like editors. */
function fakeEditors(names: string[]): string {
  const dir = tempDir("nexus-path-");
  for (const name of names) {
    fs.writeFileSync(path.join(dir, name), "#!/bin/sh\nexit 0\n");
    fs.chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

const entryFile = (dir: string) => path.join(dir, "entries", "2026-01-05-select-related.md");
const drafts = (dir: string) => (fs.existsSync(path.join(dir, ".nexus/drafts")) ? fs.readdirSync(path.join(dir, ".nexus/drafts")) : []);

describe("nexus edit (scripted $EDITOR, no terminal)", () => {
  const EDITOR = editorScript();

  it("saves a valid edit atomically and keeps the body's other parts", async () => {
    const dir = journal();
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { EDITOR, EDIT_FROM: "Too many queries.", EDIT_WITH: "200 queries per page." } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("updated entries/2026-01-05-select-related.md\n");
    expect(fs.readFileSync(entryFile(dir), "utf8")).toBe(ORIGINAL.replace("Too many queries.", "200 queries per page."));
    expect(drafts(dir)).toEqual([]);
  });

  it("says no changes and writes nothing when the text is unchanged", async () => {
    const dir = journal();
    const before = fs.statSync(entryFile(dir)).mtimeMs;
    const r = await runCli(["edit", "Select"], { cwd: dir, env: { VISUAL: EDITOR } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^no changes: entries\/2026-01-05-select-related\.md/);
    expect(fs.statSync(entryFile(dir)).mtimeMs).toBe(before);
    expect(drafts(dir)).toEqual([]);
  });

  it("keeps the entry and the draft when the edit is invalid, and names the line", async () => {
    const dir = journal();
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { EDITOR, EDIT_FROM: "date: 2026-01-05", EDIT_WITH: "date: someday" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("line 4:");
    expect(r.stderr).toContain('"date" must be a calendar date');
    expect(fs.readFileSync(entryFile(dir), "utf8")).toBe(ORIGINAL);
    const [draft] = drafts(dir);
    expect(draft).toBeDefined();
    expect(r.stderr).toContain(`.nexus/drafts/${draft}`);
    expect(fs.readFileSync(path.join(dir, ".nexus/drafts", draft!), "utf8")).toContain("date: someday");
  });

  it("notes when the date no longer matches the kept file name", async () => {
    const dir = journal();
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { EDITOR, EDIT_FROM: "date: 2026-01-05", EDIT_WITH: "date: 2026-02-01" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("note: the file keeps its name (2026-01-05-select-related.md) though its date is now 2026-02-01");
    expect(fs.existsSync(entryFile(dir))).toBe(true);
  });

  it("is a clear error without an editor (none set, and none of editor, nano, vi on PATH)", async () => {
    const dir = journal();
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { PATH: tempDir("nexus-empty-path-") } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no editor to open: set $VISUAL or $EDITOR (none of editor, nano, vi is installed either)");
    expect(drafts(dir)).toEqual([]);
  });

  it("falls back as git does, and says which editor needs the terminal that is not there", async () => {
    const dir = journal();
    const bin = fakeEditors(["nano", "vi"]);
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { PATH: bin } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the editor "nano" needs a terminal, and there is none here');
    expect(r.stderr).toContain("nano is used when $VISUAL and $EDITOR are not set");
    const add = await runCli(["add", "--title", "T", "--topic", "X", "--edit"], { cwd: dir, env: { PATH: bin } });
    expect(add.code).toBe(1);
    expect(add.stderr).toContain('the editor "nano" needs a terminal');
  });

  it("picks $VISUAL, then $EDITOR, then the first of editor, nano, vi that is an executable file on PATH", () => {
    const both = fakeEditors(["nano", "vi"]);
    const all = fakeEditors(["vi", "editor", "nano"]);
    const notExecutable = fakeEditors(["vi"]);
    fs.writeFileSync(path.join(notExecutable, "nano"), "#!/bin/sh\n");
    fs.mkdirSync(path.join(notExecutable, "editor"));
    expect(editorCommand({ PATH: both })).toBe("nano");
    expect(editorCommand({ PATH: `${both}${path.delimiter}${all}` })).toBe("editor");
    expect(editorCommand({ PATH: notExecutable })).toBe("vi");
    expect(editorCommand({ PATH: all, EDITOR: "ed" })).toBe("ed");
    expect(editorCommand({ PATH: all, EDITOR: "ed", VISUAL: "code --wait" })).toBe("code --wait");
    expect(editorCommand({ PATH: all, EDITOR: "  ", VISUAL: "" })).toBe("editor");
    expect(editorCommand({ PATH: "" })).toBeUndefined();
  });

  it("is a clear error when the editor needs a terminal and there is none", async () => {
    const dir = journal();
    const r = await runCli(["edit", "select-related"], { cwd: dir, env: { EDITOR: "vim" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the editor "vim" needs a terminal');
    expect(drafts(dir)).toEqual([]);
    expect(needsTerminal("/usr/bin/nvim -u NONE")).toBe(true);
    expect(needsTerminal("emacs -nw")).toBe(true);
    expect(needsTerminal("code --wait")).toBe(false);
  });

  it("replaces a link inside the journal's target, never writes outside", async () => {
    const outside = makeTree({ "secret.md": ORIGINAL });
    const dir = journal();
    fs.symlinkSync(path.join(outside, "secret.md"), path.join(dir, "entries", "2026-01-06-link.md"));
    const r = await runCli(["edit", "entries/2026-01-06-link.md"], { cwd: dir, env: { EDITOR, EDIT_TO: "x" } });
    expect(r.code).toBe(1);
    expect(fs.readFileSync(path.join(outside, "secret.md"), "utf8")).toBe(ORIGINAL);
  });

  it("has help with examples, and bad flags are usage errors", async () => {
    const dir = journal();
    const help = await runCli(["edit", "--help"], { cwd: dir });
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("edit one entry");
    expect((await runCli(["edit", "x", "--bogus"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["edit"], { cwd: dir })).code).toBe(2);
  });
});

describe("nexus edit on a terminal (replaced prompter)", () => {
  it("re-opens the editor on an invalid edit, then saves the fixed one", async () => {
    const dir = journal();
    const { io, stdout, stderr } = fakeIo(dir, { interactive: true });
    const texts = [ORIGINAL.replace("title:", "titel:"), ORIGINAL.replace("Too many", "So many")];
    const seen: string[] = [];
    const { prompter, asked } = scriptedPrompter(["again"]);
    const code = await edit({ io, dir: undefined, strict: false }, { entry: "select-related" }, {
      prompter,
      openEditor: (file) => {
        seen.push(fs.readFileSync(file, "utf8"));
        fs.writeFileSync(file, texts.shift()!);
      },
    });
    expect(code).toBe(0);
    expect(asked).toEqual(["What now?"]);
    expect(stderr()).toContain('missing required field "title"');
    // The second opening shows the invalid text, so nothing typed is lost.
    expect(seen[1]).toContain("titel:");
    expect(stdout()).toContain("updated entries/2026-01-05-select-related.md");
    expect(fs.readFileSync(entryFile(dir), "utf8")).toContain("So many");
    expect(drafts(dir)).toEqual([]);
  });

  it("keeps the previous version when asked, with the draft kept", async () => {
    const dir = journal();
    const { io, stderr } = fakeIo(dir, { interactive: true });
    const { prompter } = scriptedPrompter(["keep"]);
    const code = await edit({ io, dir: undefined, strict: false }, { entry: "select-related" }, {
      prompter,
      openEditor: (file) => fs.writeFileSync(file, "---\ntitle: [\n---\n"),
    });
    expect(code).toBe(1);
    expect(fs.readFileSync(entryFile(dir), "utf8")).toBe(ORIGINAL);
    expect(drafts(dir)).toHaveLength(1);
    expect(stderr()).toContain("kept the previous version");
  });
});
