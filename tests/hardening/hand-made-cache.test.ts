// A cache made by hand with right checksums but values nexus never writes: the
// record is not believed (its file is parsed), and nothing throws.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE } from "../../src/journal/cache.js";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { fixtureJournal } from "../search/fixture.js";
import { forgeCache } from "./forge-cache.js";

const cacheFile = (dir: string) => path.join(dir, CACHE_DIR, CACHE_FILE);
const US = "\x1f";

describe("a hand-made entry cache with right checksums", () => {
  const dir = fixtureJournal({ aged: true });
  const truth = readIndexedJournal(openJournal(dir), { cache: false }).contents.entries.map((e) => ({ ...e }));
  readIndexedJournal(openJournal(dir));
  const pristine = fs.readFileSync(cacheFile(dir));

  /**
   * The cache with the first record's values changed by `change` (its title made FORGED),
   * its index worked out from the lines (or as `changeIndex` changes it after), checksums made right.
   */
  const forge = (change: (values: string[]) => string[], changeIndex?: Parameters<typeof forgeCache>[2]) => {
    fs.writeFileSync(cacheFile(dir), pristine);
    forgeCache(
      cacheFile(dir),
      (lines) => {
        const values = lines[0]!.split(US);
        expect(values[3]).toBe("1");
        values[7] = "FORGED";
        lines[0] = change(values).join(US);
        return lines;
      },
      changeIndex,
    );
  };
  const read = () => {
    const indexed = readIndexedJournal(openJournal(dir));
    return { parsed: indexed.stats.parsed, entries: indexed.contents.entries.map((e) => ({ ...e })) };
  };

  it("believes a record written as nexus writes it (the test can tell)", () => {
    forge((v) => v);
    expect(read().entries.map((e) => e.title)).toContain("FORGED");
  });

  const odd: [string, (v: string[]) => string[]][] = [
    ["a path that is GS and no JSON", (v) => [`\x1dnot json`, ...v.slice(1)]],
    ["a path that is GS and cut JSON", (v) => [`\x1d"${v[0]}`, ...v.slice(1)]],
    ["a path that is GS and JSON of no string", (v) => [`\x1d{"a":1}`, ...v.slice(1)]],
    ["a plain path written as GS and JSON", (v) => [`\x1d${JSON.stringify(v[0])}`, ...v.slice(1)]],
    ["a size with a leading zero", (v) => [v[0]!, `0${v[1]}`, ...v.slice(2)]],
    ["a size with an exponent", (v) => [v[0]!, `${Number(v[1]) / 10}e1`, ...v.slice(2)]],
    ["a size with a space", (v) => [v[0]!, ` ${v[1]}`, ...v.slice(2)]],
    ["a size in hexadecimal", (v) => [v[0]!, `0x${Number(v[1]).toString(16)}`, ...v.slice(2)]],
    ["a change time with a leading zero", (v) => [v[0]!, v[1]!, `0${v[2]}`, ...v.slice(3)]],
    ["a change time with a trailing zero", (v) => [v[0]!, v[1]!, `${v[2]}${v[2]!.includes(".") ? "0" : ".0"}`, ...v.slice(3)]],
    ["a change time with a space", (v) => [v[0]!, v[1]!, `${v[2]} `, ...v.slice(3)]],
    ["a length with a leading zero", (v) => [...v.slice(0, 5), `0${v[5]}`, ...v.slice(6)]],
    ["a date with other separators", (v) => [...v.slice(0, 4), v[4]!.replaceAll("-", "/"), ...v.slice(5)]],
  ];
  for (const [what, change] of odd) {
    it(`does not believe ${what}: the file is parsed`, () => {
      forge(change);
      const { parsed, entries } = read();
      expect(parsed).toBe(1);
      expect(entries).toEqual(truth);
    });
  }

  // The index is believed for what it holds (a forged date sorts the entry), but a line
  // that says otherwise of the same record is not: the entry is taken from its file.
  const oddIndex: [string, Parameters<typeof forgeCache>[2]][] = [
    ["an index whose size is not the line's", (index) => void (index.size[0] = index.size[0]! + 1)],
    ["an index whose date is not the line's", (index) => void (index.dateKey[0] = 20200101)],
    ["an index whose date is no calendar date", (index) => void (index.dateKey[0] = 20205101)],
    ["an index whose length is not the line's", (index) => void (index.length[0] = index.length[0]! + 1)],
    ["an index that says warnings where the line has none", (index) => void (index.kind[0] = 2)],
  ];
  for (const [what, changeIndex] of oddIndex) {
    it(`does not show the line of ${what}: the entry is as its file says`, () => {
      forge((v) => v, changeIndex);
      const { entries } = read();
      expect(entries.map((e) => e.title)).not.toContain("FORGED");
      const withoutDate = (e: (typeof truth)[number]) => ({ ...e, date: "" });
      expect(entries.map(withoutDate)).toEqual(truth.map(withoutDate));
      expect(entries.map((e) => e.date).sort()).toEqual(truth.map((e) => e.date).sort());
    });
  }

  it("does not use an index that is not of its lines (a line start moved)", () => {
    forge(
      (v) => v,
      (index) => void (index.lineStart[1] = index.lineStart[1]! + 1),
    );
    const { parsed, entries } = read();
    expect(parsed).toBe(truth.length);
    expect(entries).toEqual(truth);
  });

  it("with no records, reads every file", () => {
    fs.writeFileSync(cacheFile(dir), pristine);
    forgeCache(cacheFile(dir), () => []);
    const { parsed, entries } = read();
    expect(parsed).toBe(truth.length);
    expect(entries).toEqual(truth);
  });
});
