// Report 2026-12-06 #16: dates run from 1000 to 9999, the last days of 9999 included.
// `stats --until 9999-12-31` crashed (the heatmap's last week runs into 10000) and
// `review --due --date 9999-12-31` said nothing was due (its day ended at "+010000-01").
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../src/domain/dates.js";
import { computeStats, heatmapOf } from "../../src/domain/stats.js";
import { timeTicks } from "../../src/readme/charts/time-ticks.js";
import { dayEnd, dayStart } from "../../src/review/days.js";
import { entryText, makeTree, runCli } from "../helpers.js";

describe("the last days of 9999", () => {
  it("addDays counts on into 10000 with a readable year, and back", () => {
    expect(addDays("9999-12-31", 1)).toBe("10000-01-01");
    expect(addDays("9999-12-27", 6)).toBe("10000-01-02");
    expect(addDays("10000-01-02", -2)).toBe("9999-12-31");
    expect(daysBetween("9999-12-31", addDays("9999-12-31", 3))).toBe(3);
    expect(addDays("1000-01-01", -1)).toBe("0999-12-31");
  });

  it("a review day of 9999-12-31 ends a day after it starts (local time)", () => {
    for (const day of ["9999-12-31", "9999-12-30", "2026-03-29", "1000-01-01"]) {
      const hours = (dayEnd(day) - dayStart(day)) / 3_600_000;
      expect(hours, day).toBeGreaterThanOrEqual(23);
      expect(hours, day).toBeLessThanOrEqual(25);
    }
  });

  it("the heatmap to any of the last seven days has no cell after it, and stats name their months", () => {
    for (let back = 0; back < 8; back += 1) {
      const until = addDays("9999-12-31", -back);
      const map = heatmapOf(new Map([[until, 2]]), until);
      const cells = map.weeks.flat();
      expect(cells.filter((c) => c !== null)).toHaveLength(daysBetween(map.start, until) + 1);
      expect(cells.filter((c) => c === 2)).toHaveLength(1);
      expect(() => computeStats([{ date: until, topic: "T", tags: [] }], until)).not.toThrow();
    }
  });

  it("time axes end at 9999-12-31 however they step", () => {
    for (const from of ["9999-12-01", "9999-12-25", "9999-06-30", "9990-01-01"]) {
      const ticks = timeTicks(from, "9999-12-31");
      expect(ticks.length, from).toBeGreaterThan(0);
      for (const t of ticks) expect(t.day.length, t.day).toBe(10);
      for (const t of ticks) expect(t.day <= "9999-12-31" && t.day >= from, t.day).toBe(true);
    }
  });
});

describe("the report's script", () => {
  it("stats --until 9999-12-31 works, and review --due --date 9999-12-31 lists the card as 9999-12-30 does", async () => {
    const dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01", challenge: "c", solution: "s" }),
      "entries/9999-12-31-z.md": entryText({ title: "Z", topic: "T", date: "9999-12-31", challenge: "c", solution: "s" }),
    });
    expect((await runCli(["review", "a", "--rate", "good"], { cwd: dir })).code).toBe(0);
    const stats = await runCli(["stats", "--until", "9999-12-31"], { cwd: dir });
    expect(stats.stderr).toBe("");
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain("Days with entries, 9998-12-28 to 9999-12-31");
    const due30 = await runCli(["review", "--due", "--date", "9999-12-30", "--json"], { cwd: dir });
    const due31 = await runCli(["review", "--due", "--date", "9999-12-31", "--json"], { cwd: dir });
    expect(due31.code).toBe(0);
    const paths = (r: { stdout: string }) => (JSON.parse(r.stdout) as { path: string }[]).map((c) => c.path).sort();
    expect(paths(due31)).toEqual(paths(due30));
    expect(paths(due31)).toContain("entries/2026-01-01-a.md");
    // The charts end on the journal's last day, 9999-12-31.
    const built = await runCli(["build-readme"], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
  });
});
