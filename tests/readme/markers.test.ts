import { describe, expect, it } from "vitest";
import { githubSlug, findHeadings } from "../../src/readme/anchors.js";
import { unifiedDiff } from "../../src/readme/diff.js";
import { MarkerError, parseMarkers, replaceBlocks } from "../../src/readme/markers.js";
import { parseTemplate, TemplateError } from "../../src/readme/template.js";

const errorOf = (text: string): MarkerError => {
  try {
    parseMarkers(text);
  } catch (error) {
    if (error instanceof MarkerError) return error;
    throw error;
  }
  throw new Error("no error");
};

describe("parseMarkers", () => {
  it("finds pairs and the offsets of their content", () => {
    const text = "intro\n<!-- nexus:begin a -->\nold\n<!-- nexus:end a -->\noutro\n";
    const [block] = parseMarkers(text);
    expect(block).toMatchObject({ name: "a", beginLine: 2, endLine: 4 });
    expect(text.slice(block!.contentStart, block!.contentEnd)).toBe("old\n");
  });

  it.each([
    ["unbalanced begin", "a\n<!-- nexus:begin x -->\nb\n", 2, /never closed/],
    ["end without begin", "a\n\n<!-- nexus:end x -->\n", 3, /without a matching/],
    ["mismatched end", "<!-- nexus:begin x -->\n<!-- nexus:end y -->\n", 2, /does not match/],
    ["nested", "<!-- nexus:begin x -->\n<!-- nexus:begin y -->\n<!-- nexus:end y -->\n<!-- nexus:end x -->\n", 2, /nested/],
    ["duplicated", "<!-- nexus:begin x -->\n<!-- nexus:end x -->\n<!-- nexus:begin x -->\n<!-- nexus:end x -->\n", 3, /duplicate marker "x" \(first on line 1\)/],
    ["no name", "\n<!-- nexus:begin -->\n", 2, /without a name/],
    ["malformed", "<!-- nexus:begin x y -->\n", 1, /malformed/],
    ["bad name", "<!-- nexus:begin X! -->\n<!-- nexus:end X! -->\n", 1, /invalid marker name/],
  ])("rejects %s with its line", (_label, text, line, message) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it("reads a marker on the first line after a byte-order mark", () => {
    expect(parseMarkers("\uFEFF<!-- nexus:begin a -->\n<!-- nexus:end a -->\n")).toHaveLength(1);
  });

  it("ignores markers inside code blocks and mentions inside prose", () => {
    const text = "See `<!-- nexus:begin x -->` here.\n```\n<!-- nexus:begin x -->\n```\n";
    expect(parseMarkers(text)).toEqual([]);
  });
});

describe("replaceBlocks", () => {
  it("replaces only the content and keeps CRLF and a missing final newline", () => {
    const text = "top\r\n<!-- nexus:begin a -->\r\nold\r\n<!-- nexus:end a -->\r\nbottom";
    const out = replaceBlocks(text, parseMarkers(text), new Map([["a", "new\nlines"]]));
    expect(out).toBe("top\r\n<!-- nexus:begin a -->\r\nnew\r\nlines\r\n<!-- nexus:end a -->\r\nbottom");
  });

  it("empties a block", () => {
    const text = "<!-- nexus:begin a -->\nold\n<!-- nexus:end a -->";
    expect(replaceBlocks(text, parseMarkers(text), new Map([["a", ""]]))).toBe("<!-- nexus:begin a -->\n<!-- nexus:end a -->");
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\n", "a\n", { before: "x", after: "y" })).toBe("");
  });

  it("shows changed lines with context and hunk ranges", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    const after = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n";
    expect(unifiedDiff(before, after, { before: "README.md", after: "new" })).toBe(
      "--- README.md\n+++ new\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n",
    );
  });

  it("splits far apart changes into hunks and counts added lines", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n") + "\n";
    const after = before.replace("l1\n", "l1\nadded\n").replace("l18\n", "");
    const diff = unifiedDiff(before, after, { before: "a", after: "b" });
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain("@@ -1,5 +1,6 @@");
    expect(diff).toContain("+added");
    expect(diff).toContain("-l18");
  });

  it("stays small for a few changes in a long text", () => {
    const before = Array.from({ length: 100_000 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const after = before.replace("line 10\n", "line ten\n").replace("line 99990\n", "");
    const diff = unifiedDiff(before, after, { before: "a", after: "b" });
    expect(diff.split("\n").length).toBeLessThan(25);
    expect(diff).toContain("@@ -8,7 +8,7 @@");
    expect(diff).toContain("-line 99990");
  });

  it("shows a changed final newline", () => {
    expect(unifiedDiff("a\nb", "a\nb\n", { before: "a", after: "b" })).toContain("\\ No newline at end of file");
  });
});

describe("GitHub anchors", () => {
  it.each([
    ["📚 Overview", "-overview"],
    ["README in CI: `nexus init --ci`", "readme-in-ci-nexus-init---ci"],
    ["Challenge 1: C\\# \\<b\\> snake_case", "challenge-1-c-b-snake_case"],
    ["Challenge 1: C\\# &lt;b\\> snake_case", "challenge-1-c-b-snake_case"],
    ["nexus.config.json", "nexusconfigjson"],
    ["**Bold** [link](x)", "bold-link"],
  ])("%s -> #%s", (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it("numbers repeated headings and skips code blocks", () => {
    const headings = findHeadings("## A\n```\n## A\n```\n## A\n");
    expect(headings.map((h) => h.anchor)).toEqual(["a", "a-1"]);
  });
});

describe("parseTemplate", () => {
  const line = (text: string) => {
    try {
      parseTemplate(text);
    } catch (error) {
      if (error instanceof TemplateError) return [error.line, error.message] as const;
    }
    return undefined;
  };

  it("finds placeholders with the heading level above them and drops comments", () => {
    const parts = parseTemplate("{{! a comment\n  {{toc}} inside it }}\n# T\n{{toc}}\n## A\n### B\n{{takeaways:Best Practices}}\n`{{stats}}` inline\n```\n{{stats}}\n```\n");
    const placeholders = parts.flatMap((p) => ("placeholder" in p ? [p.placeholder] : []));
    expect(placeholders.map((p) => [p.name, p.level])).toEqual([
      ["toc", 1],
      ["takeaways:best-practices", 3],
    ]);
    expect(parts.flatMap((p) => ("text" in p ? [p.text] : [])).join("\n")).not.toContain("comment");
  });

  it("names the line of an unknown, repeated or misused placeholder", () => {
    expect(line("a\n{{nope}}\n")).toEqual([2, expect.stringMatching(/unknown placeholder \{\{nope\}\}/)]);
    expect(line("{{toc}}\n\n{{toc}}\n")).toEqual([3, expect.stringMatching(/already used on line 1/)]);
    expect(line("{{stats:x}}\n")).toEqual([1, expect.stringMatching(/takes no argument/)]);
    expect(line("{{config}}\n")).toEqual([1, expect.stringMatching(/unknown placeholder/)]);
    expect(line("x\n<!-- nexus:begin topics -->\n")).toEqual([2, expect.stringMatching(/no markers of its own/)]);
    expect(line("{{! never closed\n")).toEqual([1, expect.stringMatching(/never closed/)]);
  });
});
