// Naming an entry by its day, picking one of several on a terminal, show with no name,
// and edit --last: without a terminal (spawned CLI), in-process with a scripted prompter,
// and once for real in tmux.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { edit } from "../../src/commands/edit.js";
import { show } from "../../src/commands/show.js";
import type { Choice, Prompter } from "../../src/ui/prompts.js";
import { BIN, entryText, makeTree, runCli, tempDir } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";
import { fakeIo } from "./fake-io.js";

let dir: string;
beforeAll(() => {
  dir = makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-12-05-delta.md": entryText({ title: "Delta", topic: "Y", date: "2026-12-05" }),
    "entries/2026-12-06-beta.md": entryText({ title: "Beta \u001b[31mred\u001b[0m", topic: "X", date: "2026-12-06" }),
  });
  // Made after beta, so the newest of the day, though list shows beta first (by name). File
  // times are as coarse as the kernel's tick (up to 10 ms): wait until the clock is past it.
  const made = (name: string) => {
    const stat = fs.statSync(path.join(dir, "entries", name));
    return stat.birthtimeMs || stat.ctimeMs;
  };
  const betaMade = made("2026-12-06-beta.md");
  while (Date.now() <= betaMade + 20) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  makeTree({ "entries/2026-12-06-alpha.md": entryText({ title: "Alpha 東京タワー", topic: "X", date: "2026-12-06" }) }, dir);
  expect(made("2026-12-06-alpha.md")).toBeGreaterThan(betaMade);
});

/** A prompter that records the choices of a list and picks the one named. */
function picking(title: RegExp) {
  const offered: { message: string; names: string[] }[] = [];
  const pick = async <T,>(message: string, choices: Choice<T>[]) => {
    offered.push({ message, names: choices.map((c) => c.name) });
    return choices.find((c) => title.test(c.name))!.value;
  };
  const prompter = { select: pick, search: async (message: string) => pick(message, []) } as unknown as Prompter;
  return { prompter, offered };
}

describe("show by date, without a terminal", () => {
  it("shows the one entry of a day; lists a day's several and exits 1", async () => {
    const [one, several] = await Promise.all([runCli(["show", "2026-12-05"], { cwd: dir }), runCli(["show", "2026-12-06"], { cwd: dir })]);
    expect([one.code, one.stdout.split("\n")[0]]).toEqual([0, "Delta"]);
    expect(several.code).toBe(1);
    expect(several.stderr).toMatch(/^nexus: "2026-12-06" matches 2 entries:\n {2}entries\/2026-12-06-beta\.md {2}Beta ␛\[31mred␛\[0m\n {2}entries\/2026-12-06-alpha\.md/);
    expect(several.stderr).not.toContain("\u001b");
  });

  it("with no name, show and edit are usage errors that say what is missing", async () => {
    const [bare, editBare, both] = await Promise.all([runCli(["show"], { cwd: dir }), runCli(["edit"], { cwd: dir }), runCli(["edit", "delta", "--last"], { cwd: dir })]);
    expect([bare.code, bare.stderr.split("\n")[0]]).toEqual([2, "nexus: name the entry to show: a path, file name, slug, date (YYYY-MM-DD) or part of its title"]);
    expect([editBare.code, editBare.stderr]).toEqual([2, expect.stringMatching(/^nexus: name the entry to edit .* or pass --last for the newest\nhint: nexus edit --last\n$/)]);
    expect([both.code, both.stderr]).toEqual([2, "nexus: name an entry or pass --last, not both\n"]);
  });

  it("edit --last edits the newest entry: the latest day, the file made last", async () => {
    const log = path.join(tempDir(), "log");
    const editor = `sh -c 'echo "$1" >> ${log}' editor`;
    const r = await runCli(["edit", "--last"], { cwd: dir, env: { EDITOR: editor } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("the newest entry: entries/2026-12-06-alpha.md  (Alpha 東京タワー)\nno changes: entries/2026-12-06-alpha.md was left as it was\n");
    expect(fs.readFileSync(log, "utf8")).toMatch(/^\S*drafts\/2026-12-06-alpha-[^/]*\.md\n$/);
  });
});

describe("on a terminal (scripted prompter)", () => {
  it("a name that is several offers them, inert, and shows the one picked", async () => {
    const { io, stdout } = fakeIo(dir, { interactive: true });
    const { prompter, offered } = picking(/Alpha/);
    expect(await show({ io, dir: undefined, strict: false }, { entry: "2026-12-06", raw: false, json: false, prompter })).toBe(0);
    expect(offered).toEqual([{ message: '"2026-12-06" is 2 entries: which one?', names: ["2026-12-06  X  Beta ␛[31mred␛[0m", "2026-12-06  X  Alpha 東京タワー"] }]);
    expect(stdout().split("\n")[0]).toBe("Alpha 東京タワー");
  });

  it("show with no name opens the interactive search; edit with no name takes the newest", async () => {
    const { io, stdout } = fakeIo(dir, { interactive: true });
    const { prompter, offered } = picking(/./);
    const searched = { ...prompter, search: async () => "entries/2026-12-05-delta.md" } as Prompter;
    expect(await show({ io, dir: undefined, strict: false }, { raw: false, json: false, prompter: searched })).toBe(0);
    expect(stdout().split("\n")[0]).toBe("Delta");
    const opened: string[] = [];
    const edited = fakeIo(dir, { interactive: true });
    expect(await edit({ io: edited.io, dir: undefined, strict: false }, {}, { openEditor: (file) => void opened.push(file) })).toBe(0);
    expect(edited.stderr()).toMatch(/^the newest entry: entries\/2026-12-06-alpha\.md/);
    expect(opened).toHaveLength(1);
    expect(offered).toEqual([]);
  });
});

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe.skipIf(!hasTmux)("the picker in a real terminal (tmux)", () => {
  it("lists the day's entries with wide and control characters shown inert; arrows and Enter show one", async () => {
    session = TmuxSession.start(`node ${BIN} show 2026-12-06 --no-pager`, { cwd: dir });
    const screen = await session.waitFor("which one?");
    expect(screen).toContain("2026-12-06  X  Alpha 東京タワー");
    expect(screen).toContain("2026-12-06  X  Beta ␛[31mred␛[0m");
    session.press("Down");
    session.press("Enter");
    const shown = await session.waitFor("[exit ");
    expect(shown).toContain("[exit 0]");
    expect(shown).toMatch(/^Alpha 東京タワー$/m);
    expect(shown).toContain("entries/2026-12-06-alpha.md");
  });

  it("show alone searches as you type, and Enter shows the entry", async () => {
    session = TmuxSession.start(`node ${BIN} show --no-pager`, { cwd: dir });
    await session.waitFor("Search the journal");
    session.type("delta");
    await session.waitFor(/❯ 2026-12-05 {2}Y {2}Delta/);
    session.press("Enter");
    const shown = await session.waitFor("[exit ");
    expect(shown).toContain("[exit 0]");
    expect(shown).toContain("entries/2026-12-05-delta.md");
  });
});
