import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, entryText, makeTree } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

function journal() {
  return makeTree({
    "entries/2026-11-20-fixing-n-1-queries.md": entryText({ title: "Fixing N+1 queries", topic: "Django", date: "2026-11-20", tags: ["orm", "performance"] }),
  });
}

describe.skipIf(!hasTmux)("nexus add in a terminal (tmux)", () => {
  it("asks for each field, the date and featured, keeps lines, paragraphs and code, and saves it", async () => {
    const dir = journal();
    // The takeaway goes through the editor (:e): a stand-in that edits the file it is given.
    const editor = path.join(dir, "edit.cjs");
    fs.writeFileSync(editor, 'const fs = require("fs"); const f = process.argv[2]; fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace("first.", "first, edited in the editor.\\n"));\n');
    session = TmuxSession.start(`node ${BIN} add`, { cwd: dir, env: { EDITOR: `node ${editor}` } });
    await session.waitFor("Title");
    session.type("Select related saves queries");
    session.press("Enter");
    await session.waitFor("Topic");
    await session.waitFor("A new topic");
    session.press("Enter"); // Django, the only existing topic
    await session.waitFor("Tags");
    session.press("Space"); // orm, the first of the known tags
    session.press("Enter");
    await session.waitFor("New tags");
    session.type("django-orm, queries");
    session.press("Enter");
    await session.waitFor(/Date \(YYYY-MM-DD, today or yesterday\) \(\d{4}-\d\d-\d\d\)/);
    session.type("2026-11-27");
    session.press("Enter");
    const typeLines = async (label: string, lines: string[]) => {
      await session!.waitFor(`? ${label} (Enter alone skips it; end with a line . alone; :e opens your editor)`);
      for (const line of lines) {
        const before = session!.screen().split("\n").filter((l) => l.startsWith("? …") || l.startsWith("✔ …")).length;
        if (line) session!.type(line);
        session!.press("Enter");
        if (line !== "." && line !== ":e") await session!.waitFor({ test: (screen: string) => screen.split("\n").filter((l) => l.startsWith("? …") || l.startsWith("✔ …")).length > before } as RegExp);
      }
    };
    await typeLines("Challenge", ["List views ran one query per row.", "Builds were slow too.", "", "```py", "qs = Book.objects.all()", "", "for b in qs: print(b.author)", "```", "."]);
    await typeLines("Solution", ["Use select_related().", "."]);
    await typeLines("Takeaway", ["Profile first.", ":e"]);
    await session.waitFor("Feature this challenge in the README (featured: true)?");
    session.type("y");
    session.press("Enter");
    await session.waitFor("Save this entry?");
    session.press("Enter");
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 0]");
    expect(screen).toContain("entries/2026-11-27-select-related-saves-queries.md");
    const text = fs.readFileSync(path.join(dir, "entries/2026-11-27-select-related-saves-queries.md"), "utf8");
    expect(text).toBe(
      "---\ntitle: Select related saves queries\ntopic: Django\ndate: 2026-11-27\ntags: [orm, django-orm, queries]\nfeatured: true\n---\n\n" +
        "## Challenge\n\nList views ran one query per row.  \nBuilds were slow too.\n\n```py\nqs = Book.objects.all()\n\nfor b in qs: print(b.author)\n```\n\n" +
        "## Solution\n\nUse select_related().\n\n## Takeaway\n\nProfile first, edited in the editor.\n",
    );
  });

  it.each([
    ["Ctrl-C", "C-c"],
    ["Esc", "Escape"],
  ])("%s in a prompt writes nothing and exits 130", async (_, key) => {
    const dir = journal();
    session = TmuxSession.start(`node ${BIN} add`, { cwd: dir });
    await session.waitFor("Title");
    session.type("Half typed");
    session.press("Enter");
    await session.waitFor("Topic");
    session.press(key);
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 130]");
    expect(screen).toContain("cancelled, nothing was written");
    expect(screen).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual(["2026-11-20-fixing-n-1-queries.md"]);
  });
});
