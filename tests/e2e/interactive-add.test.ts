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
  it("asks for each field, shows the entry and saves it", async () => {
    const dir = journal();
    session = TmuxSession.start(`node ${BIN} add --date 2026-11-27`, { cwd: dir });
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
    for (const [label, line] of [
      ["Challenge", "List views ran one query per row."],
      ["Solution", "Use select_related()."],
      ["Takeaway", "Profile first."],
    ] as const) {
      await session.waitFor(`? ${label} (an empty line ends it)`);
      session.type(line);
      session.press("Enter");
      await session.waitFor(/^\? …\s*$/m); // the next line of the same answer
      session.press("Enter"); // an empty line ends it
    }
    await session.waitFor("Save this entry?");
    session.press("Enter");
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 0]");
    expect(screen).toContain("entries/2026-11-27-select-related-saves-queries.md");
    const text = fs.readFileSync(path.join(dir, "entries/2026-11-27-select-related-saves-queries.md"), "utf8");
    expect(text).toBe(
      "---\ntitle: Select related saves queries\ntopic: Django\ndate: 2026-11-27\ntags: [orm, django-orm, queries]\n---\n\n" +
        "## Challenge\n\nList views ran one query per row.\n\n## Solution\n\nUse select_related().\n\n## Takeaway\n\nProfile first.\n",
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
