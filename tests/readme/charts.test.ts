// The README's charts at any span: where the heatmap's weekday labels and cells
// sit, which ticks the growth axis picks, and that no label is cut off or repeated.
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/dates.js";
import { weekday } from "../../src/domain/stats.js";
import type { LoadedEntry } from "../../src/journal/read.js";
import { renderCharts } from "../../src/readme/charts/charts.js";
import { timeTicks } from "../../src/readme/charts/time-ticks.js";
import { buildModel } from "../../src/readme/model.js";
import { checkXml } from "./links-check.js";


function entry(date: string, i: number): LoadedEntry {
  return { title: `E${i}`, topic: "T", date, tags: [], featured: false, challenge: "", solution: "", takeaway: "x", notes: "", body: "", path: `entries/${date}-${i}.md`, file: `/j/entries/${date}-${i}.md` };
}

function charts(dates: string[]): Map<string, string> {
  const model = buildModel(dates.map(entry).reverse(), []);
  const files = renderCharts(model, "journal/charts").files;
  for (const svg of files.values()) checkXml(svg);
  return files;
}

interface Text {
  x: number;
  y: number;
  anchor: string;
  text: string;
}

const texts = (svg: string): Text[] =>
  [...svg.matchAll(/<text(?: class="[^"]*")? x="([\d.-]+)" y="([\d.-]+)"(?: text-anchor="(\w+)")?>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    anchor: m[3] ?? "start",
    text: m[4]!,
  }));

const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);

describe("the activity heatmap", () => {
  it("labels each weekday row with its own day: a Tuesday's cell is in the row after the one labelled Mon", () => {
    // 2026-12-01 is a Tuesday, 2026-11-30 a Monday, 2026-12-04 a Friday.
    expect(weekday("2026-12-01")).toBe(1);
    const svg = charts(["2026-11-30", "2026-12-01", "2026-12-04"]).get("journal/charts/activity.svg")!;
    const cells = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="11" height="11" class="l([1-4])"\/>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }))
      .filter((c) => c.y < 44 + 7 * 14);
    expect(cells).toHaveLength(3);
    const labels = texts(svg).filter((t) => ["Mon", "Wed", "Fri"].includes(t.text));
    expect(labels.map((l) => l.text)).toEqual(["Mon", "Wed", "Fri"]);
    const rowOf = (y: number) => cells.filter((c) => y > c.y && y <= c.y + 11);
    const [mon, wed, fri] = labels;
    // The label's baseline is inside the row of the cell of that day.
    const [monday, tuesday, friday] = [...cells].sort((a, b) => a.y - b.y);
    expect(rowOf(mon!.y)).toEqual([monday]);
    expect(rowOf(fri!.y)).toEqual([friday]);
    expect(rowOf(wed!.y)).toEqual([]);
    expect(tuesday!.y).toBe(monday!.y + 14);
    expect(wed!.y - mon!.y).toBe(28);
  });
});

describe("the growth chart's axis", () => {
  const axis = (svg: string) => texts(svg).filter((t) => /^\d{4}(-\d\d){0,2}$/.test(t.text) && t.y > 200);

  function checkAxis(svg: string) {
    const labels = axis(svg);
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels.map((l) => l.text)).size).toBe(labels.length);
    const w = width(svg);
    for (let i = 0; i < labels.length; i += 1) {
      const l = labels[i]!;
      expect(l.anchor).toBe("middle");
      const half = (l.text.length * 6.5) / 2;
      expect(l.x - half).toBeGreaterThanOrEqual(0);
      expect(l.x + half).toBeLessThanOrEqual(w);
      if (i) expect(l.x - half).toBeGreaterThan(labels[i - 1]!.x + (labels[i - 1]!.text.length * 6.5) / 2);
    }
    return labels.map((l) => l.text);
  }

  it("marks days for a journal of a week, each label once, none cut off", () => {
    const svg = charts(["2026-11-28", "2026-11-30", "2026-12-03", "2026-12-06"]).get("journal/charts/growth.svg")!;
    expect(checkAxis(svg)).toEqual(["2026-11-29", "2026-12-01", "2026-12-03", "2026-12-05"]);
  });

  it("marks months for a journal of half a year, and years for one of decades", () => {
    const months = charts(["2026-06-02", "2026-09-15", "2026-11-20"]).get("journal/charts/growth.svg")!;
    expect(checkAxis(months)).toEqual(["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    const years = charts(["1990-03-01", "2026-12-06"]).get("journal/charts/growth.svg")!;
    expect(checkAxis(years)).toEqual(["2000", "2010", "2020"]);
  });

  it("draws a journal of one day as a point in the middle, not an empty chart", () => {
    const svg = charts(["2026-12-06", "2026-12-06"]).get("journal/charts/growth.svg")!;
    const dot = /<circle class="dot" cx="([\d.]+)" cy="([\d.]+)" r="4"\/>/.exec(svg);
    expect(dot).not.toBeNull();
    const labels = checkAxis(svg);
    expect(labels).toContain("2026-12-06");
    const day = axis(svg).find((l) => l.text === "2026-12-06")!;
    expect(Number(dot![1])).toBeCloseTo(day.x, 0);
    // In the middle of the plot, at the top of the y axis (2 entries).
    expect(Number(dot![1])).toBeGreaterThan(200);
    expect(Number(dot![1])).toBeLessThan(440);
    const two = texts(svg).find((t) => t.text === "2" && t.anchor === "end")!;
    expect(Number(dot![2])).toBeCloseTo(two.y - 4, 0);
  });

  it("places the dot at the last day's total and the area under the line", () => {
    const svg = charts(["2026-01-01", "2026-02-01", "2026-03-01"]).get("journal/charts/growth.svg")!;
    const three = texts(svg).find((t) => t.text === "3" && t.anchor === "end")!;
    const dot = /<circle class="dot" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)!;
    expect(Number(dot[2])).toBeCloseTo(three.y - 4, 0);
    expect(Number(dot[1])).toBeCloseTo(624, 0);
  });
});

describe("timeTicks", () => {
  it("picks the finest unit with at most six marks, for spans from a day to centuries", () => {
    for (const days of [1, 2, 5, 6, 13, 20, 40, 61, 100, 200, 400, 800, 1500, 4000, 10_000, 40_000, 300_000]) {
      const from = "2020-02-29";
      const until = addDays(from, days);
      const ticks = timeTicks(from, until);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
      for (const t of ticks) {
        expect(t.day >= from && t.day <= until).toBe(true);
        expect(t.day.startsWith(t.label)).toBe(true);
      }
    }
  });

  it("puts week marks on Mondays and month marks on the first", () => {
    const weeks = timeTicks("2026-11-01", "2026-12-10");
    expect(weeks.every((t) => weekday(t.day) === 0)).toBe(true);
    expect(timeTicks("2026-01-15", "2026-05-20").map((t) => t.day)).toEqual(["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]);
  });
});

describe("the topics chart", () => {
  const topicsSvg = (topics: Record<string, number>) => {
    const entries: LoadedEntry[] = [];
    for (const [topic, count] of Object.entries(topics)) {
      for (let i = 0; i < count; i++) entries.push({ ...entry("2026-11-20", entries.length), topic });
    }
    const svg = renderCharts(buildModel(entries.reverse(), []), "journal/charts").files.get("journal/charts/topics.svg")!;
    checkXml(svg);
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" class="(bar|rest)"\/>/g)].map((m) => ({ y: Number(m[2]), width: Number(m[3]), cls: m[4]! }));
    return { svg, bars };
  };

  it("draws the other topics apart: after a gap, in another shade, never longer than the longest bar, cut with a mark", () => {
    const many: Record<string, number> = { Django: 4 };
    for (let i = 1; i <= 20; i++) many[`Topic ${String(i).padStart(2, "0")}`] = 1;
    const { svg, bars } = topicsSvg(many);
    expect(bars.map((b) => b.cls)).toEqual([...Array(12).fill("bar"), "rest"]);
    const rest = bars.at(-1)!;
    expect(rest.width).toBeLessThanOrEqual(Math.max(...bars.slice(0, -1).map((b) => b.width)));
    expect(rest.y - bars.at(-2)!.y).toBeGreaterThan(22);
    expect(texts(svg).map((t) => t.text)).toEqual(expect.arrayContaining(["9 other topics", "9"]));
    // The rest (9) is more than Django (4): its bar is cut, with a break mark, and its count says 9.
    expect(svg.match(/class="brk"/g)).toHaveLength(2);
    expect(svg).toMatch(/\.rest\{fill:#[0-9a-f]{6}\}/);
    expect(svg).toMatch(/prefers-color-scheme:dark\).*\.rest\{fill:#[0-9a-f]{6}\}/);
  });

  it("draws no rest bar for twelve topics, and no break mark for a small rest", () => {
    const twelve = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`T${i}`, 2]));
    expect(topicsSvg(twelve).bars.map((b) => b.cls)).toEqual(Array(12).fill("bar"));
    const small = topicsSvg({ ...twelve, Extra: 1 });
    expect(small.bars.at(-1)!.cls).toBe("rest");
    expect(small.svg).not.toContain('class="brk"');
  });
});
