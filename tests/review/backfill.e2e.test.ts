// A rating back-filled before a later one, and log lines from the future
// (report 2026-12-06 defect 3, r1.sh): exit 0, one line each, never a crash after writing.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

const A = "entries/2026-01-05-rate-limiting.md";
const journal = (log?: string) =>
  makeTree({
    "nexus.config.json": "{}\n",
    [A]: entryText({ title: "Rate limiting", topic: "APIs", date: "2026-01-05", challenge: "429s", solution: "token bucket" }),
    ...(log ? { "reviews.tsv": log } : {}),
  });
const lines = (dir: string) => fs.readFileSync(path.join(dir, "reviews.tsv"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("3: review --rate among later ratings", () => {
  it("r1: rated today, then yesterday twice: exit 0 each time, three lines, due as the whole log replayed", async () => {
    const dir = journal();
    expect((await runCli(["review", "rate-limiting", "--rate", "good"], { cwd: dir })).code).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = await runCli(["review", "rate-limiting", "--rate", "good", "--date", day(-1), "--json"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/unexpected|delta_t/);
    }
    expect(lines(dir)).toHaveLength(3);
    const due = await runCli(["review", "--due", "--json", "--date", day(30)], { cwd: dir });
    const last = await runCli(["review", "rate-limiting", "--rate", "good", "--date", "1000-01-01", "--json"], { cwd: dir });
    expect(last.code, last.stderr).toBe(0);
    // Back-filling after: the card's due date is what the --due listing of the replayed log says.
    const after = await runCli(["review", "--due", "--json", "--date", day(365)], { cwd: dir });
    expect(JSON.parse(after.stdout)[0].dueAt).toBe(JSON.parse(last.stdout).dueAt);
    expect(JSON.parse(due.stdout)).toBeInstanceOf(Array);
  });

  it("a log line a year in the future: --rate, --due and doctor answer; the future line stays last in the replay", async () => {
    const future = `${day(365)}T08:00:00.000Z\tgood\t${A}\n`;
    const dir = journal(`# nexus review log\n${future}`);
    const rated = await runCli(["review", "rate-limiting", "--rate", "again", "--json"], { cwd: dir });
    expect(rated.code, rated.stderr).toBe(0);
    expect(JSON.parse(rated.stdout).dueAt > `${day(365)}T08:00:00.000Z`).toBe(true);
    expect(lines(dir)).toHaveLength(2);
    const due = await runCli(["review", "--due", "--date", day(400)], { cwd: dir });
    expect(due.code, due.stderr).toBe(0);
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.stdout + doctor.stderr).toContain("is in the future (a clock set wrong?); the rating counts from then");
  });
});
