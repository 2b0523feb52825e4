// Properties that must hold for any entry text: the README keeps its structure,
// and the diff describes exactly the change.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findHeadings } from "../../src/readme/anchors.js";
import { unifiedDiff } from "../../src/readme/diff.js";
import { parseMarkers, replaceBlocks } from "../../src/readme/markers.js";
import { renderReadme } from "../../src/readme/render.js";
import type { LoadedEntry } from "../../src/journal/read.js";

// Strings rich in markdown and HTML syntax, control characters and line ends.
const PIECES = ["<", ">", "<!--", "-->", "<!-- nexus:end topics -->", "<!-- nexus:begin x -->", "#", "## ", "\n", "\r\n", "```", "~~~", "`", "|", "*", "_", "[", "]", "(", ")", "\\", "===", "---", "    ", "\u001b", "\u0000", "\u202e", "a", "b", " ", "$", "&", "{{toc}}"];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((parts) => parts.join(""));
const line = text.map((t) => t.replace(/[\r\n]/g, " ").trim() || "x");

const entry = fc.record({ title: line, topic: line, tags: fc.array(line, { maxLength: 3 }), challenge: text, solution: text, takeaway: text, day: fc.integer({ min: 1, max: 28 }) });

function loaded(e: { title: string; topic: string; tags: string[]; challenge: string; solution: string; takeaway: string; day: number }, i: number): LoadedEntry {
  const date = `2026-01-${String(e.day).padStart(2, "0")}`;
  return { ...e, date, featured: false, notes: "", body: "", path: `entries/${date}-e${i}.md`, file: `/j/entries/${date}-e${i}.md` };
}

const TEMPLATE = "# J\n\n{{toc}}\n\n## Topics\n\n{{topics}}\n\n## Challenges\n\n{{challenges}}\n\n## Takeaways\n\n{{takeaways}}\n\n## Figures\n\n{{stats}}\n\n## End\n";
const config = { entries: "entries", groups: [{ title: "G <b>", topics: ["x"] }], readme: {} };

describe("any entry text", () => {
  it("leaves the README's markers and outline intact, and a rebuild changes nothing", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (raw) => {
        const entries = raw.map(loaded);
        const rendered = renderReadme({ template: TEMPLATE, entries, config });
        const blocks = parseMarkers(rendered.text);
        expect(blocks.map((b) => b.name)).toEqual(["toc", "topics", "challenges", "takeaways", "stats"]);
        // Headings: the template's, one per group and topic, one per challenge: none from entry text.
        const topics = new Set(entries.map((e) => e.topic.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim().toLowerCase()));
        const groups = 1 + (topics.size > (topics.has("x") ? 1 : 0) ? 1 : 0);
        const withTakeaway = new Set(entries.filter((e) => e.takeaway.trim()).map((e) => e.topic.trim().toLowerCase()));
        const challenges = entries.filter((e) => e.challenge.trim() && e.solution.trim()).length;
        const headings = findHeadings(rendered.text);
        expect(headings.filter((h) => h.level <= 2).map((h) => h.text)).toEqual(["J", "Topics", "Challenges", "Takeaways", "Figures", "End"]);
        expect(headings.filter((h) => /^Challenge \d+:/.test(h.text))).toHaveLength(challenges);
        expect(headings.length).toBeLessThanOrEqual(6 + groups * 2 + topics.size + withTakeaway.size + challenges);
        expect(rendered.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        // A rebuild over the generated README is byte-identical.
        expect(replaceBlocks(rendered.text, blocks, rendered.blocks)).toBe(rendered.text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("topics", () => {
  it("that read the same are one topic: an override mark or a control character does not make another", () => {
    const entries = ["\u202ex", "x", "X\u0007", " x "].map((topic, i) => loaded({ title: `t${i}`, topic, tags: [], challenge: "", solution: "", takeaway: "", day: i + 1 }, i));
    const rendered = renderReadme({ template: TEMPLATE, entries, config });
    const headings = findHeadings(rendered.text).map((h) => h.text);
    // One heading for the topic, in its group; no "Other Topics" with a second x.
    expect(headings).toEqual(["J", "Topics", "G &lt;b\\>", "x", "Challenges", "Takeaways", "Figures", "End"]);
  });
});

/** Applies a unified diff to a text: proves the hunk ranges and lines are right. */
function applyDiff(before: string, diff: string): string {
  const a = before.split("\n");
  const lines = diff.split("\n").slice(2);
  const out: string[] = [];
  let cursor = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    if (!header) continue;
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (cursor < start) out.push(a[cursor++]!);
    for (i += 1; i < lines.length && !lines[i]!.startsWith("@@"); i += 1) {
      const l = lines[i]!;
      if (l.startsWith(" ")) {
        expect(a[cursor]).toBe(l.slice(1));
        out.push(a[cursor++]!);
      } else if (l.startsWith("-")) {
        expect(a[cursor]).toBe(l.slice(1));
        cursor += 1;
      } else if (l.startsWith("+")) out.push(l.slice(1));
    }
    i -= 1;
  }
  while (cursor < a.length) out.push(a[cursor++]!);
  return out.join("\n");
}

describe("unifiedDiff", () => {
  it("turns the old text into the new one when applied", () => {
    const doc = fc.array(fc.constantFrom("a", "b", "c", "d", ""), { maxLength: 40 }).map((ls) => `${ls.join("\n")}\n`);
    fc.assert(
      fc.property(doc, doc, (before, after) => {
        const diff = unifiedDiff(before, after, { before: "a", after: "b" });
        if (before === after) expect(diff).toBe("");
        else expect(applyDiff(before, diff)).toBe(after);
      }),
      { numRuns: 500 },
    );
  });
});

describe("a template written with CRLF", () => {
  it("makes a README with CRLF line ends that reads back", () => {
    const rendered = renderReadme({ template: "# J\r\n\r\n{{toc}}\r\n\r\n## A\r\n\r\n{{stats}}\r\n", entries: [], config });
    expect(rendered.text).toBe(rendered.text.replace(/\r?\n/g, "\r\n"));
    expect(rendered.text).toContain("- [A](#a)\r\n");
    const blocks = parseMarkers(rendered.text);
    expect(replaceBlocks(rendered.text, blocks, rendered.blocks)).toBe(rendered.text);
  });
});
