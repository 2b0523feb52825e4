import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { paginate } from "../../src/readme/pages/paginate.js";
import { readmePageSlug, uniqueSlugs } from "../../src/readme/pages/slugs.js";
import { entryText, makeTree, runCli } from "../helpers.js";
import { checkXml, fileLinks } from "./links-check.js";

const HOSTILE = ["../../x", "<script>alert(1)</script>", "CON", "con.", "aux", "🚀", "🎉", "数据库", "C++", "c", "a/b", "a b", "a-b", "..", ".hidden", "x".repeat(80), "README"];

describe("page names", () => {
  it("are lower-case ASCII words, never reserved, and unique for hostile topics", () => {
    const keys = HOSTILE.map((t) => t.toLowerCase());
    const slugs = uniqueSlugs(keys);
    const names = keys.map((k) => slugs.get(k)!);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
      expect(name.length).toBeLessThanOrEqual(70);
      expect(name).not.toContain("--");
    }
    expect(new Set(names).size).toBe(names.length);
    expect(readmePageSlug("🚀")).not.toBe(readmePageSlug("🎉"));
    // Stable: the same keys in another order give the same names.
    const again = uniqueSlugs([...keys].reverse());
    for (const key of keys) expect(again.get(key)).toBe(slugs.get(key));
  });
});

describe("paginate", () => {
  const item = (group: string, i: number, size = 1000) => ({ group, text: `${group}-${i} ${"x".repeat(size)}` });

  it("keeps a list that fits on one page", () => {
    const items = [item("2026", 1), item("2025", 2)];
    expect(paginate(items, 10_000)).toEqual([{ suffix: "", label: "", items }]);
  });

  it("packs whole years while they fit, splits a year too large into parts, and loses nothing", () => {
    const items = [
      ...Array.from({ length: 30 }, (_, i) => item("2026", i)),
      ...Array.from({ length: 3 }, (_, i) => item("2025", i)),
      ...Array.from({ length: 3 }, (_, i) => item("2024", i)),
    ];
    const parts = paginate(items, 10_000);
    expect(parts.map((p) => p.suffix)).toEqual(["2026--1", "2026--2", "2026--3", "2026--4", "2024-2025"]);
    expect(parts.map((p) => p.label)).toEqual(["2026, part 1", "2026, part 2", "2026, part 3", "2026, part 4", "2024–2025"]);
    expect(parts.flatMap((p) => p.items)).toEqual(items);
    for (const part of parts) expect(part.items.reduce((n, i) => n + Buffer.byteLength(i.text) + 2, 0)).toBeLessThanOrEqual(10_000);
  });
});

const CONFIG = { groups: [{ title: "Key Technologies Covered", topics: ["Python", "Django"] }], readme: { overview: "Mine." } };

function journal(entries: Record<string, Parameters<typeof entryText>[0] & { featured?: unknown }>, config: object = CONFIG): string {
  const files: Record<string, string> = { "nexus.config.json": JSON.stringify(config) };
  for (const [name, e] of Object.entries(entries)) {
    const text = entryText(e);
    files[`entries/${name}`] = e.featured === undefined ? text : text.replace(/\n---\n/, `\nfeatured: ${String(e.featured)}\n---\n`);
  }
  return makeTree(files);
}

const base = {
  "2026-01-10-basics.md": { title: "Python basics", topic: "Python", date: "2026-01-10", challenge: "Scripts.", solution: "Classes.", takeaway: "Small classes." },
  "2026-02-01-orm.md": { title: "Select related", topic: "Django", date: "2026-02-01", challenge: "N+1.", solution: "`select_related()`", takeaway: "Profile first." },
  "2026-03-01-later.md": { title: "Later one", topic: "Django", date: "2026-03-01", challenge: "Later problem.", solution: "Later fix.", takeaway: "Later." },
};

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), "utf8");
const manifest = (dir: string, folder = "journal") => JSON.parse(read(dir, `${folder}/.nexus-manifest.json`)) as { files: string[] };

describe("build-readme pages", () => {
  it("writes a page per topic, challenges, timeline and charts in journal/, every link resolving, with a manifest", async () => {
    const dir = journal(base);
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = manifest(dir).files;
    expect(files).toEqual(expect.arrayContaining(["README.md", "topics.md", "challenges.md", "timeline.md", "topics/python.md", "topics/django.md", "charts/activity.svg", "charts/topics.svg", "charts/growth.svg"]));
    for (const rel of ["README.md", ...files.filter((f) => f.endsWith(".md")).map((f) => `journal/${f}`)]) {
      for (const target of fileLinks(path.join(dir, rel))) expect(fs.existsSync(target), `${rel} -> ${target}`).toBe(true);
    }
    const django = read(dir, "journal/topics/django.md");
    expect(django.indexOf("Later one")).toBeLessThan(django.indexOf("Select related"));
    expect(django).toContain("**Challenge:** N+1.");
    expect(read(dir, "README.md")).toContain("(journal/topics/django.md)");
    for (const chart of files.filter((f) => f.endsWith(".svg"))) {
      const svg = read(dir, `journal/${chart}`);
      checkXml(svg);
      expect(svg).toMatch(/<title id="title">[^<]+<\/title>/);
      expect(svg).toContain("prefers-color-scheme:dark");
      expect(svg).not.toMatch(/<script|href=|@import|url\(/i);
      // Axis labels of counts are whole numbers: a small journal has no "0.5 entries" tick.
      expect(svg).not.toMatch(/>\d+\.\d+</);
    }
    // The same bytes, pages and charts included, in a far-away time zone and another locale.
    const check = await runCli(["build-readme", "--check"], { cwd: dir, env: { TZ: "Pacific/Kiritimati", LC_ALL: "ar_EG.UTF-8", LANG: "ar_EG.UTF-8" } });
    expect(check.stderr).toContain("up to date");
    expect(check.code).toBe(0);
  });

  it("removes only the pages it wrote and no longer needs, and never touches another file there", async () => {
    const dir = journal(base);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    fs.writeFileSync(path.join(dir, "journal/topics/notes.md"), "mine");
    fs.writeFileSync(path.join(dir, "entries/2026-01-10-basics.md"), entryText({ title: "Python basics", topic: "Go", date: "2026-01-10" }));
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "journal/topics/python.md"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "journal/topics/go.md"))).toBe(true);
    expect(read(dir, "journal/topics/notes.md")).toBe("mine");
    expect(manifest(dir).files).not.toContain("topics/python.md");
    expect(manifest(dir).files).not.toContain("topics/notes.md");
  });

  it("after readme.pages names another folder, removes the pages it wrote in the old one, unchanged, and the folder it made; --check names them", async () => {
    const dir = journal(base);
    // Settled: the caches in .nexus/ are written.
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const name of fs.readdirSync(path.join(dir, "entries"))) fs.utimesSync(path.join(dir, "entries", name), minuteAgo, minuteAgo);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const old = manifest(dir).files.map((f) => `journal/${f}`);
    const moved = (pages: string) => fs.writeFileSync(path.join(dir, "nexus.config.json"), JSON.stringify({ ...CONFIG, readme: { ...CONFIG.readme, pages } }));

    moved("docs/pages");
    const check = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("journal/topics/python.md: no longer generated; should be gone");
    for (const rel of old) expect(fs.existsSync(path.join(dir, rel)), rel).toBe(true);
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain(`removed ${old.length + 1} generated files from journal/, the former pages folder`);
    // Gone with the folders nexus made; the new folder has every page.
    expect(fs.existsSync(path.join(dir, "journal"))).toBe(false);
    expect(manifest(dir, "docs/pages").files.map((f) => `journal/${f}`)).toEqual(old);
    expect(read(dir, "README.md")).toContain("(docs/pages/topics/django.md)");
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);

    // Back, with a page edited by hand and a file of the user's in the folder: both stay, and so does the folder.
    fs.writeFileSync(path.join(dir, "docs/pages/topics/python.md"), "edited by hand\n");
    fs.writeFileSync(path.join(dir, "docs/pages/notes.md"), "mine\n");
    fs.writeFileSync(path.join(dir, "docs/keep.md"), "mine too\n");
    moved("journal");
    const back = await runCli(["build-readme"], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(read(dir, "docs/pages/topics/python.md")).toBe("edited by hand\n");
    expect(read(dir, "docs/pages/notes.md")).toBe("mine\n");
    expect(read(dir, "docs/keep.md")).toBe("mine too\n");
    expect(fs.existsSync(path.join(dir, "docs/pages/topics/django.md"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "docs/pages/charts"))).toBe(false);
    expect(fs.readdirSync(path.join(dir, "docs/pages")).sort()).toEqual(["notes.md", "topics"]);
    expect(fs.readdirSync(path.join(dir, "docs/pages/topics"))).toEqual(["python.md"]);
    for (const rel of old) expect(fs.existsSync(path.join(dir, rel)), rel).toBe(true);
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
  });

  it("refuses to overwrite a file it did not write, and writes nothing", async () => {
    const dir = journal(base);
    makeTree({ "journal/topics/django.md": "my own page" }, dir);
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/journal\/topics\/django\.md, which nexus did not write/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(read(dir, "journal/topics/django.md")).toBe("my own page");
    expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "journal/.nexus-manifest.json"))).toBe(false);
  });

  it("never writes through a link in place of the pages folder", async () => {
    const dir = journal(base);
    const outside = makeTree({ "keep.txt": "x" });
    fs.symlinkSync(outside, path.join(dir, "journal"));
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(fs.readdirSync(outside)).toEqual(["keep.txt"]);
  });

  it("--check names a missing, a stale and a leftover page, and exits 1", async () => {
    const dir = journal(base);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    fs.rmSync(path.join(dir, "journal/topics/python.md"));
    fs.appendFileSync(path.join(dir, "journal/timeline.md"), "edited\n");
    const stale = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("journal/topics/python.md: missing");
    expect(stale.stderr).toContain("journal/timeline.md: out of date");
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    fs.rmSync(path.join(dir, "entries/2026-01-10-basics.md"));
    const leftover = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(leftover.code).toBe(1);
    expect(leftover.stderr).toContain("journal/topics/python.md: no longer generated; should be gone");
    expect(fs.existsSync(path.join(dir, "journal/topics/python.md"))).toBe(true);
    // --stdout still prints the README alone and writes nothing.
    const out = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("# ");
    expect(fs.existsSync(path.join(dir, "journal/topics/python.md"))).toBe(true);
  });

  it("gives hostile topics safe, unique page names inside the folder, with working links", async () => {
    const entries: Record<string, Parameters<typeof entryText>[0]> = {};
    HOSTILE.forEach((topic, i) => {
      const day = String(i + 1).padStart(2, "0");
      entries[`2026-01-${day}-t${i}.md`] = { title: `Entry ${i}`, topic, date: `2026-01-${day}`, takeaway: "ok" };
    });
    const dir = journal(entries, {});
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code).toBe(0);
    const pages = fs.readdirSync(path.join(dir, "journal/topics"));
    expect(pages).toHaveLength(HOSTILE.length);
    for (const page of pages) expect(page).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    // (.nexus/ is nexus's own cache folder, which ignores itself in git.)
    expect(fs.readdirSync(dir).filter((f) => f !== ".nexus").sort()).toEqual(["README.md", "entries", "journal", "nexus.config.json"]);
    for (const target of fileLinks(path.join(dir, "journal/topics.md"))) expect(fs.existsSync(target), target).toBe(true);
    checkXml(read(dir, "journal/charts/topics.svg"));
  });

  it("a pages folder outside the journal or around the entries is refused", async () => {
    for (const pages of ["../out", "/tmp/x", "entries", ".", "entries/pages"]) {
      const dir = journal(base, { readme: { pages } });
      const result = await runCli(["build-readme"], { cwd: dir });
      expect(result.code, pages).toBe(1);
      expect(result.stderr).toContain('"readme.pages"');
    }
  });
});

describe("featured challenges", () => {
  it("the README shows the featured ones by date as Challenge 1..N; else the latest readme.challenges", async () => {
    const dir = journal({
      ...base,
      "2026-03-01-later.md": { ...base["2026-03-01-later.md"], featured: true },
      "2026-01-10-basics.md": { ...base["2026-01-10-basics.md"], featured: true },
    });
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const challenges = [...read(dir, "README.md").matchAll(/^### Challenge (\d+): (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(challenges).toEqual(["1 Python basics", "2 Later one"]);

    const plain = journal(base, { ...CONFIG, readme: { challenges: 2 } });
    expect((await runCli(["build-readme"], { cwd: plain })).code).toBe(0);
    const latest = [...read(plain, "README.md").matchAll(/^### Challenge (\d+): (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(latest).toEqual(["1 Select related", "2 Later one"]);
    expect(read(plain, "README.md")).toContain("The latest 2 of 3 challenges");
  });

  it("add --featured, list --featured, edit --featured / --no-featured, and doctor on a featured that is not a boolean", async () => {
    const dir = journal({ ...base, "2026-02-01-orm.md": { ...base["2026-02-01-orm.md"], featured: "yes" } });
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.stdout + doctor.stderr).toMatch(/entries\/2026-02-01-orm\.md:\d+: .*"featured" must be true or false/);
    const added = await runCli(["add", "--title", "Rate limits", "--topic", "REST", "--date", "2026-04-01", "--featured"], { cwd: dir });
    expect(added.code).toBe(0);
    const listed = await runCli(["list", "--featured", "--json"], { cwd: dir });
    expect((JSON.parse(listed.stdout) as { title: string; featured: boolean }[]).map((e) => [e.title, e.featured])).toEqual([["Rate limits", true]]);
    expect((await runCli(["edit", "basics", "--featured"], { cwd: dir })).code).toBe(0);
    expect(read(dir, "entries/2026-01-10-basics.md")).toContain("\nfeatured: true\n---\n");
    expect((await runCli(["edit", "rate limits", "--no-featured"], { cwd: dir })).code).toBe(0);
    const after = await runCli(["list", "--featured", "--json"], { cwd: dir });
    expect((JSON.parse(after.stdout) as { title: string }[]).map((e) => e.title)).toEqual(["Python basics"]);
  });
});
