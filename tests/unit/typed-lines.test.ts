import { Marked } from "marked";
import { describe, expect, it } from "vitest";
import { typedLinesToMarkdown } from "../../src/domain/typed-lines.js";

const html = (markdown: string) => new Marked().parse(markdown) as string;

describe("lines typed at a prompt, as markdown", () => {
  it("keeps two lines of prose two lines, and a blank line a new paragraph", () => {
    const md = typedLinesToMarkdown(["Deploys broke in production.", "Builds were slow too.", "", "Second paragraph 東京 🌸."]);
    expect(md).toBe("Deploys broke in production.  \nBuilds were slow too.\n\nSecond paragraph 東京 🌸.");
    expect(html(md)).toBe("<p>Deploys broke in production.<br>Builds were slow too.</p>\n<p>Second paragraph 東京 🌸.</p>\n");
  });

  it("leaves code blocks, lists, quotes and tables as typed", () => {
    const lines = ["Run this:", "```sh", "npm ci", "", "npm test", "```", "- one", "- two", "> quoted", "> twice", "| a | b |", "|---|---|", "", "    indented code", "    more"];
    const md = typedLinesToMarkdown(lines);
    expect(md).toBe(lines.join("\n"));
    expect(html(md)).toContain("<pre><code class=\"language-sh\">npm ci\n\nnpm test\n</code></pre>");
    expect(html(md)).toContain("<li>one</li>\n<li>two</li>");
  });

  it("drops blank lines at either end, and adds no break after a line that has one", () => {
    expect(typedLinesToMarkdown(["", "  ", "a\\", "b  ", "c", ""])).toBe("a\\\nb  \nc");
    expect(typedLinesToMarkdown([])).toBe("");
    expect(typedLinesToMarkdown(["a\r", "b\r"])).toBe("a  \nb");
  });

  it("does not make a setext heading or break a paragraph before a list", () => {
    expect(typedLinesToMarkdown(["Title", "==="])).toBe("Title\n===");
    expect(typedLinesToMarkdown(["Steps:", "1. build", "2) ship"])).toBe("Steps:\n1. build\n2) ship");
  });
});
