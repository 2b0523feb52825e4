// The README's charts, as SVG files beside the pages: a year of activity as a
// calendar heatmap, entries per topic, and the journal's growth. Deterministic:
// dates are calendar strings and UTC, the end is the latest entry's date (or a
// date the config or a flag sets), never today. d3-scale gives scales and ticks.

import { scaleLinear, scaleQuantize, scaleUtc } from "d3-scale";
import { addDays, toUtcMs } from "../../domain/dates.js";
import { entriesPerDay, heatmapOf, HEATMAP_WEEKS } from "../../domain/stats.js";
import { escapeInline } from "../escape.js";
import type { ReadmeModel } from "../model.js";
import { compareNames } from "../model.js";
import { line, n, rect, svgDocument, textAt } from "./svg.js";
import { timeTicks } from "./time-ticks.js";

export interface ChartImage {
  /** Relative to the journal root. */
  path: string;
  /** Text alternative, as markdown image text (escaped). */
  alt: string;
}

export interface Charts {
  files: Map<string, string>;
  images: ChartImage[];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const CELL = 11;
const STEP = 14;
const TOPIC_BARS = 12;
const GROWTH_POINTS = 400;

function heatmap(perDay: Map<string, number>, until: string): { svg: string; alt: string } {
  const { weeks, start, end } = heatmapOf(perDay, until);
  const counts = weeks.flat().filter((c): c is number => c !== null);
  const max = Math.max(0, ...counts);
  const level = scaleQuantize<number>().domain([1, Math.max(2, max)]).range([1, 2, 3, 4]);
  const left = 34;
  const top = 44;
  const body: string[] = [];
  let lastMonth = "";
  weeks.forEach((week, w) => {
    const monday = addDays(start, w * 7);
    const month = monday.slice(5, 7);
    if (month !== lastMonth && w < HEATMAP_WEEKS - 2) body.push(textAt(left + w * STEP, top - 6, MONTHS[Number(month) - 1]!));
    lastMonth = month;
    week.forEach((count, d) => {
      if (count === null) return;
      body.push(rect(left + w * STEP, top + d * STEP, CELL, CELL, `l${count ? level(count) : 0}`));
    });
  });
  // Row 0 is Monday (domain/stats.ts): each label's baseline sits in its own row.
  ["Mon", "Wed", "Fri"].forEach((day, i) => body.push(textAt(4, top + i * 2 * STEP + CELL - 2, day)));
  const days = counts.filter((c) => c > 0).length;
  const total = counts.reduce((a, b) => a + b, 0);
  const legendY = top + 7 * STEP + 10;
  body.push(textAt(left, legendY + 9, `${total} ${total === 1 ? "entry" : "entries"} on ${days} ${days === 1 ? "day" : "days"}, ${start} to ${end}`));
  const legendX = left + HEATMAP_WEEKS * STEP - 5 * STEP - 60;
  body.push(textAt(legendX - 4, legendY + 9, "Less", "end"));
  for (let l = 0; l <= 4; l += 1) body.push(rect(legendX + l * STEP, legendY, CELL, CELL, `l${l}`));
  body.push(textAt(legendX + 5 * STEP + 2, legendY + 9, "More"));
  const title = `Activity: entries per day in the year to ${end}`;
  const alt = `${title}: ${total} ${total === 1 ? "entry" : "entries"} on ${days} ${days === 1 ? "day" : "days"}, at most ${max} a day`;
  return { svg: svgDocument(left + HEATMAP_WEEKS * STEP + 10, legendY + 22, title, body), alt };
}

function topicBars(model: ReadmeModel): { svg: string; alt: string } {
  const topics = model.groups
    .flatMap((g) => g.topics)
    .map((t) => ({ name: t.name, count: t.entries.length }))
    .sort((a, b) => b.count - a.count || compareNames(a.name, b.name));
  const shown = topics.slice(0, TOPIC_BARS);
  const others = topics.slice(TOPIC_BARS);
  const rest = others.length ? { name: `${others.length} other ${others.length === 1 ? "topic" : "topics"}`, count: others.reduce((a, t) => a + t.count, 0) } : undefined;
  // Cut by code points, so an emoji is never split into half a surrogate pair.
  const label = (name: string) => {
    const chars = [...name];
    return chars.length > 26 ? `${chars.slice(0, 25).join("")}…` : name;
  };
  const left = 180;
  const width = 640;
  const top = 34;
  const row = 22;
  // The scale is the named topics' alone: the rest, many topics summed, would dwarf them.
  const x = scaleLinear().domain([0, Math.max(1, ...shown.map((t) => t.count))]).nice().range([left, width - 40]);
  const body: string[] = [];
  const gap = rest ? 12 : 0;
  const bottom = top + shown.length * row + (rest ? gap + row : 0);
  // Counts are whole numbers: so are the ticks (no 0.5 entries on a small journal).
  for (const tick of x.ticks(5).filter(Number.isInteger)) {
    body.push(line(x(tick), top - 4, x(tick), bottom, "grid"));
    body.push(textAt(x(tick), bottom + 14, String(tick), "middle"));
  }
  const bar = (t: { name: string; count: number }, y: number, cls: string) => {
    const end = Math.min(x(t.count), x.range()[1]!);
    body.push(textAt(left - 8, y + 14, label(t.name), "end"));
    body.push(rect(left, y + 3, Math.max(1, end - left), row - 8, cls));
    body.push(textAt(end + 4, y + 14, String(t.count)));
    return end;
  };
  shown.forEach((t, i) => bar(t, top + i * row, "bar"));
  if (rest) {
    // Apart: below a gap and a rule, in another shade, and cut (with a break mark) at the scale's end.
    const y = top + shown.length * row + gap;
    body.push(line(left - 170, y - gap / 2, width - 8, y - gap / 2, "grid"));
    const end = bar(rest, y, "rest");
    if (x(rest.count) > end) body.push(line(end - 14, y + row - 3, end - 8, y + 1, "brk"), line(end - 9, y + row - 3, end - 3, y + 1, "brk"));
  }
  const title = "Entries per topic";
  const all = rest ? [...shown, rest] : shown;
  const alt = `${title}: ${all.map((t) => `${escapeInline(t.name)} ${t.count}`).join(", ") || "none yet"}`;
  return { svg: svgDocument(width, bottom + 24, title, body), alt };
}

/** Width of a chart label in pixels, at most (11px system sans-serif: a digit is about 6.1px wide). */
const labelWidth = (text: string) => [...text].length * 6.5;

/** The x of a middle-anchored label at `x`, moved in so that none of it is cut off at either edge. */
const inside = (x: number, text: string, width: number) => Math.min(Math.max(x, labelWidth(text) / 2 + 2), width - 2 - labelWidth(text) / 2);

function growthPoints(perDay: Map<string, number>, until: string): { points: { day: string; total: number }[]; total: number } {
  let points: { day: string; total: number }[] = [];
  let total = 0;
  // The days come oldest first (the model's entries are): sorted only when they are not.
  const days = [...perDay.keys()].filter((d) => d <= until);
  if (days.some((d, i) => i > 0 && days[i - 1]! > d)) days.sort();
  for (const day of days) {
    total += perDay.get(day)!;
    points.push({ day, total });
  }
  // A few hundred points draw the same curve as thousands.
  if (points.length > GROWTH_POINTS) {
    const stride = Math.ceil(points.length / GROWTH_POINTS);
    points = points.filter((_, i) => i % stride === 0 || i === points.length - 1);
  }
  return { points, total };
}

function growth(perDay: Map<string, number>, until: string): { svg: string; alt: string } {
  const { points, total } = growthPoints(perDay, until);
  const first = points[0]?.day ?? addDays(until, -30);
  // A journal of one day is a point in the middle of a week, not a line at the edge.
  // (At 9999-12-31 it is at the end: there are no days after it.)
  const [from, to] = first === until ? (until >= "9999-12-30" ? [addDays(until, -4), until] : [addDays(until, -2), addDays(until, 2)]) : [first, until];
  const width = 640;
  const height = 240;
  const left = 48;
  const top = 34;
  const bottom = height - 28;
  const x = scaleUtc().domain([new Date(toUtcMs(from)), new Date(toUtcMs(to))]).range([left, width - 16]);
  const xOf = (day: string) => x(new Date(toUtcMs(day)));
  const y = scaleLinear().domain([0, Math.max(1, total)]).nice().range([bottom, top]);
  const body: string[] = [];
  for (const tick of y.ticks(4).filter(Number.isInteger)) {
    body.push(line(left, y(tick), width - 16, y(tick), "grid"));
    body.push(textAt(left - 6, y(tick) + 4, String(tick), "end"));
  }
  for (const tick of timeTicks(from, to)) {
    body.push(line(xOf(tick.day), bottom, xOf(tick.day), bottom + 4, "grid"));
    body.push(textAt(inside(xOf(tick.day), tick.label, width), bottom + 16, tick.label, "middle"));
  }
  const at = (p: { day: string; total: number }) => `${n(xOf(p.day))},${n(y(p.total))}`;
  // A step line: the total holds until the next day with entries, and up to the end.
  const steps: string[] = [];
  let previous = 0;
  for (const p of points) {
    steps.push(at({ day: p.day, total: previous }), at(p));
    previous = p.total;
  }
  steps.push(at({ day: until, total: previous }));
  if (points.length) {
    body.push(`<polygon class="area" points="${[`${n(xOf(points[0]!.day))},${n(bottom)}`, ...steps, `${n(xOf(until))},${n(bottom)}`].join(" ")}"/>`);
    body.push(`<polyline class="line" points="${steps.join(" ")}"/>`);
    body.push(`<circle class="dot" cx="${n(xOf(points.at(-1)!.day))}" cy="${n(y(total))}" r="4"/>`);
  }
  const title = `Growth: entries in total, to ${until}`;
  const alt = points.length ? `${title}: from ${points[0]!.total} on ${first} to ${total} on ${points.at(-1)!.day}` : `${title}: none yet`;
  return { svg: svgDocument(width, height, title, body), alt };
}

/** The three charts in `folder` (relative to the journal root), ending at `until` or the latest entry. */
export function renderCharts(model: ReadmeModel, folder: string, until?: string): Charts {
  const files = new Map<string, string>();
  const images: ChartImage[] = [];
  if (!model.entries.length) return { files, images };
  const end = until ?? model.entries.at(-1)!.date;
  const add = (name: string, chart: { svg: string; alt: string }) => {
    const path = `${folder}/${name}`;
    files.set(path, chart.svg);
    images.push({ path, alt: chart.alt });
  };
  // Entries per day, for the heatmap and the growth alike.
  const perDay = entriesPerDay(model.entries);
  add("activity.svg", heatmap(perDay, end));
  add("topics.svg", topicBars(model));
  add("growth.svg", growth(perDay, end));
  return { files, images };
}
