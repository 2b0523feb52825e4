// The round trip: a hand-written README imported into a journal comes back from the
// first `nexus build-readme`, without --force, with its headings in their order,
// its own text as written and its learnings generated from the entries.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli, tempDir } from "../helpers.js";

const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/import");
const SEED_FILE = path.join(REPO_ROOT, "tests/readme/seed-readme.md");
const SEED = fs.readFileSync(SEED_FILE, "utf8");

const lines = (text: string) => text.replace(/\r\n/g, "\n").split("\n").map((l) => l.trimEnd());
const headings = (text: string) => lines(text).filter((l) => /^#{1,6} /.test(l));

/** The original's non-blank lines that come back (each as often as it was there), and the others. */
function recall(original: string, output: string): { share: number; missing: string[] } {
  const have = new Map<string, number>();
  for (const l of lines(output)) have.set(l, (have.get(l) ?? 0) + 1);
  const wanted = lines(original).filter((l) => l.trim());
  const missing = wanted.filter((l) => {
    const n = have.get(l) ?? 0;
    have.set(l, n - 1);
    return n <= 0;
  });
  return { share: (wanted.length - missing.length) / wanted.length, missing };
}

/** The original's headings, each found after the one before it in the output. */
function headingsInOrder(original: string, output: string): string[] {
  const out = headings(output);
  let at = 0;
  return headings(original).filter((h) => {
    const found = out.indexOf(h, at);
    if (found >= 0) at = found + 1;
    return found >= 0;
  });
}

/** Lines of text (not separators, markers, blank) that the README shows more often than the original did. */
function shownTwice(original: string, output: string): string[] {
  const count = (text: string) => {
    const m = new Map<string, number>();
    for (const l of lines(text).filter((l) => l.trim() && !/^(-{3,}|<!--)/.test(l))) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const before = count(original);
  return [...count(output)].filter(([l, n]) => n > Math.max(1, before.get(l) ?? 0)).map(([l]) => l);
}

/** A folder whose README.md is `readme`, made a journal with `nexus init`, the README imported and built. */
async function roundTrip(readme: string | Buffer) {
  const dir = tempDir("nexus-round-trip-");
  fs.writeFileSync(path.join(dir, "README.md"), readme);
  expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
  const imported = await runCli(["import", "README.md"], { cwd: dir });
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  const built = await runCli(["build-readme"], { cwd: dir });
  expect(built.stderr).toBe("");
  expect(built.code).toBe(0);
  return { dir, imported, built, output: fs.readFileSync(path.join(dir, "README.md"), "utf8") };
}

describe("the seed README, as repaired and as published with mojibake", () => {
  for (const [name, file] of [
    ["repaired", SEED_FILE],
    ["with mojibake", path.join(FIXTURES, "seed-mojibake.md")],
  ] as const) {
    it(`comes back whole from the first build, without --force (${name})`, async () => {
      const { dir, imported, built, output } = await roundTrip(fs.readFileSync(file));
      expect(imported.stdout).toMatch(/^write {3}templates\/README\.md: the layout of README\.md/m);
      expect(imported.stdout).toContain("Next: nexus build-readme: it replaces the hand-written README.md with the same README, generated");
      expect(built.stdout).toMatch(/^replaced the hand-written README\.md from templates\/README\.md \(19 entries\)$/m);
      expect(built.stdout).toMatch(/^README\.md lists every entry: \d+ KB, within its 256 KB budget$/m);

      const { share, missing } = recall(SEED, output);
      expect(missing).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(0.97);
      expect(headingsInOrder(SEED, output)).toEqual(headings(SEED));
      expect(shownTwice(SEED, output)).toEqual([]);
      // The title, the closing note under the License, the challenges as "Challenge N" with Problem and Solution.
      expect(output.startsWith("# ALX Project Nexus\n\n## 📚 Overview\n")).toBe(true);
      expect(output.trimEnd().endsWith("represents my personal learning journey and growth as a backend engineer.")).toBe(true);
      expect(output).toMatch(/### \*\*Challenge 2: API Rate Limiting\*\*\n\n\*\*Problem:\*\* API endpoints were vulnerable/);
      // Added where the template puts them: the charts, the pages, and the note that the dates are guesses.
      expect(output).toContain("![Growth: entries in total");
      expect(output).toContain("- [Topics](journal/topics.md): 16 topics");
      expect(output).toMatch(/_The dates of the 19 entries from README\.md are guesses \(\d{4}-\d\d-\d\d: the day of the import\), not the days learned\._/);

      // The next build changes nothing; --check agrees; a second import creates nothing and keeps the template.
      const template = fs.readFileSync(path.join(dir, "templates/README.md"), "utf8");
      expect((await runCli(["build-readme"], { cwd: dir })).stderr).toBe("README.md and journal/ are up to date\n");
      expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
      const again = await runCli(["import", "README.md"], { cwd: dir });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("was generated by nexus build-readme");
      expect(fs.readFileSync(path.join(dir, "templates/README.md"), "utf8")).toBe(template);
    });
  }

  it("writes the headings of the learnings and challenges as the README did, and no readme value its text keeps", async () => {
    const { dir } = await roundTrip(SEED);
    const config = JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8"));
    expect(config.readme.topicHeading).toBe("**{topic}**");
    expect(config.readme.challengeHeading).toBe("**Challenge {n}: {title}**");
    expect(Object.keys(config.readme).sort()).toEqual(["challengeHeading", "chartsNote", "topicHeading"]);
    expect(config.groups.map((g: { title: string }) => g.title)).toEqual(["Key Technologies Covered", "Important Backend Development Concepts", "Best Practices and Personal Takeaways"]);
    const template = fs.readFileSync(path.join(dir, "templates/README.md"), "utf8");
    expect(template).toMatch(/^### Key Technologies Covered\n\n\{\{takeaways:Key Technologies Covered\}\}\n\n---\n/m);
    expect(template).toMatch(/^## 🚧 Challenges Faced and Solutions Implemented\n\n\{\{challenges\}\}\n/m);
  });
});

describe("a README of another style (setext headings, dates in headings, tables, HTML, hard breaks)", () => {
  it("comes back with its headings in order and its text, except the HTML of sections, which entries never pass on", async () => {
    const original = fs.readFileSync(path.join(FIXTURES, "bootcamp-readme.md"), "utf8");
    const { dir, output } = await roundTrip(original);
    const { share, missing } = recall(original, output);
    expect(missing).toEqual([
      "<details>",
      "<summary>The counter example</summary>",
      "</details>",
      // The label is the nexus one, and a title is text, its backticks shown as written.
      "**Lesson learned:** CORS is the server's answer, never the client's setting.",
      "### Bug #2 — `this` was undefined (2024-01-22)",
    ]);
    expect(share).toBeGreaterThan(0.89);
    expect(output).toContain("&lt;details>\n&lt;summary>The counter example&lt;/summary>");
    expect(output).toContain("**Takeaway:** CORS is the server's answer, never the client's setting.");
    expect(headingsInOrder(original, output)).toEqual(headings(original).filter((h) => !h.startsWith("### Bug #2")));
    expect(shownTwice(original, output)).toEqual([]);
    // Setext headings stay setext; the learnings nest under them at the level below.
    expect(output).toMatch(/^Week 1 — The web platform\n-{25}\n\n<!-- nexus:begin takeaways:week-1-the-web-platform -->\n\n### Semantic HTML \(2024-01-08\)\n/m);
    const config = JSON.parse(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8"));
    expect(config.readme).toMatchObject({ topicHeading: "{topic} ({date})", challengeHeading: "Bug #{n} — {title} ({date})" });
  });
});

describe("what the round trip never does", () => {
  it("keeps a template of the journal's own, and then leaves the hand-written README alone", async () => {
    const dir = tempDir("nexus-round-trip-");
    fs.writeFileSync(path.join(dir, "README.md"), SEED);
    await runCli(["init"], { cwd: dir });
    fs.writeFileSync(path.join(dir, "templates/README.md"), "# Mine\n\n{{topics}}\n");
    const imported = await runCli(["import", "README.md"], { cwd: dir });
    expect(imported.stdout).toContain("kept    templates/README.md: a template of yours; the README's layout is not written over it");
    expect(fs.readFileSync(path.join(dir, "templates/README.md"), "utf8")).toBe("# Mine\n\n{{topics}}\n");
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain("README.md has no nexus markers, so it is not overwritten");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe(SEED);
  });

  it("replaces only the README it was made from: one edited since is not overwritten", async () => {
    const dir = tempDir("nexus-round-trip-");
    fs.writeFileSync(path.join(dir, "README.md"), SEED);
    await runCli(["init"], { cwd: dir });
    expect((await runCli(["import", "README.md"], { cwd: dir })).code).toBe(0);
    fs.appendFileSync(path.join(dir, "README.md"), "\nA line written after the import.\n");
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain("README.md has no nexus markers");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toContain("A line written after the import.");
  });

  it("keeps a README line that reads like template syntax as text, shown the same", async () => {
    const readme = "# Notes\n\n{{toc}}\n\n<!-- nexus:end topics -->\n\n## Go\n\n### Slices (2024-01-02)\n\n- append may copy\n\n## Contact\n\n{{! not a comment }}\n";
    const { output } = await roundTrip(readme);
    expect(output).toContain("\n\\{{toc}}\n");
    expect(output).toContain("\n&lt;!-- nexus:end topics -->\n");
    expect(output).toContain("\n\\{{! not a comment }}\n");
    expect(output).toContain("- append may copy");
  });
});

describe("READMEs from anywhere", () => {
  it("comes back from CRLF line ends with CRLF line ends, every line", async () => {
    const crlf = SEED.replace(/\n/g, "\r\n");
    const { output } = await roundTrip(crlf);
    expect(output).toMatch(/\r\n/);
    expect(output.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(recall(SEED, output).missing).toEqual([]);
  });

  it("reads a UTF-16 README (as PowerShell writes one) and gives it back as UTF-8", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("# Notes\n\n## Go\n\n### Maps (2024-02-03)\n\n- not ordered\n\n## Contact\n\nme\n", "utf16le")]);
    const { output, built } = await roundTrip(utf16);
    expect(built.stdout).toContain("replaced the hand-written README.md");
    expect(output).toMatch(/^# Notes\n\n## Go\n\n<!-- nexus:begin takeaways:go -->\n\n### Maps \(2024-02-03\)\n\n- not ordered\n/);
  });

  it("matches a group and its topics written in NFD (as macOS names them) with their entries", async () => {
    const nfd = "# Journal\n\n## Café crème\n\n### Crème brûlée (2024-01-01)\n\n- sugar\n\n## Contact\n\nme\n".normalize("NFD");
    const { output, built } = await roundTrip(nfd);
    expect(built.stderr).toBe("");
    expect(output.normalize("NFC")).toContain("### Crème brûlée (2024-01-01)\n\n- sugar");
  });
});
