// Columns on a terminal: wide characters and emoji take two, marks none, and a cut never
// splits a character a person sees as one; list lines fit the width, titles before tags.
import { describe, expect, it } from "vitest";
import { fitTags, formatEntryLines } from "../../src/commands/list.js";
import type { LoadedEntry } from "../../src/journal/read.js";
import { displayWidth, truncate } from "../../src/ui/io.js";
import { fakeIo } from "../everyday/fake-io.js";

describe("displayWidth and truncate", () => {
  it.each([
    ["abc", 3],
    ["東京タワー", 10],
    ["한국어", 6],
    ["café", 4],
    ["cafe\u0301", 4],
    ["👩‍👩‍👧", 2],
    ["🇯🇵", 2],
    ["👍🏽", 2],
    ["🚀 launch", 9],
    ["✅ done", 7],
    ["❤️", 2],
    ["❤", 1],
    ["a\u200bb", 2],
    ["\u1100\u1161\u11a8", 2],
    ["1\ufe0f\u20e3", 2],
  ])("%j is %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("cuts at whole characters, with an ellipsis, within the width", () => {
    expect(truncate("東京タワーの夜景", 7)).toBe("東京タ…");
    expect(truncate("👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧", 5)).toBe("👩‍👩‍👧👩‍👩‍👧…");
    expect(truncate("🇯🇵🇫🇷🇩🇪", 4)).toBe("🇯🇵…");
    expect(truncate("cafe\u0301 au lait", 5)).toBe("cafe\u0301…");
    for (const text of ["東京タワーの夜景", "👩‍👩‍👧 a family of emoji", "Ünïcödé títlé wïth märks"]) {
      for (let w = 1; w < 20; w++) expect(displayWidth(truncate(text, w))).toBeLessThanOrEqual(w);
    }
  });
});

const entry = (title: string, topic: string, tags: string[]) => ({ title, topic, tags, date: "2026-12-06", path: "entries/x.md" }) as LoadedEntry;

describe("list lines", () => {
  it("fit the width; the title is whole while it fits, the tags that do not are counted", () => {
    const entries = [
      entry("Asynchronous Python: asyncio, Celery and websockets", "Asynchronous Programming", ["asyncio", "celery", "websockets", "concurrency"]),
      entry("東京タワーの夜景を見た 🗼", "日本語", ["旅行", "東京"]),
      entry("A title far too long to fit in eighty columns even with nothing else on the line at all", "X", ["t"]),
    ];
    for (const columns of [80, 110, 60]) {
      const lines = formatEntryLines(fakeIo("/", { columns }).io, entries);
      for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    }
    const [async80, tokyo80, long80] = formatEntryLines(fakeIo("/", { columns: 80 }).io, entries);
    // 80 columns leave 50 for the title and tags: this title needs 51.
    expect(async80).toBe("2026-12-06  Asynchronous Pr…  Asynchronous Python: asyncio, Celery and websocke…");
    expect(tokyo80).toBe("2026-12-06  日本語            東京タワーの夜景を見た 🗼  #旅行 #東京");
    expect(long80).toBe("2026-12-06  X                 A title far too long to fit in eighty columns eve…");
    const [async110] = formatEntryLines(fakeIo("/", { columns: 110 }).io, entries);
    expect(async110).toBe("2026-12-06  Asynchronous Programm…  Asynchronous Python: asyncio, Celery and websockets  #asyncio #celery +2");
  });

  it("fitTags keeps whole tags and counts the rest", () => {
    expect(fitTags(["#a", "#bb", "#ccc"], 20)).toBe("#a #bb #ccc");
    expect(fitTags(["#a", "#bb", "#ccc"], 9)).toBe("#a #bb +1");
    expect(fitTags(["#a", "#bb", "#ccc"], 5)).toBe("#a +2");
    expect(fitTags(["#long-tag"], 3)).toBe("+1");
    expect(fitTags(["#long-tag"], 1)).toBe("");
  });
});
