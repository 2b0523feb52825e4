// `nexus review` without a terminal, as scripts use it: --due, --rate, exit codes,
// the log in the journal, doctor and stats, and two clones merged with real git.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

const A = "entries/2026-01-02-select-related.md";
const B = "entries/2026-01-03-gather.md";

function journal(extra: Record<string, string> = {}): string {
  return makeTree({
    "nexus.config.json": "{}\n",
    [A]: entryText({ title: "Select related", topic: "Django", date: "2026-01-02", tags: ["orm"], challenge: "Too many **queries**.", solution: "select_related()", takeaway: "Profile first." }),
    [B]: entryText({ title: "Gather", topic: "Python", date: "2026-01-03", challenge: "Run many at once.", solution: "asyncio.gather" }),
    "entries/2026-01-04-no-challenge.md": entryText({ title: "No challenge", topic: "Python", date: "2026-01-04", solution: "x" }),
    "entries/2026-01-05-opted-out.md": entryText({ title: "Opted out", topic: "Python", date: "2026-01-05", challenge: "y" }).replace("---\n##", "---\n##").replace("date: 2026-01-05\n", "date: 2026-01-05\nreview: false\n"),
    ...extra,
  });
}

const logLines = (dir: string) => fs.readFileSync(path.join(dir, "reviews.tsv"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));

describe("nexus review --due and --rate", () => {
  it("lists the cards due: entries with a challenge and without review: false; --json has the fields", async () => {
    const dir = journal();
    const r = await runCli(["review", "--due", "--date", "2026-01-10"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2026-01-10  new       ${A}  Select related\n2026-01-10  new       ${B.padEnd(A.length)}  Gather\n`);
    expect(r.stderr).toContain("0 due and 2 new on 2026-01-10");
    const j = await runCli(["review", "--due", "--json", "--date", "2026-01-10", "--topic", "python"], { cwd: dir });
    expect(JSON.parse(j.stdout)).toEqual([
      { path: B, title: "Gather", topic: "Python", due: "2026-01-10", dueAt: null, state: "new", stability: 0, difficulty: 0, reps: 0, lapses: 0 },
    ]);
  });

  it("records ratings in reviews.tsv and schedules them; nothing due is exit 1", async () => {
    const dir = journal();
    const first = await runCli(["review", "select-related", "--rate", "good", "--date", "2026-01-10"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`rated good: ${A}, next due 2026-01-10 (in 10m)\n`);
    const second = await runCli(["review", A, "--rate", "Good", "--date", "2026-01-10", "--json"], { cwd: dir });
    expect(second.code).toBe(0);
    const card = JSON.parse(second.stdout);
    expect(card).toMatchObject({ rating: "good", path: A, state: "review", reps: 2, lapses: 0 });
    expect(card.due > "2026-01-10").toBe(true);
    const noon = new Date(2026, 0, 10, 12).getTime();
    expect(logLines(dir)).toEqual([`${new Date(noon).toISOString()}\tgood\t${A}`, `${new Date(noon + 1000).toISOString()}\tgood\t${A}`]);

    const none = await runCli(["review", "--due", "--date", "2026-01-10", "--topic", "Django"], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stdout).toBe("");
    expect(none.stderr).toBe(`Nothing due on 2026-01-10; after today, the next cards are due on ${card.due}.\n`);
    const json = await runCli(["review", "--due", "--json", "--date", "2026-01-10", "--tag", "orm"], { cwd: dir });
    expect([json.code, json.stdout]).toEqual([1, "[]\n"]);
    const then = await runCli(["review", "--due", "--json", "--date", card.due, "--tag", "orm"], { cwd: dir });
    expect(then.code).toBe(0);
    expect(JSON.parse(then.stdout)[0]).toMatchObject({ path: A, state: "review", reps: 2 });
  });

  it("keeps the daily limit of new cards from the config", async () => {
    const dir = journal({ "nexus.config.json": '{"review": {"newPerDay": 1}}\n' });
    const r = await runCli(["review", "--due", "--json", "--date", "2026-01-10"], { cwd: dir });
    expect(JSON.parse(r.stdout).map((c: { path: string }) => c.path)).toEqual([A]);
    await runCli(["review", "select", "--rate", "easy", "--date", "2026-01-10"], { cwd: dir });
    expect((await runCli(["review", "--due", "--date", "2026-01-10"], { cwd: dir })).code).toBe(1);
    const next = await runCli(["review", "--due", "--json", "--date", "2026-01-11"], { cwd: dir });
    expect(JSON.parse(next.stdout).map((c: { path: string }) => c.path)).toEqual([B]);
    const bad = await runCli(["review", "--due"], { cwd: journal({ "nexus.config.json": '{"review": {"retention": 5}}\n' }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"review.retention" must be a number from 0.7 to 0.99');
  });

  it.each([
    [["review", "--rate", "meh", "select"], "--rate must be again, hard, good or easy"],
    [["review", "--rate", "good"], "--rate needs the entry"],
    [["review", "select"], "no rating"],
    [["review", "--due", "--date", "2026-02-30"], "--date must be a date"],
    [["review", "--due", "--limit", "0"], "--limit must be a whole number"],
    [["review", "--due", "--bogus"], "unknown option '--bogus'"],
    [["review"], "not one"],
    [["review", "select", "--rate", "good", "--date", "2999-01-01"], "after today"],
    [["review", "select", "--rate", "good", "--due"], "does not go with"],
  ])("usage error: nexus %j is exit 2", async (args, message) => {
    const dir = journal();
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, "reviews.tsv"))).toBe(false);
  });

  it("an entry that is not a card cannot be rated (exit 1)", async () => {
    const dir = journal();
    const none = await runCli(["review", "no-challenge", "--rate", "good"], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([1, "nexus: entries/2026-01-04-no-challenge.md is not a card: it has no Challenge section\n"]);
    const out = await runCli(["review", "opted-out", "--rate", "good"], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("review: false");
    expect(fs.existsSync(path.join(dir, "reviews.tsv"))).toBe(false);
  });
});

describe("the log: damage, orphans, doctor, stats, init", () => {
  const noon = new Date(2026, 0, 10, 12).toISOString();

  it("a damaged line is reported as path:line and skipped; the rest counts", async () => {
    const dir = journal({
      "reviews.tsv": `# comment\n${noon}\tgood\t${A}\ngarbage here\n${noon}\tmaybe\t${B}\n${noon}\tgood\t${A}\n`,
      ".gitattributes": "reviews.tsv merge=union\n",
    });
    const r = await runCli(["review", "--due", "--json", "--date", "2026-01-10"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("reviews.tsv:3: expected TIME<TAB>RATING<TAB>ENTRY");
    expect(r.stderr).toContain('reviews.tsv:4: "maybe" is not a rating');
    expect(JSON.parse(r.stdout).find((c: { path: string }) => c.path === A)).toMatchObject({ reps: 1, state: "learning" });
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("reviews.tsv:3: expected");
    // A log damaged on every line: the first five, then a count (doctor lists them all).
    fs.appendFileSync(path.join(dir, "reviews.tsv"), "x\n".repeat(20));
    const noisy = await runCli(["review", "--due", "--date", "2026-01-10"], { cwd: dir });
    expect(noisy.stderr.split("\n").filter((l) => l.includes("reviews.tsv:"))).toHaveLength(5);
    expect(noisy.stderr).toContain("… and 17 more damaged lines in reviews.tsv (nexus doctor lists them)");
    // A rating appended after a last line without its line end starts a line of its own.
    fs.appendFileSync(path.join(dir, "reviews.tsv"), "cut off");
    expect((await runCli(["review", B, "--rate", "good", "--date", "2026-01-10"], { cwd: dir })).code).toBe(0);
    expect(logLines(dir).slice(-2)).toEqual(["cut off", `${new Date(Date.parse(noon) + 1000).toISOString()}\tgood\t${B}`]);
  });

  it("ratings of a removed entry are ignored and pointed out by doctor; a moved one keeps its history", async () => {
    const dir = journal({ "reviews.tsv": `${noon}\tgood\tentries/2025-12-01-gone.md\n${noon}\teasy\tentries/2026-01-03-gather.md\n`, ".gitattributes": "reviews.tsv merge=union\n" });
    fs.mkdirSync(path.join(dir, "entries/python"));
    fs.renameSync(path.join(dir, B), path.join(dir, "entries/python/2026-01-03-gather.md"));
    fs.appendFileSync(path.join(dir, "reviews.tsv"), `2999-01-01T00:00:00.000Z\tgood\t${A}\n`);
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toBe(
      "reviews.tsv:1: warning: rating of entries/2025-12-01-gone.md, which is not an entry (removed or renamed?); ignored\n" +
        "reviews.tsv:3: warning: 2999-01-01T00:00:00.000Z is in the future (a clock set wrong?); the rating counts from then\n",
    );
    fs.writeFileSync(path.join(dir, "reviews.tsv"), fs.readFileSync(path.join(dir, "reviews.tsv"), "utf8").replace(/^2999.*\n/m, ""));
    const r = await runCli(["review", "--due", "--json", "--date", "2026-01-10"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((c: { path: string }) => c.path)).toEqual([A]);
    const gather = await runCli(["review", "gather", "--rate", "good", "--date", "2026-01-10", "--json"], { cwd: dir });
    expect(JSON.parse(gather.stdout)).toMatchObject({ path: "entries/python/2026-01-03-gather.md", reps: 2 });
  });

  it("init sets up the union merge once; doctor warns when it is missing", async () => {
    const dir = tempDir();
    const r = await runCli(["init"], { cwd: dir });
    expect(r.stdout).toContain("created .gitattributes (reviews.tsv merge=union)");
    expect(fs.readFileSync(path.join(dir, ".gitattributes"), "utf8")).toBe("# nexus review log: merge the lines of both sides\nreviews.tsv merge=union\n");
    fs.writeFileSync(path.join(dir, ".gitattributes"), "*.png binary");
    await runCli(["init"], { cwd: dir });
    await runCli(["init"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, ".gitattributes"), "utf8")).toBe("*.png binary\n# nexus review log: merge the lines of both sides\nreviews.tsv merge=union\n");
    const old = journal({ "reviews.tsv": `${noon}\tgood\t${A}\n` });
    expect((await runCli(["doctor"], { cwd: old })).stdout).toContain('reviews.tsv:1: warning: .gitattributes lacks "reviews.tsv merge=union"');
  });

  it("stats shows the review figures, and --json has them", async () => {
    const dir = journal();
    await runCli(["review", "select", "--rate", "good", "--date", "2026-01-10"], { cwd: dir });
    const j = await runCli(["stats", "--json", "--until", "2026-01-10"], { cwd: dir });
    expect(JSON.parse(j.stdout).review).toEqual({ cards: 2, started: 1, dueToday: 2, due: 1, newToday: 1, new: 1, learning: 1, reviewedThisMonth: 1, retention: null, nextDue: null });
    const text = await runCli(["stats", "--until", "2026-01-10"], { cwd: dir });
    expect(text.stdout).toContain(
      "Reviews\n  Today: 1 due and 1 new (nexus review)\n  Cards: 2 (1 new, 1 learning, 0 learned)\n  This month: 1 review; retention: no reviews of learned cards yet\n",
    );
    // review --due says the same of the same day, in the same words.
    const due = await runCli(["review", "--due", "--date", "2026-01-10"], { cwd: dir });
    expect(due.stdout).toMatch(/^2026-01-10 {2}learning {2}entries\/2026-01-02-select-related\.md {2}Select related\n2026-01-10 {2}new {6}/);
    expect(due.stderr).toBe("1 due and 1 new on 2026-01-10\n");
    // A wrong review setting costs the review figures, not the others.
    fs.writeFileSync(path.join(dir, "nexus.config.json"), '{"review": {"newPerDay": "ten"}}');
    const broken = await runCli(["stats", "--until", "2026-01-10"], { cwd: dir });
    expect(broken.code).toBe(0);
    expect(broken.stdout).toContain("Entries per topic");
    expect(broken.stdout).not.toContain("Reviews");
    expect(broken.stderr).toContain('"review.newPerDay" must be a whole number from 0 to 10000; no review figures');
  });
});

const hasGit = spawnSync("git", ["--version"]).status === 0;

describe.skipIf(!hasGit)("two clones, merged with git", () => {
  const env = { ...process.env, GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" };
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  async function clones(attributes: boolean) {
    const origin = journal();
    await runCli(["init"], { cwd: origin });
    if (!attributes) fs.rmSync(path.join(origin, ".gitattributes"));
    // Both machines already have a rating, so each appends after a shared line.
    await runCli(["review", "select", "--rate", "good", "--date", "2026-01-09"], { cwd: origin });
    git(origin, "init", "-q");
    git(origin, "add", "-A");
    git(origin, "commit", "-qm", "journal");
    const other = path.join(tempDir(), "other");
    git(path.dirname(other), "clone", "-q", origin, other);
    await runCli(["review", "select", "--rate", "good", "--date", "2026-01-10"], { cwd: origin });
    git(origin, "commit", "-qam", "review on one machine");
    await runCli(["review", "gather", "--rate", "hard", "--date", "2026-01-10"], { cwd: other });
    git(other, "commit", "-qam", "review on the other");
    git(other, "fetch", "-q", "origin");
    const merge = spawnSync("git", ["merge", "--no-edit", "origin/main"], { cwd: other, env, encoding: "utf8" });
    return { other, merge };
  }

  it("merges two appended logs without a conflict, and both ratings count", async () => {
    const { other, merge } = await clones(true);
    expect(merge.status).toBe(0);
    expect(logLines(other)).toHaveLength(3);
    const r = await runCli(["review", "--due", "--json", "--date", "2026-03-01"], { cwd: other });
    const cards = JSON.parse(r.stdout) as { path: string; reps: number }[];
    expect(cards.find((c) => c.path === A)?.reps).toBe(2);
    expect(cards.find((c) => c.path === B)?.reps).toBe(1);
    expect((await runCli(["doctor"], { cwd: other })).code).toBe(0);
  });

  it("(without the .gitattributes line the same merge conflicts: the line is what makes it work)", async () => {
    const { merge } = await clones(false);
    expect(merge.status).not.toBe(0);
    expect(merge.stdout).toContain("CONFLICT");
  });
});
