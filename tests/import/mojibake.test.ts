// Mojibake (UTF-8 read as Windows-1252 once): repaired on import in whole lines,
// only where the repair is valid UTF-8, counted in the summary; reported by doctor.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findMojibake, repairLine, repairMojibake } from "../../src/domain/mojibake.js";
import { makeTree, REPO_ROOT, runCli, tempDir } from "../helpers.js";

const SEED = fs.readFileSync(path.join(REPO_ROOT, "tests/readme/seed-readme.md"), "utf8");
const MOJIBAKE_FILE = path.join(REPO_ROOT, "tests/fixtures/import/seed-mojibake.md");

/** Windows-1252's characters for the bytes 0x80 to 0x9F (the five it leaves undefined as the C1 controls Latin-1 has there). */
const HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Text as a program that took UTF-8 for Windows-1252 shows it (Node's TextDecoder reads "windows-1252" as Latin-1). */
const asWindows1252 = (text: string) => [...Buffer.from(text, "utf8")].map((b) => (b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80]! : String.fromCharCode(b))).join("");

describe("repairLine", () => {
  it("reads back emoji, quotes and accents that were read as Windows-1252 or Latin-1", () => {
    for (const text of ["## 📚 Overview", "It’s “quoted” — done…", "café, naïve, Ünïcode 🚀", "数据库 and 🧑‍💻", "\u00a0€ ™"]) {
      expect(repairLine(asWindows1252(text))).toBe(text);
      // Latin-1 keeps the bytes that Windows-1252 leaves undefined as C1 controls.
      expect(repairLine(Buffer.from(text, "utf8").toString("latin1"))).toBe(text);
    }
    // Twice mangled, twice repaired.
    expect(repairLine(asWindows1252(asWindows1252("🚧 Challenges")))).toBe("🚧 Challenges");
  });

  it("leaves real text alone: ASCII, Latin-1 words, other scripts, and lines that mix mojibake with them", () => {
    for (const text of ["plain", "café naïve Größe", "Ã la carte", "数据库", "📚 real emoji", `${asWindows1252("📚")} next to 数据库`, "Â"]) {
      expect(repairLine(text)).toBeUndefined();
    }
  });

  it("repairs a text line by line and keeps its line ends", () => {
    const text = `ok\r\n${asWindows1252("## 🎯 Goals")}\r\ncafé\n${asWindows1252("’")}`;
    expect(repairMojibake(text)).toEqual({ text: "ok\r\n## 🎯 Goals\r\ncafé\n’", lines: [2, 4] });
    expect(findMojibake(text).map((m) => [m.line, m.repaired])).toEqual([
      [2, "## 🎯 Goals"],
      [4, "’"],
    ]);
  });
});

describe("the seed README as published, with mojibake", () => {
  it("is the repaired seed's UTF-8 bytes read as Windows-1252 (the fixture is made so)", () => {
    expect(fs.readFileSync(MOJIBAKE_FILE, "utf8")).toBe(asWindows1252(SEED));
    expect(SEED).not.toMatch(/ðŸ/);
  });

  it("imports as the repaired seed does, and the summary counts the lines repaired", async () => {
    const results = [];
    for (const file of [MOJIBAKE_FILE, path.join(REPO_ROOT, "tests/readme/seed-readme.md")]) {
      const dir = tempDir("nexus-mojibake-");
      expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
      fs.copyFileSync(file, path.join(dir, "seed.md"));
      const result = await runCli(["import", "seed.md", "--json"], { cwd: dir });
      expect(result.code).toBe(0);
      results.push(JSON.parse(result.stdout));
    }
    const [broken, clean] = results;
    expect(broken.repaired).toEqual([{ path: "seed.md", lines: [3, 11, 61, 92, 134, 181, 192, 200] }]);
    expect(clean.repaired).toEqual([]);
    const titles = (r: { created: { title: string; topic: string }[] }) => r.created.map((c) => `${c.topic} / ${c.title}`);
    expect(titles(broken)).toEqual(titles(clean));
    expect(titles(broken).join("\n")).not.toMatch(/Overview|ð|â/);
    expect(broken.readme.set).toContain("overview");

    const dir = tempDir("nexus-mojibake-");
    await runCli(["init"], { cwd: dir });
    fs.copyFileSync(MOJIBAKE_FILE, path.join(dir, "README.md"));
    const text = await runCli(["import", "README.md", "--dry-run"], { cwd: dir });
    expect(text.stdout).toContain("would repair  README.md: mojibake in lines 3, 11, 61, 92, 134, 181, 192, 200 (UTF-8 once read as Windows-1252)");
    expect(text.stdout).toMatch(/, 8 lines of mojibake to repair\.\n/);
  });
});

describe("doctor", () => {
  it("reports mojibake in an entry as a warning with the line and what it reads", async () => {
    const dir = makeTree({
      "entries/2026-01-01-a.md": `---\ntitle: A\ntopic: ${asWindows1252("Café ☕")}\ndate: 2026-01-01\n---\n## Takeaway\n\n${asWindows1252("It’s fine")}\n`,
      "entries/2026-01-02-b.md": "---\ntitle: B\ntopic: Café\ndate: 2026-01-02\n---\n## Takeaway\n\nnaïve, 数据库\n",
    });
    const result = await runCli(["doctor"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'entries/2026-01-01-a.md:3: warning: mojibake: "topic: CafÃ© â˜•" is UTF-8 that was read as Windows-1252; it reads "topic: Café ☕"\n' +
        'entries/2026-01-01-a.md:8: warning: mojibake: "Itâ€™s fine" is UTF-8 that was read as Windows-1252; it reads "It’s fine"\n',
    );
    expect(result.stderr).toContain("2 files checked: 0 problems, 2 warnings");
    expect((await runCli(["doctor", "--strict"], { cwd: dir })).code).toBe(1);
  });
});
