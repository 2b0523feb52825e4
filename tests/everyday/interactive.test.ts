// The terminal flows of edit and rm, once for real in a pseudo-terminal (tmux).
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, entryText, makeTree, tempDir } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";

const ORIGINAL = entryText({ title: "Select related", topic: "Django", date: "2026-01-05", tags: ["orm"], challenge: "Too many queries." });

describe.skipIf(!hasTmux)("on a real terminal", () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it("edit: an invalid edit is shown, re-opened, then the fixed one is saved", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/2026-01-05-select-related.md": ORIGINAL });
    const scripts = tempDir("nexus-editor-");
    const editor = path.join(scripts, "editor.mjs");
    // First opening breaks the date; the second (which must show the broken text) fixes it.
    fs.writeFileSync(
      editor,
      `import fs from "node:fs";
const file = process.argv[2];
const text = fs.readFileSync(file, "utf8");
if (text.includes("date: 2026-01-05")) fs.writeFileSync(file, text.replace("date: 2026-01-05", "date: whenever"));
else fs.writeFileSync(file, text.replace("date: whenever", "date: 2026-01-05").replace("Too many", "So many"));
`,
    );
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" edit select-related`, {
      cwd: dir,
      env: { EDITOR: `"${process.execPath}" "${editor}"` },
    });
    const screen = await session.waitFor("What now?");
    expect(screen).toContain("line 4:");
    expect(screen).toContain("Open the editor again");
    session.press("Enter");
    const done = await session.waitFor(/\[exit \d+\]/);
    expect(done).toContain("updated entries/2026-01-05-select-related.md");
    expect(done).toContain("[exit 0]");
    expect(fs.readFileSync(path.join(dir, "entries/2026-01-05-select-related.md"), "utf8")).toBe(ORIGINAL.replace("Too many", "So many"));
    expect(fs.readdirSync(path.join(dir, ".nexus/drafts"))).toEqual([]);
  });

  it("edit with no $VISUAL or $EDITOR opens the first of editor, nano, vi on PATH, as git does", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/2026-01-05-select-related.md": ORIGINAL });
    // A stand-in named nano (first on PATH, no `editor` there) that edits the file it is given.
    const bin = tempDir("nexus-path-");
    fs.writeFileSync(path.join(bin, "nano"), `#!/bin/sh\nexec "${process.execPath}" -e 'const fs = require("fs"); const f = process.argv[1]; fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace("Too many", "Edited in nano:"))' "$1"\n`);
    fs.chmodSync(path.join(bin, "nano"), 0o755);
    fs.symlinkSync("/bin/sh", path.join(bin, "sh"));
    // PATH is that folder alone: the machine's own `editor` or `vi` would come first.
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" edit select-related`, { cwd: dir, env: { PATH: bin } });
    const done = await session.waitFor(/\[exit \d+\]/);
    expect(done).toContain("updated entries/2026-01-05-select-related.md");
    expect(fs.readFileSync(path.join(dir, "entries/2026-01-05-select-related.md"), "utf8")).toBe(ORIGINAL.replace("Too many", "Edited in nano:"));
  });

  it("rm: asks, and removes on yes", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/2026-01-05-select-related.md": ORIGINAL });
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" rm select`, { cwd: dir });
    await session.waitFor("Remove entries/2026-01-05-select-related.md");
    session.type("y");
    session.press("Enter");
    const done = await session.waitFor(/\[exit \d+\]/);
    expect(done).toContain("removed entries/2026-01-05-select-related.md");
    expect(done).toContain("[exit 0]");
    expect(fs.existsSync(path.join(dir, "entries/2026-01-05-select-related.md"))).toBe(false);
  });
});
