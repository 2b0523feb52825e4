// Entry file names keep the words of any script (fileSlug): a Japanese or Russian title
// names its file as it reads, composed (NFC) however it was typed, and list, show, the
// README's links and import all find the file by that name.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

describe("entry file names in any script", () => {
  it("add names the file by the title's words; show, list and the README's links find it", async () => {
    const dir = makeTree({ "nexus.config.json": "{}\n" });
    // Typed decomposed (NFD: か + the voicing mark), as some keyboards and macOS file dialogs give it.
    const typed = "東京タワーの高さ \u30ab\u3099";
    const added = await runCli(["add", typed, "--topic", "旅行", "--date", "2026-12-01", "--takeaway", "333 m"], { cwd: dir });
    expect([added.code, added.stdout], added.stderr).toEqual([0, "entries/2026-12-01-東京タワーの高さ-ガ.md\n"]);
    const russian = await runCli(["add", "Привет, мир!", "--topic", "Русский", "--date", "2026-12-02", "--takeaway", "да", "--dry-run"], { cwd: dir });
    expect(russian.stderr).toMatch(/entries\/2026-12-02-привет-мир\.md/);
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual(["2026-12-01-東京タワーの高さ-ガ.md"]);

    const [shown, listed, built] = await Promise.all([
      runCli(["show", "東京タワー"], { cwd: dir }),
      runCli(["list", "--json"], { cwd: dir }),
      runCli(["build-readme", "--stdout"], { cwd: dir }),
    ]);
    expect(shown.stdout.split("\n")[0]).toBe("東京タワーの高さ ガ");
    expect(JSON.parse(listed.stdout).map((e: { path: string }) => e.path)).toEqual(["entries/2026-12-01-東京タワーの高さ-ガ.md"]);
    const links = [...built.stdout.matchAll(/\]\((entries\/[^)]+\.md)\)/g)].map((m) => decodeURIComponent(m[1]!));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(fs.existsSync(path.join(dir, link)), link).toBe(true);
  });

  it("show, rm and restore find a file by a name typed in NFD (macOS), and an NFD file name by NFC", async () => {
    const nfd = (s: string) => s.normalize("NFD");
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-12-01-café-が.md": entryText({ title: "Café が", topic: "X", date: "2026-12-01", takeaway: "one" }),
      [nfd("entries/2026-12-02-résumé-ガイド.md")]: entryText({ title: nfd("Résumé ガイド"), topic: "X", date: "2026-12-02", takeaway: "two" }),
    });
    const firstLine = async (query: string) => {
      const r = await runCli(["show", query], { cwd: dir });
      return [r.code, r.stdout.split("\n")[0], r.stderr];
    };
    const results = await Promise.all(
      [nfd("café-が"), nfd("entries/2026-12-01-café-が.md"), nfd("2026-12-01-café-が"), nfd("Café が"), "résumé-ガイド", "Résumé ガイ"].map(firstLine),
    );
    expect(results.map((r) => r.slice(0, 2))).toEqual([
      [0, "Café が"],
      [0, "Café が"],
      [0, "Café が"],
      [0, "Café が"],
      [0, "Résumé ガイド"],
      [0, "Résumé ガイド"],
    ]);
    const removed = await runCli(["rm", nfd("2026-12-01-café-が"), "--yes"], { cwd: dir });
    expect(removed.code, removed.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, "entries/2026-12-01-café-が.md"))).toBe(false);
    // Two files whose names differ only in NFC and NFD (Linux keeps both): each is removed by its own name, byte for byte.
    const twin = entryText({ title: "ガ", topic: "X", date: "2026-12-03", takeaway: "t" });
    fs.writeFileSync(path.join(dir, "entries/2026-12-03-ガ.md"), twin);
    fs.writeFileSync(path.join(dir, nfd("entries/2026-12-03-ガ.md")), twin);
    expect((await runCli(["rm", nfd("entries/2026-12-03-ガ.md"), "--yes"], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "entries")).filter((n) => n.startsWith("2026-12-03"))).toEqual(["2026-12-03-ガ.md"]);
    fs.writeFileSync(path.join(dir, nfd("entries/2026-12-03-ガ.md")), twin);
    expect((await runCli(["rm", "2026-12-03-ガ.md", "--yes"], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "entries")).filter((n) => n.startsWith("2026-12-03"))).toEqual([nfd("2026-12-03-ガ.md")]);
    const restored = await runCli(["restore", nfd("café-が")], { cwd: dir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, "entries/2026-12-01-café-が.md"))).toBe(true);
  });

  it("doctor warns of entry names that differ only in case or Unicode form (one file on macOS and Windows)", async () => {
    const entry = (title: string) => entryText({ title, topic: "X", date: "2026-12-03", takeaway: "t" });
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-12-03-ガ.md": entry("ガ"),
      ["entries/2026-12-03-ガ.md".normalize("NFD")]: entry("ガ"),
      "entries/2026-12-03-notes.md": entry("Notes"),
      "entries/2026-12-03-Notes.md": entry("Notes 2"),
      "entries/2026-12-03-οδος.md": entry("ΟΔΟΣ"),
      "entries/2026-12-03-οδοσ.md": entry("οδοσ"),
      "entries/2026-12-03-straße.md": entry("Straße"),
      "entries/2026-12-03-strasse.md": entry("Strasse"),
    });
    const r = await runCli(["doctor"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const warned = r.stdout.split("\n").filter((l) => l.includes("only in case or Unicode form"));
    expect(warned.map((l) => l.replace(/:1: .*/, "").normalize("NFC")).sort()).toEqual(["entries/2026-12-03-notes.md", "entries/2026-12-03-οδοσ.md", "entries/2026-12-03-ガ.md"]);
    expect((await runCli(["doctor", "--strict"], { cwd: dir })).code).toBe(1);
  });
});
