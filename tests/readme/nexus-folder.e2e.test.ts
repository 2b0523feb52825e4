// build-readme's own files in `.nexus/`: what an interrupted write of the summary
// cache or the check stamp leaves behind is cleaned, and nothing else there.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

describe("build-readme's temporary files in .nexus/", () => {
  it("removes the settled temporary files of its cache writes, and keeps young ones and every other file", async () => {
    const dir = makeTree({
      "nexus.config.json": JSON.stringify({ entries: "entries" }),
      "entries/2026-01-10-a.md": entryText({ title: "A", topic: "Python", date: "2026-01-10", challenge: "C.", solution: "S." }),
    });
    // Settled entries: the build writes its summary cache and its stamp.
    const minuteAgo = new Date(Date.now() - 60_000);
    for (const name of ["nexus.config.json", "entries/2026-01-10-a.md"]) fs.utimesSync(path.join(dir, name), minuteAgo, minuteAgo);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    const nexus = path.join(dir, ".nexus");
    expect(fs.readdirSync(nexus)).toEqual(expect.arrayContaining(["readme-summaries", "readme-stamp"]));
    const stale = [".readme-summaries.4242.deadbeef.tmp", ".readme-stamp.17.0badf00d.tmp", ".entry-cache.99.cafebabe.tmp"];
    const kept = [
      // Young: a write may be going on.
      ".readme-stamp.18.0badf00d.tmp",
      // Not names nexus gives its temporary files.
      ".readme-stamp.x.1.deadbeef.tmp",
      ".readme-summaries.4242.deadbeef.tmp.bak",
      ".readme-summaries.4242.DEADBEEF.tmp",
      ".readme-other.1.deadbeef.tmp",
      "readme-stamp.1.deadbeef.tmp",
      "notes.txt",
    ];
    for (const name of [...stale, ...kept]) fs.writeFileSync(path.join(nexus, name), "half a write");
    // A folder and a link with a temporary file's name are not files to remove.
    fs.mkdirSync(path.join(nexus, ".readme-stamp.3.deadbeef.tmp"));
    const outside = path.join(makeTree({ "keep.txt": "x" }), "keep.txt");
    fs.symlinkSync(outside, path.join(nexus, ".readme-summaries.5.deadbeef.tmp"));
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const name of [...stale, ...kept.slice(1)]) fs.utimesSync(path.join(nexus, name), hourAgo, hourAgo);
    fs.lutimesSync(path.join(nexus, ".readme-summaries.5.deadbeef.tmp"), hourAgo, hourAgo);

    // --stdout writes nothing, not even that; a build with nothing to write, answered from the stamp, cleans them.
    expect((await runCli(["build-readme", "--stdout"], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(nexus)).toEqual(expect.arrayContaining(stale));
    const result = await runCli(["build-readme"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const names = fs.readdirSync(nexus);
    for (const name of stale.slice(0, 2)) expect(names, name).not.toContain(name);
    for (const name of kept) expect(names, name).toContain(name);
    expect(names).toContain(".readme-stamp.3.deadbeef.tmp");
    expect(fs.lstatSync(path.join(nexus, ".readme-summaries.5.deadbeef.tmp")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(outside, "utf8")).toBe("x");
  });
});

describe("build-readme's caches after two folders swap names", () => {
  it("answer as the files do: the summaries and the stamp key on the inode number too", async () => {
    // Two entries of the same size whose times are set back one after the other: on most
    // systems they get the same change time (the test is meant for those).
    const text = (word: string, topic: string) => entryText({ title: `About ${word}`, topic, date: "2024-01-01", challenge: `All about ${word} here.`, solution: `${word} solved.` });
    const dir = makeTree({ "nexus.config.json": JSON.stringify({ entries: "entries" }), "entries/a/x.md": text("apple", "Pears"), "entries/b/x.md": text("melon", "Limes") });
    const file = (rel: string) => path.join(dir, "entries", rel);
    const old = new Date(Date.now() - 86_400_000);
    fs.utimesSync(path.join(dir, "nexus.config.json"), old, old);
    fs.utimesSync(file("a/x.md"), old, old);
    fs.utimesSync(file("b/x.md"), old, old);
    expect((await runCli(["build-readme"], { cwd: dir })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, ".nexus"))).toEqual(expect.arrayContaining(["readme-summaries", "readme-stamp"]));
    fs.renameSync(file("a"), file("c"));
    fs.renameSync(file("b"), file("a"));
    fs.renameSync(file("c"), file("b"));
    // The README names each entry's file: it is no longer the one written.
    expect((await runCli(["build-readme", "--check"], { cwd: dir })).code).toBe(1);
    const cached = await runCli(["build-readme", "--stdout"], { cwd: dir });
    fs.rmSync(path.join(dir, ".nexus"), { recursive: true });
    const fresh = await runCli(["build-readme", "--stdout"], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(cached.stdout).toBe(fresh.stdout);
  });
});
