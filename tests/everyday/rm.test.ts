import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rm } from "../../src/commands/rm.js";
import { entryText, makeTree, runCli } from "../helpers.js";
import { fakeIo, scriptedPrompter } from "./fake-io.js";

const tree = () =>
  makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-01-05-select-related.md": entryText({ title: "Select related", topic: "Django", date: "2026-01-05" }),
    "entries/2026-01-06-prefetch.md": entryText({ title: "Prefetch \u001b[31mred", topic: "Django", date: "2026-01-06" }),
  });

describe("nexus rm", () => {
  it("needs --yes without a terminal (usage error naming --yes)", async () => {
    const dir = tree();
    const r = await runCli(["rm", "select-related"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--yes");
    expect(fs.existsSync(path.join(dir, "entries/2026-01-05-select-related.md"))).toBe(true);
  });

  it("removes one entry with --yes and says which, inert", async () => {
    const dir = tree();
    const r = await runCli(["rm", "prefetch", "--yes"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("removed entries/2026-01-06-prefetch.md  (Prefetch \u241b[31mred)\n");
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual(["2026-01-05-select-related.md"]);
  });

  it("with --yes takes only a whole name, never part of a title, and removes nothing else", async () => {
    const dir = tree();
    const r = await runCli(["rm", "re", "--yes"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no entry is named "re"');
    expect((await runCli(["rm", "Select", "--yes"], { cwd: dir })).code).toBe(1);
    expect((await runCli(["rm", "nope", "-y"], { cwd: dir })).code).toBe(1);
    expect(fs.readdirSync(path.join(dir, "entries"))).toHaveLength(2);
    const whole = await runCli(["rm", "Select related", "--yes"], { cwd: dir });
    expect(whole.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual(["2026-01-06-prefetch.md"]);
  });

  it("removes an invalid entry named by its path", async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, "entries/2026-01-07-broken.md"), "---js\n{}\n---\n");
    const r = await runCli(["rm", "entries/2026-01-07-broken.md", "--yes"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^removed entries\/2026-01-07-broken\.md {2}\(invalid: frontmatter language "js"/);
    expect(fs.existsSync(path.join(dir, "entries/2026-01-07-broken.md"))).toBe(false);
  });

  it("asks on a terminal; no keeps the file", async () => {
    const dir = tree();
    const { io, stderr } = fakeIo(dir, { interactive: true });
    const { prompter, asked } = scriptedPrompter([false, true]);
    expect(await rm({ io, dir: undefined, strict: false }, { entry: "select-related", yes: false }, prompter)).toBe(1);
    expect(stderr()).toContain("Nothing removed");
    expect(asked[0]).toContain("Remove entries/2026-01-05-select-related.md");
    expect(await rm({ io, dir: undefined, strict: false }, { entry: "select-related", yes: false }, prompter)).toBe(0);
    expect(fs.existsSync(path.join(dir, "entries/2026-01-05-select-related.md"))).toBe(false);
  });

  it("has help with examples", async () => {
    const r = await runCli(["rm", "--help"], { cwd: tree() });
    expect(r.stdout).toMatch(/--yes/);
    expect(r.stdout.split("Examples:")[1]!.trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });
});
