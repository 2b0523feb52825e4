// nexus init and the README's values: asked in a terminal (tmux), never without one.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, makeTree, runCli, tempDir } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";

let session: TmuxSession | undefined;
afterEach(() => session?.kill());
const config = (dir: string) => fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8");

describe("nexus init without a terminal", () => {
  it("asks nothing: the flags' values, or none and a line on how to set them; a wrong flag makes nothing", async () => {
    const dir = tempDir();
    let r = await runCli(["init", "plain"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nJournal ready. Next: nexus add --dir plain\nThe README\'s title, overview and contact: nexus config set readme.title "My journal" (or nexus init --title --overview --github)\n');
    expect(config(path.join(dir, "plain"))).toBe('{\n  "entries": "entries"\n}\n');
    r = await runCli(["init", "flags", "--title", "東京 TIL 🌸", "--overview", "What I learn.", "--github", "ada"], { cwd: dir });
    expect(r.stdout).toContain("created flags/nexus.config.json (readme.title, readme.overview, readme.contact)\n");
    expect(JSON.parse(config(path.join(dir, "flags")))).toEqual({ entries: "entries", readme: { title: "東京 TIL 🌸", overview: "What I learn.", contact: "GitHub: [@ada](https://github.com/ada)" } });
    r = await runCli(["init", "bad", "--github", "not a handle"], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stdout: "", stderr: 'nexus: --github must be a GitHub handle such as ada (letters, digits and single hyphens), not "not a handle"\n' });
    expect(fs.existsSync(path.join(dir, "bad"))).toBe(false);
  });
});

describe.skipIf(!hasTmux)("nexus init in a terminal (tmux)", () => {
  it("asks the title, overview and GitHub handle with defaults, and the README shows them", async () => {
    const dir = makeTree({ ".git/config": '[remote "origin"]\n\turl = git@github.com:ada-l/til.git\n' });
    session = TmuxSession.start(`node ${BIN} init && node ${BIN} build-readme >/dev/null`, { cwd: dir });
    await session.waitFor("Title of the journal (the README's heading) (My learning journal)");
    session.type("Ada's TIL");
    session.press("Enter");
    await session.waitFor("In one line, what is it about? (What I learn, one entry at a time.)");
    session.press("Enter"); // the default
    await session.waitFor("Your GitHub handle, for the contact (empty: none) (ada-l)");
    session.press("Enter"); // the handle of the folder's GitHub remote
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 0]");
    expect(screen).toContain("created nexus.config.json (readme.title, readme.overview, readme.contact)");
    expect(JSON.parse(config(dir)).readme).toEqual({ title: "Ada's TIL", overview: "What I learn, one entry at a time.", contact: "GitHub: [@ada-l](https://github.com/ada-l)" });
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(readme).toContain("\n# Ada's TIL\n");
    expect(readme).toContain("\nWhat I learn, one entry at a time.\n");
    expect(readme).toContain("\n## Contact\n\nGitHub: [@ada-l](https://github.com/ada-l)\n");
  });

  it("Ctrl-C in a question makes nothing and exits 130", async () => {
    const dir = tempDir();
    session = TmuxSession.start(`node ${BIN} init new`, { cwd: dir });
    await session.waitFor("Title of the journal");
    session.press("C-c");
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 130]");
    expect(screen).toContain("cancelled, nothing was written");
    expect(fs.existsSync(path.join(dir, "new"))).toBe(false);
  });
});
