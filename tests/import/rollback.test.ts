// A failure halfway through an import removes the entries it had created.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyImport, prepareImport } from "../../src/import/run.js";
import { openJournal } from "../../src/journal/root.js";
import { createWithFreeName } from "../../src/journal/safe-write.js";
import { makeTree, REPO_ROOT } from "../helpers.js";

describe("applyImport", () => {
  it("leaves no entry file and no config change behind when the third file cannot be written", async () => {
    const dir = makeTree({ "nexus.config.json": '{"entries": "entries"}\n', "entries/.keep": "" });
    const journal = openJournal(dir);
    const seed = path.join(REPO_ROOT, "tests/readme/seed-readme.md");
    const prepared = prepareImport(journal, { target: seed, shown: "seed.md" });
    let calls = 0;
    await expect(
      applyImport(journal, prepared, {
        create: (folder, base, text) => {
          calls += 1;
          if (calls === 3) throw new Error("disk full");
          return createWithFreeName(folder, base, ".md", text);
        },
      }),
    ).rejects.toThrow("disk full");
    expect(calls).toBe(3);
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual([".keep"]);
    expect(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")).toBe('{"entries": "entries"}\n');
  });

  it("stops at Ctrl-C (an aborted signal) and removes what it wrote", async () => {
    const dir = makeTree({ "nexus.config.json": '{"entries": "entries"}\n', "entries/.keep": "" });
    const journal = openJournal(dir);
    const prepared = prepareImport(journal, { target: path.join(REPO_ROOT, "tests/readme/seed-readme.md"), shown: "seed.md" });
    const controller = new AbortController();
    let calls = 0;
    await expect(
      applyImport(journal, prepared, {
        signal: controller.signal,
        create: (folder, base, text) => {
          calls += 1;
          if (calls === 5) controller.abort();
          return createWithFreeName(folder, base, ".md", text);
        },
      }),
    ).rejects.toThrow("interrupted: the 5 entries written so far were removed; nothing was imported");
    expect(fs.readdirSync(path.join(dir, "entries"))).toEqual([".keep"]);
    expect(fs.readFileSync(path.join(dir, "nexus.config.json"), "utf8")).toBe('{"entries": "entries"}\n');
  });
});
