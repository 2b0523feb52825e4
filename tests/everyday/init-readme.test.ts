// nexus init asks what the README needs, in process with a scripted prompter.
// tests/e2e/init-readme.test.ts runs it without a terminal and in tmux.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { init } from "../../src/commands/init.js";
import { githubHandle } from "../../src/commands/init-readme.js";
import { InterruptedError } from "../../src/errors.js";
import { makeTree, tempDir } from "../helpers.js";
import { fakeIo, scriptedPrompter } from "./fake-io.js";

const config = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")) as Record<string, unknown>;

describe("nexus init on a terminal", () => {
  it("asks the title, an overview and a GitHub handle, and writes them as readme keys", async () => {
    const dir = tempDir();
    const { prompter, asked } = scriptedPrompter(["  Ada's TIL 🌸 ", "What I learn at the bootcamp.", "@ada-l"]);
    expect(await init(fakeIo(dir, { interactive: true }).io, { ci: false }, prompter)).toBe(0);
    expect(asked).toEqual(["Title of the journal (the README's heading)", "In one line, what is it about?", "Your GitHub handle, for the contact (empty: none)"]);
    expect(config(dir)).toEqual({ entries: "entries", readme: { title: "Ada's TIL 🌸", overview: "What I learn at the bootcamp.", contact: "GitHub: [@ada-l](https://github.com/ada-l)" } });
  });

  it("an empty handle leaves the contact out; flags ask nothing; a journal set up before is not asked", async () => {
    let dir = tempDir();
    await init(fakeIo(dir, { interactive: true }).io, { ci: false }, scriptedPrompter(["T", "O", ""]).prompter);
    expect(config(dir)).toEqual({ entries: "entries", readme: { title: "T", overview: "O" } });
    dir = tempDir();
    const none = scriptedPrompter([]);
    await init(fakeIo(dir, { interactive: true }).io, { ci: false, readme: { overview: "Only this" } }, none.prompter);
    expect(none.asked).toEqual([]);
    expect(config(dir)).toEqual({ entries: "entries", readme: { overview: "Only this" } });
    await init(fakeIo(dir, { interactive: true }).io, { ci: false }, none.prompter);
    expect(none.asked).toEqual([]);
  });

  it("Ctrl-C in a question writes nothing", async () => {
    const dir = path.join(tempDir(), "new");
    const cancelled = { ...scriptedPrompter([]).prompter, text: async () => Promise.reject(new InterruptedError()) };
    await expect(init(fakeIo(path.dirname(dir), { interactive: true }).io, { ci: false, dir: "new" }, cancelled)).rejects.toThrow("cancelled, nothing was written");
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("changes an older journal's config in place with the flags, keeping its form", async () => {
    const dir = makeTree({ "nexus.config.json": '{\r\n\t"entries": "entries",\r\n\t"readme": {"license": "MIT"}\r\n}\r\n' });
    const { io, stdout } = fakeIo(dir);
    await init(io, { ci: false, readme: { title: "New", github: "https://github.com/ada/" } });
    expect(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")).toBe('{\r\n\t"entries": "entries",\r\n\t"readme": {"license": "MIT", "title": "New", "contact": "GitHub: [@ada](https://github.com/ada)"}\r\n}\r\n');
    expect(stdout()).toContain("updated nexus.config.json (readme.title, readme.contact)\n");
    await init(io, { ci: false, readme: { title: "New" } });
    expect(stdout()).toContain("kept    nexus.config.json (already there)\n");
  });

  it("reads a GitHub handle from a handle, @handle or an address, and nothing else", () => {
    expect(["ada", "@ada", "https://github.com/ada", "github.com/Ada-L/", " a1 "].map(githubHandle)).toEqual(["ada", "ada", "ada", "Ada-L", "a1"]);
    for (const bad of ["", "-ada", "ada-", "a--b", "a_b", "ada lovelace", "x".repeat(40), "東京", "__proto__", "a\u001b[2J"]) expect(githubHandle(bad), bad).toBeUndefined();
  });
});
