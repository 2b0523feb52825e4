import { describe, expect, it } from "vitest";
import { stats } from "../../src/commands/stats.js";
import { computeStats, weekday } from "../../src/domain/stats.js";
import { displayWidth } from "../../src/ui/io.js";
import { entryText, makeTree, runCli } from "../helpers.js";
import { fakeIo } from "./fake-io.js";

const e = (date: string, topic: string, tags: string[] = []) => ({ date, topic, tags });

function journal() {
  const files: Record<string, string> = { "nexus.config.json": "{}\n" };
  const add = (date: string, topic: string, tags: string[], n = 1) => {
    for (let i = 0; i < n; i += 1) files[`entries/${date}-${topic.toLowerCase()}-${i}.md`] = entryText({ title: `${topic} ${i}`, topic, date, tags });
  };
  add("2025-12-31", "Django", ["orm"]);
  add("2026-01-01", "Django", ["orm", "performance"]);
  add("2026-01-02", "Python", ["asyncio"], 2);
  add("2026-01-03", "Python", ["asyncio"]);
  add("2026-02-10", "A very long topic name that will not fit in the chart", ["x"]);
  add("2026-02-11", "Docker \u001b[2J", []);
  add("2026-02-12", "Docker \u001b[2J", []);
  return makeTree(files);
}

describe("stats figures", () => {
  it("computes streaks, months and the heatmap from calendar dates", () => {
    const s = computeStats([e("2026-01-01", "A"), e("2026-01-02", "A"), e("2026-01-03", "B"), e("2026-01-03", "B"), e("2026-01-10", "C"), e("2026-01-11", "C")], "2026-01-11");
    expect(s.streaks.longest).toEqual({ days: 3, start: "2026-01-01", end: "2026-01-03" });
    expect(s.streaks.current).toEqual({ days: 2, start: "2026-01-10", end: "2026-01-11" });
    expect(s.activeDays).toBe(5);
    // The journal's months only: it began in January.
    expect(s.months).toEqual([{ month: "2026-01", count: 6 }]);
    const long = computeStats([e("2024-03-05", "A"), e("2026-01-02", "A")], "2026-02-11");
    expect(long.months.map((m) => m.month)).toEqual(["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(computeStats([e("2026-01-20", "A")], "2026-03-01").months).toEqual([{ month: "2026-01", count: 1 }, { month: "2026-02", count: 0 }, { month: "2026-03", count: 0 }]);
    expect(s.heatmap.weeks).toHaveLength(53);
    expect(weekday(s.heatmap.start)).toBe(0);
    expect(s.heatmap.end).toBe("2026-01-11");
    // 2026-01-11 is a Sunday, so the last week is full; 2026-01-03 (a Saturday) had two entries.
    expect(s.heatmap.weeks.at(-1)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(s.heatmap.weeks.at(-2)).toEqual([0, 0, 0, 1, 1, 2, 0]);
  });

  it("keeps today's streak alive until the day is over, and counts none after a gap", () => {
    expect(computeStats([e("2026-01-09", "A"), e("2026-01-10", "A")], "2026-01-11").streaks.current.days).toBe(2);
    expect(computeStats([e("2026-01-09", "A")], "2026-01-11").streaks.current.days).toBe(0);
    expect(computeStats([], "2026-01-11").streaks.longest).toEqual({ days: 0, start: null, end: null });
  });

  it("does not depend on the time zone", () => {
    const before = process.env.TZ;
    const a = JSON.stringify(computeStats([e("2026-03-29", "A"), e("2026-03-30", "A")], "2026-03-30"));
    process.env.TZ = "America/Los_Angeles";
    const b = JSON.stringify(computeStats([e("2026-03-29", "A"), e("2026-03-30", "A")], "2026-03-30"));
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
    expect(a).toBe(b);
  });
});

describe("nexus stats", () => {
  it("prints charts that fit 80 columns, plain without colour, control characters inert", async () => {
    const r = await runCli(["stats", "--until", "2026-03-01"], { cwd: journal() });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b");
    for (const line of r.stdout.split("\n")) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain("8 entries on 7 days, 2025-12-31 to 2026-02-12");
    expect(r.stdout).toContain("Longest streak: 4 days (2025-12-31 to 2026-01-03)");
    // Months from the journal's first (December 2025), none empty before it.
    expect(r.stdout).toMatch(/Entries per month \(to 2026-03\)\n {2}2025-12 +█+ 1\n {2}2026-01 +█+ 4\n {2}2026-02 +█+ 3\n {2}2026-03 +· 0\n/);
    expect(r.stdout).toContain("Current streak: 0 days");
    expect(r.stdout).toMatch(/ {2}Python +█+ 3\n/);
    expect(r.stdout).toMatch(/2026-01 +█+ 4\n/);
    expect(r.stdout).toContain("Docker \u241b[2J");
    expect(r.stdout).toContain("#asyncio");
    expect(r.stdout).toMatch(/Mon +[·░▒▓█ ]+\n/);
  });

  it("uses the width it is given (COLUMNS), wide characters counted twice; the rest of the topics is one bar apart", async () => {
    const files: Record<string, string> = { "nexus.config.json": "{}\n" };
    for (let i = 1; i <= 15; i++) files[`entries/2026-11-${10 + i}-t${i}.md`] = entryText({ title: `T${i}`, topic: `東京タワー ${i}`, date: `2026-11-${10 + i}`, tags: [`タグ${i}`] });
    for (let i = 1; i <= 6; i++) files[`entries/2026-12-0${i}-big${i}.md`] = entryText({ title: `Big ${i}`, topic: "東京タワー 1", date: `2026-12-0${i}` });
    const dir = makeTree(files);
    for (const columns of [60, 80, 120]) {
      const r = await runCli(["stats", "--until", "2026-12-06"], { cwd: dir, env: { COLUMNS: String(columns) } });
      const widths = r.stdout.split("\n").map(displayWidth);
      expect(Math.max(...widths), String(columns)).toBeLessThanOrEqual(columns);
      if (columns === 120) expect(Math.max(...widths)).toBeGreaterThan(100);
    }
    const r = await runCli(["stats", "--until", "2026-12-06"], { cwd: dir });
    // 3 topics past the twelfth, 3 entries: one bar in another shade, after the others.
    expect(r.stdout).toMatch(/ {2}東京タワー \d+ +█+ 1\n {2}3 other topics +░+ 3\n\n/);
    const topBar = /東京タワー 1 +(█+) 7/.exec(r.stdout)![1]!.length;
    const restBar = /3 other topics +(░+) 3/.exec(r.stdout)![1]!.length;
    expect(restBar).toBeLessThan(topBar);
    // 5 tags past the tenth, 5 entries, more than any tag shown: the bar stops at the longest, with …
    expect(r.stdout).toMatch(/ {2}5 other tags +░+… 5\n/);
  });

  it("uses colour when asked", async () => {
    const r = await runCli(["stats", "--until", "2026-03-01"], { cwd: journal(), env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(r.stdout).toContain("\u001b[");
  });

  it("prints the same figures as JSON, deterministic for a given end day", async () => {
    const dir = journal();
    const r = await runCli(["stats", "--until", "2026-01-02", "--json"], { cwd: dir });
    const s = JSON.parse(r.stdout);
    expect(s.entries).toBe(4);
    expect(s.until).toBe("2026-01-02");
    expect(s.streaks.current).toEqual({ days: 3, start: "2025-12-31", end: "2026-01-02" });
    expect(s.topics).toEqual([{ name: "Django", count: 2 }, { name: "Python", count: 2 }]);
    expect(s.tags[0]).toEqual({ name: "asyncio", count: 2 });
    const again = await runCli(["stats", "--until", "2026-01-02", "--json"], { cwd: dir, env: { TZ: "Pacific/Kiritimati" } });
    expect(again.stdout).toBe(r.stdout);
  });

  it("ends at today by default", async () => {
    const { io, stdout } = fakeIo(journal());
    expect(await stats({ io, dir: undefined, strict: false }, { json: true, today: "2026-01-03" })).toBe(0);
    // The latest entry is later than "today": the charts end there instead.
    expect(JSON.parse(stdout()).until).toBe("2026-02-12");
  });

  it("rejects a bad --until and has help with examples", async () => {
    const dir = journal();
    expect((await runCli(["stats", "--until", "soon"], { cwd: dir })).code).toBe(2);
    const none = await runCli(["stats", "--until", "2020-01-01"], { cwd: dir });
    expect(none.stderr).toBe("No entries on or before 2020-01-01.\n");
    expect(none.code).toBe(0);
    const help = await runCli(["stats", "--help"], { cwd: dir });
    expect(help.stdout).toContain("--json");
    expect(help.stdout.split("Examples:")[1]!.trim().split("\n").length).toBeGreaterThanOrEqual(2);
  });
});
