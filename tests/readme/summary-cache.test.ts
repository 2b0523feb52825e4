// build-readme's summary cache (.nexus/readme-summaries): an entry whose file is
// unchanged is not read again, a changed one always is, and a damaged or foreign
// cache file is never used.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import type { LoadedEntry } from "../../src/journal/read.js";
import { decodeSummaryCache, encodeSummaryCache, summarizeCached, type EntryIdentity, type SummaryCache } from "../../src/readme/summary-cache.js";
import { ownFields, summarizeWith, type BodyReader, type Summaries } from "../../src/readme/summary.js";
import { entryText, makeTree, runCli } from "../helpers.js";

/** The file the pieces make (each piece copied before the next is made: the encoder reuses its buffer). */
const bytesOf = (pieces: Iterable<Uint8Array>) => Buffer.concat([...(function* () {
  for (const piece of pieces) yield Buffer.from(piece);
})()]);

const CODE = "code-1";
const FIELDS = ["challenge", "solution", "takeaway"] as const;

function entry(i: number, fields: Partial<Record<(typeof FIELDS)[number], string>> = {}): LoadedEntry {
  return {
    title: `T${i}`, topic: "X", date: "2026-01-01", tags: [], featured: false,
    challenge: fields.challenge ?? `Challenge ${i} with **bold**, \`code\` and 数据库 🚀.`,
    solution: fields.solution ?? (i % 3 ? `Solution ${i}.\n\nSecond paragraph.` : ""),
    takeaway: fields.takeaway ?? `${"word ".repeat(80)}${i}`,
    notes: "", body: "", path: `entries/e${i}.md`, file: `/nowhere/e${i}.md`,
  };
}

/** A journal of entries and their identities, with a reader that counts what it reads. */
function journal(n: number) {
  const entries = Array.from({ length: n }, (_, i) => entry(i));
  const ids = new Map<LoadedEntry, EntryIdentity>(entries.map((e, i) => [e, { path: e.path, size: 100 + i, changedMs: 1_700_000_000_000 + i + 0.25, mtimeMs: 1_700_000_000_000 + i, ino: 5000 + i }]));
  const read: LoadedEntry[] = [];
  const reader: BodyReader = (list, each) => {
    for (const e of list) read.push(e);
    ownFields(list, each);
  };
  const run = (cache: SummaryCache | undefined, settledBefore = 2_000_000_000_000) => {
    read.length = 0;
    return summarizeCached(entries, { cache, identityOf: (e) => ids.get(e), read: reader, settledBefore, code: CODE });
  };
  return { entries, ids, read, run };
}

const shorts = (summaries: Summaries, entries: LoadedEntry[]) => entries.map((e) => FIELDS.map((f) => [summaries.has(e, f), summaries.short(e, f)]));

describe("summary cache", () => {
  it("is reused for unchanged entries: the second build reads no entry and gives the same summaries", () => {
    const j = journal(50);
    const first = j.run(undefined);
    expect(j.read).toHaveLength(50);
    const file = bytesOf(first.write!());
    const cache = decodeSummaryCache(file, CODE)!;
    expect(cache.records).toBe(50);
    const second = j.run(cache);
    expect(j.read).toHaveLength(0);
    expect(second.reused).toBe(50);
    expect(second.write).toBeUndefined();
    const plain = summarizeWith(ownFields)(j.entries);
    expect(shorts(second.summaries, j.entries)).toEqual(shorts(plain, j.entries));
    expect(shorts(first.summaries, j.entries)).toEqual(shorts(plain, j.entries));
    // The blank solutions are known as blank, not as empty text only.
    expect(second.summaries.has(j.entries[0]!, "solution")).toBe(false);
    expect(second.summaries.has(j.entries[1]!, "solution")).toBe(true);
  });

  it("reads an entry again when its size or change time differs, and records it anew", () => {
    const j = journal(10);
    const cache = decodeSummaryCache(bytesOf(j.run(undefined).write!()), CODE)!;
    const changed = j.entries[3]!;
    changed.challenge = "A new challenge.";
    j.ids.set(changed, { ...j.ids.get(changed)!, changedMs: j.ids.get(changed)!.changedMs + 1 });
    const other = j.entries[7]!;
    other.takeaway = "Same size, other time";
    j.ids.set(other, { ...j.ids.get(other)!, size: j.ids.get(other)!.size + 1 });
    const result = j.run(cache);
    expect(j.read).toEqual([changed, other]);
    expect(result.summaries.short(changed, "challenge")).toBe("A new challenge.");
    expect(result.summaries.short(other, "takeaway")).toBe("Same size, other time");
    const next = decodeSummaryCache(bytesOf(result.write!()), CODE)!;
    j.run(next);
    expect(j.read).toEqual([]);
  });

  it("does not record an entry modified just before the build, and drops entries that are gone", () => {
    const j = journal(5);
    const racy = j.entries[2]!;
    const settledBefore = j.ids.get(racy)!.mtimeMs - 0.5;
    const first = j.run(undefined, settledBefore);
    const cache = decodeSummaryCache(bytesOf(first.write!()), CODE)!;
    expect(cache.records).toBe(2);
    j.run(cache, settledBefore);
    expect(j.read.map((e) => e.path)).toEqual(["entries/e2.md", "entries/e3.md", "entries/e4.md"]);
    // Fewer entries than records: the file is rewritten without the ones gone.
    const all = decodeSummaryCache(bytesOf(j.run(undefined).write!()), CODE)!;
    j.entries.splice(1, 1);
    const fewer = j.run(all);
    expect(j.read).toEqual([]);
    expect(decodeSummaryCache(bytesOf(fewer.write!()), CODE)!.records).toBe(4);
  });

  it("ignores a damaged, cut, foreign or other-build cache file", () => {
    const j = journal(20);
    const file = bytesOf(j.run(undefined).write!());
    expect(decodeSummaryCache(file, CODE)).toBeDefined();
    expect(decodeSummaryCache(file, "other build")).toBeUndefined();
    for (let at = 0; at < file.length; at += Math.max(1, Math.floor(file.length / 97))) {
      const flipped = Buffer.from(file);
      flipped[at] = flipped[at]! ^ 0x5a;
      expect(decodeSummaryCache(flipped, CODE), `byte ${at} flipped`).toBeUndefined();
    }
    for (const cut of [0, 1, 10, file.indexOf(0x0a), file.indexOf(0x0a) + 1, file.length - 1]) expect(decodeSummaryCache(file.subarray(0, cut), CODE)).toBeUndefined();
    expect(decodeSummaryCache(Buffer.concat([file, Buffer.from("x")]), CODE)).toBeUndefined();
    expect(decodeSummaryCache(Buffer.from('{"format":"nexus-entry-cache"}\n'), CODE)).toBeUndefined();
    expect(decodeSummaryCache(Buffer.from("\u0000\u0001 not a cache"), CODE)).toBeUndefined();
  });

  it("ignores a cache made by hand with right checksums but text the build never makes", () => {
    const forged = (text: string, lengths?: string) => {
      const numbers = [5, 7, 9, 1, ...(lengths ?? `${Buffer.byteLength(text)} 0 0`).split(" ").map(Number)];
      const index = Buffer.from(`${JSON.stringify([["entries/a.md"], numbers])}\n`);
      const bytes = Buffer.from(text);
      const header = { format: "nexus-readme-summaries", version: 3, code: CODE, records: 1, indexBytes: index.length, indexCrc: zlib.crc32(index) >>> 0, textBytes: bytes.length, textCrc: zlib.crc32(bytes) >>> 0 };
      return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), index, bytes]);
    };
    const id = { path: "entries/a.md", size: 5, changedMs: 7, mtimeMs: 7, ino: 9 };
    expect(decodeSummaryCache(forged("fine · text"), CODE)!.find(id)).toBeDefined();
    for (const bad of ["new\nline", "tab\there", "esc\u001b[31m", "c1 \u0085", "bidi \u202e", "del \u007f"]) expect(decodeSummaryCache(forged(bad), CODE), JSON.stringify(bad)).toBeUndefined();
    // Anywhere in a longer text (it is looked at four bytes at a time): at each position, so at each place in a group of four.
    const long = "printable text · é 数 ".repeat(2);
    expect(decodeSummaryCache(forged(long), CODE)).toBeDefined();
    for (const bad of ["\u0000", "\u001f", "\u007f", "\u0080", "\u009f", "\u202a", "\u202e", "\u2066", "\u2069"]) {
      for (let at = 0; at <= long.length; at += 1) expect(decodeSummaryCache(forged(long.slice(0, at) + bad + long.slice(at)), CODE), `${JSON.stringify(bad)} at ${at}`).toBeUndefined();
    }
    // Lengths that do not add up, text for a section marked blank, a cut inside a character.
    expect(decodeSummaryCache(forged("abc", "2 0 0"), CODE)).toBeUndefined();
    expect(decodeSummaryCache(forged("abc", "1 2 0"), CODE)).toBeUndefined();
    expect(decodeSummaryCache(forged("é", "1 0 0"), CODE)).toBeUndefined();
    expect(decodeSummaryCache(forged("abc", "3 0 0"), CODE)!.find({ ...id, size: 6 })).toBeUndefined();
    expect(decodeSummaryCache(forged("abc", "3 0 0"), CODE)!.find({ ...id, changedMs: 8 })).toBeUndefined();
  });

  it("ignores an index of another shape, with right checksums", () => {
    const forged = (index: unknown, text = "abc") => {
      const indexBytes = Buffer.from(`${JSON.stringify(index)}\n`);
      const bytes = Buffer.from(text);
      const header = { format: "nexus-readme-summaries", version: 3, code: CODE, records: 1, indexBytes: indexBytes.length, indexCrc: zlib.crc32(indexBytes) >>> 0, textBytes: bytes.length, textCrc: zlib.crc32(bytes) >>> 0 };
      return decodeSummaryCache(Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), indexBytes, bytes]), CODE);
    };
    expect(forged([["entries/a.md"], [5, 7.5, 9, 1, 3, 0, 0]])!.find({ path: "entries/a.md", size: 5, changedMs: 7.5, mtimeMs: 7, ino: 9 })).toBeDefined();
    // Another file at the same path, of the same size and change time (a folder renamed): no record.
    expect(forged([["entries/a.md"], [5, 7.5, 9, 1, 3, 0, 0]])!.find({ path: "entries/a.md", size: 5, changedMs: 7.5, mtimeMs: 7, ino: 10 })).toBeUndefined();
    const bad: unknown[] = [
      [["entries/a.md"], [5, 7, 9, 8, 3, 0, 0]],
      [["entries/a.md"], [5, 7, 9, 1.5, 3, 0, 0]],
      [["entries/a.md"], [5, -7, 9, 1, 3, 0, 0]],
      [["entries/a.md"], [-5, 7, 9, 1, 3, 0, 0]],
      [["entries/a.md"], [5, 7, -9, 1, 3, 0, 0]],
      [["entries/a.md"], [5, "7", 9, 1, 3, 0, 0]],
      [["entries/a.md"], [5, 7, 9, 1, 3, 0]],
      [["entries/a.md", "entries/b.md"], [5, 7, 9, 1, 3, 0, 0]],
      [[1], [5, 7, 9, 1, 3, 0, 0]],
      [["entries/a.md"], [5, 7, 9, 1, 3, 0, 0], []],
      { paths: ["entries/a.md"] },
    ];
    for (const index of bad) expect(forged(index), JSON.stringify(index)).toBeUndefined();
  });

  it("keeps any file name", () => {
    const names = ["entries/a b.md", 'entries/"q".md', "entries/数据库 🚀.md", "entries/new\nline.md", "entries/back\\slash.md", "entries/9 9 9 9.md"];
    const entries = names.map((_, i) => entry(i));
    const summaries = summarizeWith(ownFields)(entries);
    const identity = (i: number) => ({ path: names[i]!, size: i, changedMs: i + 0.5, mtimeMs: i, ino: 100 + i });
    const cache = decodeSummaryCache(bytesOf(encodeSummaryCache(CODE, entries.map((e, i) => ({ identity: identity(i), summary: summaries.bytes(e)! })))), CODE)!;
    names.forEach((name, i) => {
      const found = cache.find(identity(i))!;
      expect(found, name).toBeDefined();
      expect(found.bytes.toString("utf8", found.start, found.ends[0])).toBe(summaries.short(entries[i]!, "challenge"));
    });
  });
});

describe("build-readme with the summary cache", () => {
  it("gives the same README and pages with the cache, without it, damaged, and after an entry changed", async () => {
    const files: Record<string, string> = { "nexus.config.json": '{\n  "entries": "entries"\n}\n' };
    for (let i = 0; i < 30; i += 1) {
      files[`entries/2025-0${1 + (i % 9)}-1${i % 10}-e${i}.md`] = entryText({ title: `Entry ${i}`, topic: `Topic ${i % 4}`, date: `2025-0${1 + (i % 9)}-1${i % 10}`, challenge: `Problem ${i} é`, solution: `Fix ${i}`, takeaway: i % 2 ? `Lesson ${i}` : undefined });
    }
    const dir = makeTree(files);
    // Settled files: the cache records only entries not modified in the last seconds.
    const old = new Date(Date.now() - 60_000);
    for (const name of Object.keys(files)) fs.utimesSync(path.join(dir, name), old, old);
    const cacheFile = path.join(dir, ".nexus", "readme-summaries");
    const snapshot = () => {
      const out: Record<string, string> = { "README.md": fs.readFileSync(path.join(dir, "README.md"), "utf8") };
      for (const f of fs.readdirSync(path.join(dir, "journal"), { recursive: true }).map(String)) {
        const full = path.join(dir, "journal", f);
        if (fs.statSync(full).isFile()) out[f] = fs.readFileSync(full, "utf8");
      }
      return out;
    };
    const build = async () => {
      fs.rmSync(path.join(dir, "journal"), { recursive: true, force: true });
      fs.rmSync(path.join(dir, "README.md"), { force: true });
      const result = await runCli(["build-readme"], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      return snapshot();
    };
    const fresh = await build();
    expect(fs.existsSync(cacheFile)).toBe(true);
    const written = fs.readFileSync(cacheFile);
    expect(await build()).toEqual(fresh);
    // Damaged: ignored, the build is the same, and the file is written whole again.
    const damaged = Buffer.from(written);
    damaged[damaged.length >> 1] = damaged[damaged.length >> 1]! ^ 0x20;
    fs.writeFileSync(cacheFile, damaged);
    expect(await build()).toEqual(fresh);
    expect(fs.readFileSync(cacheFile).equals(written)).toBe(true);
    fs.writeFileSync(cacheFile, "not a cache");
    expect(await build()).toEqual(fresh);
    expect(fs.readFileSync(cacheFile).equals(written)).toBe(true);
    // An entry edited (same size): its new text is in the pages.
    const edited = Object.keys(files).find((f) => f.endsWith("-e7.md"))!;
    fs.writeFileSync(path.join(dir, edited), files[edited]!.replace("Problem 7 é", "Puzzles 7 é"));
    const after = await build();
    expect(JSON.stringify(after)).toContain("Puzzles 7 é");
    expect(JSON.stringify(after)).not.toContain("Problem 7 é");
    fs.rmSync(path.join(dir, ".nexus"), { recursive: true });
    expect(await build()).toEqual(after);
  });
});
