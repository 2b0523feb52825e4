// The review on a real terminal (tmux): reveal, rate with the intervals shown, stop half way.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, entryText, makeTree } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";

const journal = () =>
  makeTree({
    "nexus.config.json": "{}\n",
    ".gitattributes": "reviews.tsv merge=union\n",
    "entries/2026-01-02-select-related.md": entryText({ title: "Select related", topic: "Django", date: "2026-01-02", challenge: "List views ran **200 queries**.", solution: "Use `select_related()`.", takeaway: "Profile first." }),
    "entries/2026-01-03-gather.md": entryText({ title: "Gather", topic: "Python", date: "2026-01-03", challenge: "Run many at once.", solution: "asyncio.gather" }),
    "entries/2026-01-04-retry.md": entryText({ title: "Retry", topic: "Celery", date: "2026-01-04", challenge: "Flaky calls.", solution: "Backoff." }),
  });

const log = (dir: string) => fs.readFileSync(path.join(dir, "reviews.tsv"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));

describe.skipIf(!hasTmux)("nexus review on a terminal", () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.kill());

  it("shows the question, reveals the answer, rates with the next intervals, and stops half way with q", async () => {
    const dir = journal();
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" review --date 2026-01-10`, { cwd: dir });
    let screen = await session.waitFor("space or Enter: show the answer");
    expect(screen).toContain("Select related");
    expect(screen).toContain("200 queries");
    expect(screen).not.toContain("select_related()");
    session.press("x"); // other keys do nothing
    session.press("Space");
    screen = await session.waitFor("q: stop");
    expect(screen).toContain("select_related()");
    // The hint to reveal is gone once the answer is shown.
    expect(screen).not.toContain("space or Enter: show the answer");
    expect(screen).toContain("Profile first.");
    expect(screen).toMatch(/1 Again 1m {3}2 Hard 6m {3}3 Good 10m {3}4 Easy \d+d/);
    session.type("4");
    screen = await session.waitFor(/easy: back in \d+d/);
    screen = await session.waitFor("Gather");
    session.press("Enter");
    await session.waitFor("asyncio.gather");
    session.type("1");
    await session.waitFor("again: back in 1m");
    await session.waitFor("Retry");
    session.type("q");
    screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain("Reviewed 2 cards (1 again, 1 easy)");
    expect(screen).toContain("Remaining today: 2");
    expect(screen).toMatch(/^After today, the next cards are due on \d{4}-\d\d-\d\d$/m);
    expect(screen).toContain("[exit 0]");
    expect(log(dir).map((l) => l.split("\t").slice(1).join(" "))).toEqual(["easy entries/2026-01-02-select-related.md", "again entries/2026-01-03-gather.md"]);
  });

  it("Esc before any rating is exit 130 and writes nothing", async () => {
    const dir = journal();
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" review --topic Celery`, { cwd: dir });
    await session.waitFor("Flaky calls.");
    session.press("Escape");
    const screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain("Reviewed 0 cards");
    expect(screen).toContain("stopped: nothing was rated");
    expect(screen).toContain("[exit 130]");
    expect(fs.existsSync(path.join(dir, "reviews.tsv"))).toBe(false);
  });

  it("Ctrl-C keeps the ratings given and is exit 130", async () => {
    const dir = journal();
    session = TmuxSession.start(`"${process.execPath}" "${BIN}" review --date 2026-01-10 --limit 2`, { cwd: dir });
    await session.waitFor("200 queries");
    session.press("Enter");
    await session.waitFor("q: stop");
    session.type("3");
    await session.waitFor("Run many at once.");
    session.press("C-c");
    const screen = await session.waitFor(/\[exit \d+\]/);
    expect(screen).toContain("Reviewed 1 card (1 good)");
    expect(screen).toContain("[exit 130]");
    expect(log(dir)).toHaveLength(1);
  });
});
