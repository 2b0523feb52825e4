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

describe("the trash: rm keeps the file, nexus restore brings it back", () => {
  const trashed = (dir: string) => (fs.existsSync(path.join(dir, ".nexus/trash")) ? fs.readdirSync(path.join(dir, ".nexus/trash")) : []);

  it("moves the file byte for byte; restore lists it, puts it back and never overwrites", async () => {
    const dir = tree();
    const odd = Buffer.concat([Buffer.from(entryText({ title: "Odd bytes", topic: "X", date: "2026-01-07" }).replace(/\n/g, "\r\n")), Buffer.from("\r\nno newline at the end ✓")]);
    fs.writeFileSync(path.join(dir, "entries/2026-01-07-odd.md"), odd);
    const removed = await runCli(["rm", "2026-01-07-odd", "--yes"], { cwd: dir });
    expect([removed.code, removed.stdout]).toEqual([0, "removed entries/2026-01-07-odd.md  (Odd bytes)\n"]);
    expect(removed.stderr).toBe("in the trash: nexus restore 2026-01-07-odd brings it back\n");
    expect(fs.existsSync(path.join(dir, "entries/2026-01-07-odd.md"))).toBe(false);
    expect((await runCli(["rm", "prefetch", "--yes"], { cwd: dir })).code).toBe(0);

    const listed = await runCli(["restore"], { cwd: dir });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}entries\/2026-01-06-prefetch\.md {2}Prefetch \u241b\[31mred\n2 {2}\S+ \S+ {2}entries\/2026-01-07-odd\.md {7}Odd bytes\n$/);
    const json = JSON.parse((await runCli(["restore", "--json"], { cwd: dir })).stdout);
    expect(json.map((r: { number: number; path: string }) => [r.number, r.path])).toEqual([[1, "entries/2026-01-06-prefetch.md"], [2, "entries/2026-01-07-odd.md"]]);

    // A new file took the name meanwhile: restore refuses and keeps both.
    fs.writeFileSync(path.join(dir, "entries/2026-01-07-odd.md"), "mine");
    const refused = await runCli(["restore", "2"], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^nexus: entries\/2026-01-07-odd\.md exists: the entry in the trash was not put back over it\nhint: move or rename/);
    expect(fs.readFileSync(path.join(dir, "entries/2026-01-07-odd.md"), "utf8")).toBe("mine");
    fs.rmSync(path.join(dir, "entries/2026-01-07-odd.md"));

    const back = await runCli(["restore", "2026-01-07-odd", "--json"], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout).restored).toMatchObject({ path: "entries/2026-01-07-odd.md", title: "Odd bytes" });
    expect(fs.readFileSync(path.join(dir, "entries/2026-01-07-odd.md")).equals(odd)).toBe(true);
    expect(trashed(dir)).toHaveLength(1);
    expect((await runCli(["restore", "1"], { cwd: dir })).stdout).toBe("restored entries/2026-01-06-prefetch.md  (Prefetch \u241b[31mred)\n");
    expect(trashed(dir)).toEqual([]);
    const empty = await runCli(["restore", "1"], { cwd: dir });
    expect([empty.code, empty.stderr.split("\n")[0]]).toEqual([1, "nexus: the trash is empty: nothing to restore"]);
  });

  it("moves a link, not what it points to, and brings back a link; an unknown name is an error", async () => {
    const dir = tree();
    makeTree({ "notes/alias.md": entryText({ title: "Kept in notes", topic: "X", date: "2026-01-08" }) }, dir);
    fs.symlinkSync("../notes/alias.md", path.join(dir, "entries/2026-01-08-alias.md"));
    const removed = await runCli(["rm", "entries/2026-01-08-alias.md", "--yes"], { cwd: dir });
    expect(removed.code, removed.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, "notes/alias.md"))).toBe(true);
    expect((await runCli(["restore"], { cwd: dir })).stdout).toMatch(/entries\/2026-01-08-alias\.md {2}\(a link\)\n$/);
    const unknown = await runCli(["restore", "nope"], { cwd: dir });
    expect([unknown.code, unknown.stderr]).toEqual([1, 'nexus: nothing in the trash is named "nope"\nhint: `nexus restore` lists the trash, numbered\n']);
    expect((await runCli(["restore", "alias"], { cwd: dir })).code).toBe(0);
    expect(fs.readlinkSync(path.join(dir, "entries/2026-01-08-alias.md"))).toBe("../notes/alias.md");
  });

  it("rm --yes says why a part of a title is not enough, and names the entry it may be", async () => {
    const dir = tree();
    const r = await runCli(["rm", "select", "--yes"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'nexus: no entry is named "select": with --yes, only a whole name counts (path, file name, slug or whole title), never a part of a title or a date\n' +
        'hint: it may be entries/2026-01-05-select-related.md (Select related): nexus rm "entries/2026-01-05-select-related.md" --yes\n',
    );
    const help = await runCli(["restore", "--help"], { cwd: dir });
    expect(help.stdout).toMatch(/Examples:\n {2}nexus restore .*\n {2}nexus restore 1 /);
    expect((await runCli(["rm", "--help"], { cwd: dir })).stdout).toMatch(/with --yes\s+a whole name only/);
  });
});
