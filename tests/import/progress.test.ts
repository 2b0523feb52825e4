// The progress line of a long import: on a terminal only, after about a second,
// at most ten redraws a second, cleared at the end; never in a pipe or in --json.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCommand } from "../../src/commands/import.js";
import { progressLine } from "../../src/ui/progress.js";
import { fakeIo } from "../everyday/fake-io.js";
import { makeTree, runCli } from "../helpers.js";

describe("progressLine", () => {
  it("shows nothing for a quick run, then redraws at most every 100 ms and clears the line at the end", () => {
    let t = 0;
    const written: string[] = [];
    const line = progressLine({ write: (s) => written.push(s), now: () => t });
    line.update("a");
    t = 999;
    line.update("b");
    expect(written).toEqual([]);
    t = 1000;
    line.update("c");
    t = 1050;
    line.update("d");
    t = 1100;
    line.update("e");
    line.done();
    expect(written).toEqual(["\r\x1b[Kc", "\r\x1b[Ke", "\r\x1b[K"]);
  });

  it("clears nothing when it never showed", () => {
    const written: string[] = [];
    const line = progressLine({ write: (s) => written.push(s), now: () => 0 });
    line.update("x");
    line.done();
    expect(written).toEqual([]);
  });
});

describe("import's progress", () => {
  const folder = () => {
    const files: Record<string, string> = { "nexus.config.json": '{"entries": "entries"}\n' };
    for (let i = 0; i < 120; i += 1) files[`til/topic${i % 3}/note-${i}.md`] = `# Note ${i}\n\nLearned ${i}.\n`;
    return makeTree(files);
  };

  it("goes to stderr on a terminal, and the lines after it are the same as without it", async () => {
    const dir = folder();
    const slowClock = { t: 0 };
    const realNow = Date.now;
    // Every look at the clock is half a second later: the import "runs long".
    Date.now = () => (slowClock.t += 500);
    try {
      const { io, stdout, stderr } = fakeIo(dir);
      io.stderrIsTTY = true;
      const code = await importCommand({ io, dir, strict: false }, { path: path.join(dir, "til"), tags: [], dryRun: true, json: false });
      expect(code).toBe(0);
      expect(stderr()).toMatch(/\r\x1b\[Kreading files \d+\/120…/);
      expect(stderr().endsWith("\r\x1b[K")).toBe(true);
      expect(stdout()).not.toContain("\r");
      const { io: quiet, stdout: quietOut, stderr: quietErr } = fakeIo(dir);
      await importCommand({ io: quiet, dir, strict: false }, { path: path.join(dir, "til"), tags: [], dryRun: true, json: true });
      expect(quietErr()).toBe("");
      expect(quietOut()).not.toContain("\r");
    } finally {
      Date.now = realNow;
    }
  });

  it("writes no progress into a pipe", async () => {
    const dir = folder();
    const result = await runCli(["import", "til"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).not.toMatch(/\r|\x1b/);
    expect(fs.readdirSync(path.join(dir, "entries"))).toHaveLength(120);
  });
});
