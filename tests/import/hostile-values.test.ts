// Values from YAML and JSON that try to cost time, memory or an entry:
// report 2026-12-06 defects 4 (r2.sh), 10 (r7.sh) and 15 (r12.sh), and variants.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeValue } from "../../src/domain/describe-value.js";
import { parseFrontmatter, readYamlLine, yamlLine } from "../../src/domain/frontmatter.js";
import { importedEntryText, sourceOf } from "../../src/import/plan.js";
import { emptyDraft } from "../../src/import/draft.js";
import { entryText, makeTree, runCli } from "../helpers.js";

const letters = "abcdefghi";
/** A YAML alias bomb: 9 levels of 9 shared references, about 387 million strings once expanded. */
const bomb = (key: string) =>
  `a: &a ["xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx","xxxxxxxxxx"]\n` +
  [...letters.slice(1)].map((l, i) => `${l}: &${l} [${Array(9).fill(`*${letters[i]}`).join(",")}]\n`).join("") +
  `${key}: *i\n`;

describe("4: a value from YAML is described at a bounded size", () => {
  it("describeValue never expands a list: an alias bomb, a long text, a mapping, a date", () => {
    const data = parseFrontmatter(bomb("date").split("\n")) as Record<string, unknown>;
    expect(describeValue(data.date)).toBe("a list of 9 items");
    expect(describeValue({ x: data.date })).toBe("a mapping");
    expect(describeValue("y".repeat(10_000))).toBe(`"${"y".repeat(40)}…"`);
    expect(describeValue(`${"z".repeat(39)}😀`)).toBe(`"${"z".repeat(39)}…"`);
    expect(describeValue(null)).toBe("nothing");
    expect(describeValue(12)).toBe("12");
    expect(describeValue(new Date(0))).toBe("the time 1970-01-01T00:00:00.000Z");
  });

  it("r2: a note with an alias bomb as its date is imported with a guessed date, and the other notes too", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/.gitkeep": "", "notes/bomb.md": `---\ntitle: Bomb\n${bomb("date")}---\n# Bomb\n`, "notes/fine.md": "# Fine note\n\ntext\n" });
    const r = await runCli(["import", "notes", "--dry-run"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("frontmatter date a list of 9 items is not YYYY-MM-DD: not used");
    expect(r.stdout).toMatch(/would create {2}entries\/\S+-bomb\.md/);
    expect(r.stdout).toMatch(/would create {2}entries\/\S+-fine-note\.md/);
  });

  it("an entry in the journal with a bomb in title, tags and featured: each is named at a bounded size, the rest of the journal works", async () => {
    const good = entryText({ title: "Good", topic: "T", date: "2026-01-01", challenge: "c" });
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-01-good.md": good,
      "entries/2026-01-02-title.md": `---\n${bomb("title")}topic: T\ndate: 2026-01-02\n---\n`,
      "entries/2026-01-03-tags.md": `---\ntitle: Tags\ntopic: T\ndate: 2026-01-03\n${bomb("tags")}---\n`,
      "entries/2026-01-04-featured.md": `---\ntitle: Featured\ntopic: T\ndate: 2026-01-04\n${bomb("featured")}---\n`,
    });
    const r = await runCli(["doctor"], { cwd: dir, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('"title" must be text, not a list of 9 items');
    expect(out).toContain('"tags" must be a list of words');
    expect(out).toContain('"featured" must be true or false, not a list of 9 items');
    expect(out.length).toBeLessThan(5000);
    const list = await runCli(["list", "--json"], { cwd: dir, timeoutMs: 30_000 });
    expect(JSON.parse(list.stdout).map((e: { title: string }) => e.title).sort()).toEqual(["Featured", "Good"]);
  });
});

describe("10: two jrnl entries with one title, date and time are two entries", () => {
  const entry = (body: string) => ({ title: "Standup.", body, date: "2024-01-01", time: "09:00", tags: [], starred: false });

  it("r7: both imported; a second import creates nothing; a byte-identical repeat in the export is one entry", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/.gitkeep": "" });
    fs.writeFileSync(path.join(dir, "j.json"), JSON.stringify({ tags: {}, entries: [entry("Fixed the login bug."), entry("Paired on the cache eviction."), entry("Fixed the login bug.")] }));
    const r = await runCli(["import", "j.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const texts = fs.readdirSync(path.join(dir, "entries")).filter((f) => f.endsWith(".md")).map((f) => fs.readFileSync(path.join(dir, "entries", f), "utf8"));
    expect(texts).toHaveLength(2);
    expect(texts.some((t) => t.includes("cache eviction"))).toBe(true);
    expect(r.stdout).toContain("skip    Standup. · 2024-01-01: same source as this import");
    const again = await runCli(["import", "j.json"], { cwd: dir });
    expect(again.stdout).toContain("0 created, 3 skipped");
  });
});

describe("15: a source: is always one line, and read back whole", () => {
  const draft = (source: string) => emptyDraft({ title: "T", topic: "X", date: "2024-01-01", dated: "export", tags: [], notes: "n", featured: false, source, origin: { path: "x", line: 1 }, guesses: [] });

  it("sources with a line break, quotes, a # , a tab, a trailing space, NEL and a line separator round-trip through the file", () => {
    for (const source of ["til:web\ndev/grid.md", 'til:say "hi"/a.md', "til:a #b.md", "til:tab\there.md", "til:end ", "til:\u0085x\u2028y", "til:'q'", "markdown:plain/path.md"]) {
      const text = importedEntryText(draft(source));
      const line = text.split("\n").find((l) => l.startsWith("source:"))!;
      expect(text).not.toMatch(/^source: [|>]/m);
      expect(sourceOf(text), JSON.stringify(line)).toBe(source);
      expect(readYamlLine(line.slice("source: ".length))).toBe(source);
    }
    expect(yamlLine("til:a/b.md")).toBe("til:a/b.md");
  });

  it("a source written as a block by an older nexus is still read", () => {
    expect(sourceOf("---\ntitle: T\nsource: |-\n  til:web\n  dev/grid.md\n---\nbody\n")).toBe("til:web\ndev/grid.md");
  });

  it("r12: a folder name with a line break: the second import skips the file although its date moved", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n", "entries/.gitkeep": "", "til/web\ndev/grid.md": "# CSS grid\n\ntext\n" });
    const file = path.join(dir, "til/web\ndev/grid.md");
    fs.utimesSync(file, new Date("2024-01-01T12:00:00Z"), new Date("2024-01-01T12:00:00Z"));
    expect((await runCli(["import", "til"], { cwd: dir })).code).toBe(0);
    fs.utimesSync(file, new Date("2024-01-02T12:00:00Z"), new Date("2024-01-02T12:00:00Z"));
    const again = await runCli(["import", "til"], { cwd: dir });
    expect(again.stdout).toContain("skip    CSS grid · 2024-01-02: same source as entries/2024-01-01-css-grid.md");
    expect(fs.readdirSync(path.join(dir, "entries")).filter((f) => f.endsWith(".md"))).toEqual(["2024-01-01-css-grid.md"]);
  });
});
