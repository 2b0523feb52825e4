// The records part of the entry cache and its index (cache-file.ts): lines read back as
// written, one by one and, past the first few hundred, all decoded at once; and in any script.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFingerprint, loadCache } from "../../src/journal/cache-file.js";
import { cachePieces } from "../../src/journal/cache-writing.js";
import { encodeRecord, RecordKind } from "../../src/journal/cache-record.js";
import { tempDir } from "../helpers.js";

function written(lines: string[], inos?: number[]): string {
  const file = path.join(tempDir(), "entry-cache");
  const pieces = [...cachePieces({ code: codeFingerprint(), records: lines, inos, vocabulary: [], postings: { terms: 0, fresh: [] } })];
  fs.writeFileSync(file, Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p) : p))));
  return file;
}

const entry = (title: string, date = "2024-02-29") => ({ title, topic: "Topic", tags: ["a", "b"], featured: false, date, length: 7, warnings: [] });

describe("the record index of the entry cache", () => {
  for (const [what, title] of [["ASCII", "Plain title"], ["Chinese, Arabic and emoji", "缓存 مرحبا 🚀 ﬁ"]] as const) {
    it(`reads back ${what} lines as written, one by one and then all at once`, () => {
      const lines = Array.from({ length: 600 }, (_, i) => encodeRecord(`entries/${i}-${title}.md`, 100 + i, 1_700_000_000_000.25 + i, entry(`${title} ${i}`)));
      lines[5] = encodeRecord("entries/broken.md", 3, 4, { problems: [[2, 0, "invalid YAML"]] });
      const cache = loadCache(written(lines));
      expect(cache).toBeDefined();
      const records = cache!.records;
      expect(records.length).toBe(600);
      // Past the first 256, every line is cut from the whole text: both ways give the same.
      for (let round = 0; round < 2; round++) for (let i = 0; i < lines.length; i++) expect(records.line(i)).toBe(lines[i]);
      expect(records.kind(5)).toBe(RecordKind.problems);
      expect(records.kind(6)).toBe(RecordKind.entry);
      expect(records.dateKey(6)).toBe(20240229);
      expect(records.entryLength(6)).toBe(7);
      expect(records.matches(6, "entries", `6-${title}.md`, 106, 1_700_000_000_006.25, 0)).toBe(true);
      expect(records.matches(6, "entries", `6-${title}.md`, 107, 1_700_000_000_006.25, 0)).toBe(false);
      expect(records.matches(6, "entries", `7-${title}.md`, 106, 1_700_000_000_006.25, 0)).toBe(false);
      expect(records.matches(6, "other", `6-${title}.md`, 106, 1_700_000_000_006.25, 0)).toBe(false);
    });
  }

  it("never matches a file whose name with US in it is the start of another file's line", () => {
    // A file named like the start of x.md's line (path, size, change time, date, length, title) up to a US:
    // of the same size and change time (files written in one tick), it must not be taken for x.md's record.
    const line = encodeRecord("entries/x.md", 83, 1_700_000_000_000.5, { ...entry("evil.md"), warnings: [] });
    const name = line.slice("entries/".length, line.indexOf("\x1fTopic"));
    expect(name.endsWith("evil.md")).toBe(true);
    const lines = [line, encodeRecord(`entries/${name}`, 83, 1_700_000_000_000.5, entry("evil.md"))];
    const records = loadCache(written(lines))!.records;
    expect(records.matches(0, "entries", "x.md", 83, 1_700_000_000_000.5, 0)).toBe(true);
    expect(records.matches(0, "entries", name, 83, 1_700_000_000_000.5, 0)).toBe(false);
    expect(records.matches(1, "entries", name, 83, 1_700_000_000_000.5, 0)).toBe(true);
    // The same with US in a folder's name.
    const folder = line.slice(0, line.indexOf("\x1f2024"));
    expect(records.matches(0, folder, "a.md", 83, 1_700_000_000_000.5, 0)).toBe(false);
  });

  it("reads a line with a newline in it (a cache made by hand) the same one by one and all at once", () => {
    const lines = Array.from({ length: 300 }, (_, i) => encodeRecord(`entries/${i}.md`, 100 + i, 1_700_000_000_000 + i, entry(`Title ${i}`)));
    // The index of these lines (worked out from them) starts line 1 after the newline inside line 0.
    lines[0] = `${lines[0]}\n${encodeRecord("entries/1.md", 101, 1_700_000_000_001, entry("Forged"))}`;
    const records = loadCache(written(lines))!.records;
    for (let round = 0; round < 2; round++) for (let i = 0; i < lines.length; i++) expect(records.line(i)).toBe(lines[i]);
  });

  it("matches a record with the file of its inode number only (a folder renamed keeps its files' size and change time)", () => {
    const lines = [encodeRecord("entries/a/x.md", 83, 1_700_000_000_000.5, entry("Apple")), encodeRecord("entries/b/x.md", 83, 1_700_000_000_000.5, entry("Melon"))];
    const records = loadCache(written(lines, [2 ** 40 + 7, 12]))!.records;
    expect(records.matches(0, "entries/a", "x.md", 83, 1_700_000_000_000.5, 2 ** 40 + 7)).toBe(true);
    expect(records.matches(0, "entries/a", "x.md", 83, 1_700_000_000_000.5, 12)).toBe(false);
    expect(records.matches(1, "entries/b", "x.md", 83, 1_700_000_000_000.5, 12)).toBe(true);
  });
});
