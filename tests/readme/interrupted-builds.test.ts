// Report 2026-12-06 #8 and #18: what a build stopped midway leaves, and what it says.
// #8: a build-readme killed while it wrote the pages left `.NAME.PID.HEX.tmp` files in
// journal/ for good (and `git add journal/` committed them). #18: a full disk during a
// first build left 64 of 97 pages and no README, with "nothing was half-written".
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeFailure } from "../../src/commands/build-readme-report.js";
import { applyGenerated, planGenerated, type GeneratedFiles } from "../../src/journal/generated.js";
import { PartlyPlacedError } from "../../src/journal/safe-write.js";
import { entryText, makeTree, runCli, tempDir } from "../helpers.js";

/** A process id no process has now: what a killed build's temporary files are named with. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}
const temp = (dir: string, rel: string, pid: number, age = 0) => {
  const base = path.basename(rel);
  const file = path.join(dir, path.dirname(rel), `.${base}.${pid}.0123abcd.tmp`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "half a page");
  if (age) fs.utimesSync(file, new Date(Date.now() - age), new Date(Date.now() - age));
  return path.relative(dir, file).split(path.sep).join("/");
};
const journal = () =>
  makeTree({
    "nexus.config.json": "{}\n",
    "entries/2026-01-01-a.md": entryText({ title: "A", topic: "Go", date: "2026-01-01", challenge: "c", solution: "s" }),
    "entries/2026-01-02-b.md": entryText({ title: "B", topic: "Rust", date: "2026-01-02", challenge: "c", solution: "s" }),
  });

describe("temporary files an interrupted build left in the pages folder (report #8)", () => {
  it("--check and doctor name them; a build removes them; a write going on (its process alive, under a minute) is left alone", async () => {
    const dir = journal();
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const dead = deadPid();
    const left = [temp(dir, "journal/topics/go.md", dead), temp(dir, "journal/timeline.md", dead), temp(dir, "journal/charts/activity.svg", process.pid, 120_000)];
    const live = temp(dir, "journal/topics.md", process.pid);
    const check = await runCli(["build-readme", "--check"], { cwd: dir });
    expect(check.code).toBe(1);
    for (const rel of left) expect(check.stderr).toContain(`nexus: ${rel}: the temporary file of an interrupted build; should be gone (\`nexus build-readme\` removes it)`);
    expect(check.stderr).not.toContain(live);
    const doctor = await runCli(["doctor", "--strict"], { cwd: dir });
    expect(doctor.code).toBe(1);
    for (const rel of left) expect(doctor.stdout + doctor.stderr).toContain(`${rel}:1: warning: the temporary file of an interrupted build`);
    const build = await runCli(["build-readme"], { cwd: dir });
    expect(build.code).toBe(0);
    for (const rel of left) expect(fs.existsSync(path.join(dir, rel)), rel).toBe(false);
    expect(fs.existsSync(path.join(dir, live))).toBe(true);
    fs.rmSync(path.join(dir, live));
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["doctor", "--strict"], { cwd: dir })).code).toBe(0);
  });

  it("build-site removes those of its own folder, and takes up a first build that was killed before its manifest", async () => {
    const dir = journal();
    const dead = deadPid();
    // Killed during the first build: only temporary files, no manifest yet.
    temp(dir, "site/index.html", dead);
    temp(dir, "site/entries/a.html", dead);
    const first = await runCli(["build-site"], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const again = temp(dir, "site/feed.xml", dead, 120_000);
    const doctor = await runCli(["doctor"], { cwd: dir });
    expect(doctor.stdout + doctor.stderr).toContain(`${again}:1: warning: the temporary file of an interrupted build: \`nexus build-site\` removes it`);
    expect((await runCli(["build-site"], { cwd: dir })).code).toBe(0);
    const walk = (at: string): string[] => fs.readdirSync(at, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(at, e.name)) : [e.name]));
    expect(walk(path.join(dir, "site")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("a write that fails halfway says what it left (report #18)", () => {
  const files = (n: number, failAt = -1): GeneratedFiles =>
    new Map(
      Array.from({ length: n }, (_, i) => [
        `journal/topics/t${i}.md`,
        () => {
          if (i === failAt) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
          return `page ${i}\n`;
        },
      ]),
    );

  it("a first build that fails while writing leaves no page, no manifest and no empty folder", async () => {
    const root = tempDir();
    const pages = files(100, 90);
    const error = await applyGenerated(root, "journal", pages, planGenerated(root, "journal", pages)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ENOSPC" });
    expect(fs.readdirSync(root)).toEqual([]);
    const said = writeFailure(root, error, "pages", "journal/", "README.md") as Error & { hint: string };
    expect(said.message).toBe("no space left on the device (ENOSPC)");
    expect(said.hint).toBe("free some space and run the command again; nothing was changed (not journal/, not README.md)");
  });

  it("a build that fails while updating leaves every page as it was", async () => {
    const root = tempDir();
    const before = files(10);
    await applyGenerated(root, "journal", before, planGenerated(root, "journal", before));
    const snapshot = () => fs.readdirSync(path.join(root, "journal/topics")).map((n) => `${n}=${fs.readFileSync(path.join(root, "journal/topics", n), "utf8")}`);
    const was = snapshot();
    const manifest = fs.readFileSync(path.join(root, "journal/.nexus-manifest.json"), "utf8");
    const after: GeneratedFiles = new Map([...files(30, 25)].map(([rel, make]) => [rel, () => `${make() as string}new\n`]));
    await expect(applyGenerated(root, "journal", after, planGenerated(root, "journal", after))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(snapshot()).toEqual(was);
    expect(fs.readFileSync(path.join(root, "journal/.nexus-manifest.json"), "utf8")).toBe(manifest);
  });

  it("the messages of the other two stops: pages partly in place, and pages done but not README.md", () => {
    const cause = Object.assign(new Error("EISDIR"), { code: "EISDIR", syscall: "rename", path: "/j/journal/topics/t3.md" });
    const partly = writeFailure("/j", new PartlyPlacedError(cause, 3, 97), "pages", "journal/", "README.md") as Error & { hint: string };
    expect(partly.message).toBe("cannot replace journal/topics/t3.md: it is a folder, not a file (EISDIR)");
    expect(partly.hint).toBe("move the folder out of the way; journal/ was left partly updated (3 of 97 files written, each whole) and README.md was not written; running `nexus build-readme` again finishes it");
    const readme = Object.assign(new Error("ENOSPC"), { code: "ENOSPC", syscall: "write", path: "/j/README.md" });
    const last = writeFailure("/j", readme, "readme", "journal/", "README.md") as Error & { hint: string };
    expect(last.hint).toBe("free some space and run the command again; journal/ is up to date, README.md was not written; running `nexus build-readme` again finishes it");
  });

  const root = process.getuid?.() === 0 && spawnSync("mount", ["--version"]).status === 0;
  it.runIf(root)("the report's script: a first build on a full disk (tmpfs) changes nothing, says so, and a build with room finishes", async () => {
    const mount = tempDir();
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1200k", "tmpfs", mount]);
    } catch {
      return; // No tmpfs here (a container without the right): the units above stand for it.
    }
    try {
      const files: Record<string, string> = { "nexus.config.json": "{}\n" };
      for (let i = 1; i <= 90; i += 1) {
        const date = `2026-01-${String(1 + (i % 28)).padStart(2, "0")}`;
        files[`entries/${date}-e${i}.md`] = entryText({ title: `Entry ${i}`, topic: `Topic${i}`, date, challenge: "c", solution: "s" });
      }
      makeTree(files, mount);
      const free = Number(execFileSync("df", ["-k", "--output=avail", mount], { encoding: "utf8" }).split("\n")[1]);
      execFileSync("dd", ["if=/dev/zero", `of=${path.join(mount, "filler")}`, "bs=4k", `count=${Math.floor((free - 300) / 4)}`], { stdio: "ignore" });
      const full = await runCli(["build-readme"], { cwd: mount });
      expect(full.code).toBe(1);
      expect(full.stderr).toContain("nothing was changed (not journal/, not README.md)");
      expect(fs.existsSync(path.join(mount, "journal"))).toBe(false);
      expect(fs.existsSync(path.join(mount, "README.md"))).toBe(false);
      fs.rmSync(path.join(mount, "filler"));
      expect((await runCli(["build-readme"], { cwd: mount })).code).toBe(0);
      expect((await runCli(["build-readme", "--check"], { cwd: mount })).code).toBe(0);
    } finally {
      execFileSync("umount", [mount]);
    }
  });
});
