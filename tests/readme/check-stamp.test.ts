// The check stamp (.nexus/readme-stamp): `build-readme --check` on an unchanged
// journal answers from it, and says exactly what a full check says; any difference
// (a page edited by hand, an entry, the template, the config) falls back to the full
// check and is reported as before.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lookAt, type Look } from "../../src/journal/readme-caches.js";
import { contentDigest, decodeStamp, encodeStamp, inputDigest, verifyStamp, type Stamp, type StampWorld } from "../../src/readme/check-stamp.js";
import { entryText, makeTree, runCli } from "../helpers.js";

const look = (ino: string, ctimeNs: string, isFile = true): Look => ({ ino, size: "10", mtimeNs: ctimeNs, ctimeNs, isFile, isDirectory: !isFile });
const MS = 1_000_000n;

function stamp(at: number): Stamp {
  return {
    code: "c", inputs: "in", at, pages: "journal", warnings: ["w"], missing: [],
    files: [
      { path: "README.md", look: look("1", String(1000n * MS)), digest: contentDigest("readme") },
      { path: "journal/a.md", look: look("2", String(BigInt(at - 100) * MS)), digest: contentDigest("page") },
    ],
    folders: [{ path: "journal", ino: "9" }],
  };
}

/** A file system of looks and contents; counts what it reads. */
function world(looks: Record<string, Look | undefined>, contents: Record<string, string>) {
  const read: string[] = [];
  const w: StampWorld = {
    look: (p) => looks[p],
    digest: (p) => {
      read.push(p);
      return contents[p] === undefined ? undefined : { digest: contentDigest(contents[p]!), look: looks[p]! };
    },
  };
  return { w, read };
}

describe("verifyStamp", () => {
  const at = 1_000_000;
  const base = () => ({ "README.md": look("1", String(1000n * MS)), "journal/a.md": look("2", String(BigInt(at - 100) * MS)), journal: look("9", "0", false) });

  it("trusts a settled file by its look, and reads one that changed around the stamp's time", () => {
    const { w, read } = world(base(), { "README.md": "readme", "journal/a.md": "page" });
    const verdict = verifyStamp(stamp(at), "in", w, at + 10_000, 3000);
    expect(verdict.current).toBe(true);
    expect(read).toEqual(["journal/a.md"]);
    // Read now, it is recorded with the new time: not read again while it stays the same.
    expect(verdict.refreshed!.at).toBe(at + 10_000);
    const again = world(base(), { "README.md": "readme", "journal/a.md": "page" });
    expect(verifyStamp(verdict.refreshed!, "in", again.w, at + 20_000, 3000).current).toBe(true);
    expect(again.read).toEqual([]);
  });

  it("is not current when the inputs, a file, a folder or the content differ", () => {
    const contents = { "README.md": "readme", "journal/a.md": "page" };
    expect(verifyStamp(stamp(at), "other inputs", world(base(), contents).w, at, 3000).current).toBe(false);
    expect(verifyStamp(stamp(at), "in", world({ ...base(), "journal/a.md": undefined }, contents).w, at, 3000).current).toBe(false);
    expect(verifyStamp(stamp(at), "in", world({ ...base(), journal: look("8", "0", false) }, contents).w, at, 3000).current).toBe(false);
    expect(verifyStamp(stamp(at), "in", world({ ...base(), journal: look("9", "0") }, contents).w, at, 3000).current).toBe(false);
    // Edited by hand right after the stamp, same size and times: the content tells.
    expect(verifyStamp(stamp(at), "in", world(base(), { ...contents, "journal/a.md": "pagf" }).w, at, 3000).current).toBe(false);
    // Touched (other times), same content: still current.
    const touched = { ...base(), "README.md": look("1", String(2000n * MS)) };
    expect(verifyStamp(stamp(at), "in", world(touched, contents).w, at, 3000).current).toBe(true);
    expect(verifyStamp(stamp(at), "in", world(touched, { ...contents, "README.md": "readmf" }).w, at, 3000).current).toBe(false);
  });

  it("reads back what it wrote, and refuses a damaged or foreign stamp", () => {
    const text = encodeStamp(stamp(at));
    expect(decodeStamp(text, "c")).toEqual(stamp(at));
    expect(decodeStamp(text, "another build")).toBeUndefined();
    expect(decodeStamp(text.replace('"at":1000000', '"at":9000000'), "c")).toBeUndefined();
    expect(decodeStamp(text.slice(0, -2), "c")).toBeUndefined();
    expect(decodeStamp("", "c")).toBeUndefined();
    expect(decodeStamp("x\n{}\n", "c")).toBeUndefined();
  });

  it("digests every input: an entry's size, change time, inode number or path, the template, the config, the options", () => {
    const inputs = { code: "c", template: { file: "t", text: "T" }, config: { a: 1 }, options: { force: false }, entries: [{ path: "e/a.md", size: 1, changedMs: 2.5, ino: 9 }] };
    const digest = inputDigest(inputs);
    expect(inputDigest({ ...inputs })).toBe(digest);
    for (const other of [
      { ...inputs, code: "d" },
      { ...inputs, template: { file: "t", text: "T2" } },
      { ...inputs, config: { a: 2 } },
      { ...inputs, options: { force: true } },
      { ...inputs, entries: [{ path: "e/a.md", size: 2, changedMs: 2.5, ino: 9 }] },
      { ...inputs, entries: [{ path: "e/a.md", size: 1, changedMs: 2.75, ino: 9 }] },
      { ...inputs, entries: [{ path: "e/a.md", size: 1, changedMs: 2.5, ino: 10 }] },
      { ...inputs, entries: [{ path: "e/b.md", size: 1, changedMs: 2.5, ino: 9 }] },
      { ...inputs, entries: [] },
    ]) expect(inputDigest(other)).not.toBe(digest);
    expect(inputDigest({ ...inputs, entries: [undefined] })).toBeUndefined();
  });
});

describe("build-readme --check with the stamp", () => {
  /** A journal whose entries were last modified a minute ago (settled: a stamp is made). */
  function settledJournal(): string {
    const files: Record<string, string> = {
      "nexus.config.json": JSON.stringify({ entries: "entries", groups: [{ title: "Shown", topics: ["Alpha"] }], readme: { wholeFile: true } }),
      "templates/README.md": "# Journal\n\n{{topics:Shown}}\n\n{{pages}}\n\n{{charts}}\n",
    };
    for (let i = 0; i < 12; i += 1) {
      const date = `2025-0${1 + (i % 9)}-1${i % 10}`;
      files[`entries/${date}-e${i}.md`] = entryText({ title: `Entry ${i}`, topic: i % 3 ? "Alpha" : "Beta", date, challenge: `Problem ${i}`, solution: `Fix ${i}` });
    }
    const dir = makeTree(files);
    settle(dir, ...Object.keys(files));
    return dir;
  }
  const settle = (dir: string, ...names: string[]) => {
    const old = new Date(Date.now() - 60_000);
    for (const name of names) fs.utimesSync(path.join(dir, name), old, old);
  };
  const stampFile = (dir: string) => path.join(dir, ".nexus", "readme-stamp");
  const check = (dir: string) => runCli(["build-readme", "--check"], { cwd: dir });
  /** --check without the stamp: what the full check says. */
  const fullCheck = async (cwd: string, dir = cwd) => {
    const saved = fs.existsSync(stampFile(dir)) ? fs.readFileSync(stampFile(dir)) : undefined;
    fs.rmSync(stampFile(dir), { force: true });
    const result = await check(cwd);
    if (saved) fs.writeFileSync(stampFile(dir), saved);
    return result;
  };
  /** The stamp on disk, and whether it says the journal's files are current. */
  const stampSays = (dir: string) => {
    // Made by the built CLI: its code fingerprint is the bundle's.
    const text = fs.readFileSync(stampFile(dir), "utf8");
    const s = decodeStamp(text, (JSON.parse(text.split("\n")[1]!) as { code: string }).code);
    if (!s) return "no stamp";
    const w: StampWorld = { look: (p) => lookAt(dir, p), digest: (p) => ({ digest: contentDigest(fs.readFileSync(path.join(dir, p))), look: lookAt(dir, p)! }) };
    return verifyStamp(s, s.inputs, w, Date.now(), 3000).current ? "current" : "changed";
  };

  it("answers an unchanged journal from the stamp with the same words, exit code and warnings as the full check", async () => {
    const dir = settledJournal();
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(stampSays(dir)).toBe("current");
    const fast = await check(dir);
    const full = await fullCheck(dir);
    expect(full.code).toBe(0);
    expect(full.stderr).toMatch(/warning: topics shown nowhere in the README: Beta/);
    expect(full.stderr).toMatch(/README.md and journal\/ are up to date/);
    expect(fast).toEqual(full);
    // A build with nothing to write says the same as one without the stamp.
    const build = await runCli(["build-readme"], { cwd: dir });
    expect(build.stderr).toBe(full.stderr);
    expect(build.stdout).toBe("");
    // From a subfolder the paths are shown from there, as the full check shows them.
    fs.mkdirSync(path.join(dir, "sub"));
    const below = await runCli(["build-readme", "--check"], { cwd: path.join(dir, "sub") });
    expect(below.stderr).toContain(`${path.join(dir, "README.md")} and ${path.join(dir, "journal")}/ are up to date`);
    expect(below).toEqual(await fullCheck(path.join(dir, "sub"), dir));
    // The check did answer from the stamp: a stamp saying other words (checksum made right) is what it prints.
    const text = fs.readFileSync(stampFile(dir), "utf8");
    const body = JSON.parse(text.split("\n")[1]!) as Stamp;
    fs.writeFileSync(stampFile(dir), encodeStamp({ ...body, warnings: ["said by the stamp"] }));
    expect((await check(dir)).stderr).toContain("warning: said by the stamp");
  });

  it("falls back to the full check when a page is edited by hand, even keeping its size", async () => {
    const dir = settledJournal();
    await runCli(["build-readme"], { cwd: dir });
    const page = path.join(dir, "journal", "timeline.md");
    const text = fs.readFileSync(page, "utf8");
    fs.writeFileSync(page, text.replace("Entry 1", "Entry X"));
    expect(stampSays(dir)).toBe("changed");
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("journal/timeline.md: out of date");
    expect(result).toEqual(await fullCheck(dir));
    fs.writeFileSync(page, text);
    expect((await check(dir)).code).toBe(0);
    fs.rmSync(page);
    const missing = await check(dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("journal/timeline.md: missing");
  });

  it("falls back when the README is edited, or an entry, the template or the config changed", async () => {
    const dir = settledJournal();
    await runCli(["build-readme"], { cwd: dir });
    const readme = path.join(dir, "README.md");
    const text = fs.readFileSync(readme, "utf8");
    // readme.wholeFile: every byte of README.md is generated.
    fs.writeFileSync(readme, text.replace("# Journal", "# Journax"));
    const edited = await check(dir);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("-# Journax");
    expect(edited).toEqual(await fullCheck(dir));
    fs.writeFileSync(readme, text);
    expect((await check(dir)).code).toBe(0);

    // An entry edited and dated back (as cp -p or a checkout could): its size and change time differ.
    const entry = fs.readdirSync(path.join(dir, "entries")).find((f) => f.endsWith("-e4.md"))!;
    const entryPath = path.join(dir, "entries", entry);
    const entryText0 = fs.readFileSync(entryPath, "utf8");
    fs.writeFileSync(entryPath, entryText0.replace("Entry 4", "Entry 4 renamed"));
    settle(dir, `entries/${entry}`);
    const stale = await check(dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("Entry 4 renamed");
    expect(stale).toEqual(await fullCheck(dir));
    fs.writeFileSync(entryPath, entryText0);
    settle(dir, `entries/${entry}`);
    expect((await check(dir)).code).toBe(0);

    const template = path.join(dir, "templates", "README.md");
    fs.appendFileSync(template, "\nMore text.\n");
    settle(dir, "templates/README.md");
    const templated = await check(dir);
    expect(templated.code).toBe(1);
    expect(templated.stdout).toContain("+More text.");
    await runCli(["build-readme"], { cwd: dir });
    expect((await check(dir)).code).toBe(0);

    const config = path.join(dir, "nexus.config.json");
    fs.writeFileSync(config, JSON.stringify({ entries: "entries", groups: [{ title: "Shown", topics: ["Alpha", "Beta"] }], readme: { wholeFile: true } }));
    settle(dir, "nexus.config.json");
    const configured = await check(dir);
    expect(configured.code).toBe(1);
    expect(configured.stderr).not.toContain("topics shown nowhere");
    expect(configured).toEqual(await fullCheck(dir));
  });

  it("falls back when the stamp is damaged, and a fresh clone (no .nexus) checks in full", async () => {
    const dir = settledJournal();
    await runCli(["build-readme"], { cwd: dir });
    fs.writeFileSync(stampFile(dir), fs.readFileSync(stampFile(dir), "utf8").replace('"warnings":["', '"warnings":["forged '));
    const result = await check(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("forged");
    fs.rmSync(path.join(dir, ".nexus"), { recursive: true });
    const clone = await check(dir);
    expect(clone.code).toBe(0);
    expect(clone.stderr).toMatch(/up to date/);
  });
});
