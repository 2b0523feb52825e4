// A cache made by hand with right checksums but values nexus never writes: the
// record is not believed (its file is parsed), and nothing throws.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { CACHE_DIR, CACHE_FILE, readIndexedJournal } from "../../src/journal/cache.js";
import { openJournal } from "../../src/journal/root.js";
import { fixtureJournal } from "../search/fixture.js";

const cacheFile = (dir: string) => path.join(dir, CACHE_DIR, CACHE_FILE);
const US = "\x1f";

describe("a hand-made entry cache with right checksums", () => {
  const dir = fixtureJournal({ aged: true });
  const truth = readIndexedJournal(openJournal(dir), { cache: false }).contents.entries.map((e) => ({ ...e }));
  readIndexedJournal(openJournal(dir));
  const pristine = fs.readFileSync(cacheFile(dir), "utf8");

  /** The cache with the first record's values changed by `change` (its title made FORGED), checksums made right. */
  const forge = (change: (values: string[]) => string[]) => {
    const trailer = JSON.parse(pristine.slice(pristine.lastIndexOf("\n") + 1)) as { recordBytes: number; recordCrc: number };
    const end = trailer.recordBytes;
    const lines = pristine.slice(0, end).split("\n");
    const values = lines[0]!.split(US);
    expect(values[3]).toBe("1");
    values[7] = "FORGED";
    lines[0] = change(values).join(US);
    const recordText = Buffer.from(lines.join("\n"));
    const fixed = { ...trailer, recordBytes: recordText.length, recordCrc: zlib.crc32(recordText) >>> 0 };
    fs.writeFileSync(cacheFile(dir), `${lines.join("\n")}${pristine.slice(end, pristine.lastIndexOf("\n") + 1)}${JSON.stringify(fixed)}`);
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

  it("with no records, reads every file", () => {
    const trailer = JSON.parse(pristine.slice(pristine.lastIndexOf("\n") + 1)) as { records: number; recordBytes: number; recordCrc: number };
    const fixed = { ...trailer, records: 0, recordBytes: 0, recordCrc: 0 };
    fs.writeFileSync(cacheFile(dir), `\n${pristine.slice(trailer.recordBytes + 1, pristine.lastIndexOf("\n") + 1)}${JSON.stringify(fixed)}`);
    const { parsed, entries } = read();
    expect(parsed).toBe(truth.length);
    expect(entries).toEqual(truth);
  });
});
