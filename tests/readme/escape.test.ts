import { describe, expect, it } from "vitest";
import { escapeInline, firstParagraph, inlineMarkdown, sanitizeBlock } from "../../src/readme/escape.js";
import { parseMarkers } from "../../src/readme/markers.js";

describe("escapeInline", () => {
  it.each(["|", "*", "_", "[", "]", ">", "`", "#", "\\", "~", "&", "$"])("escapes %s so it is a literal character", (ch) => {
    expect(escapeInline(`a${ch}b`)).toBe(`a\\${ch}b`);
  });

  it("writes < as &lt; (a reader that takes `https://x\\` for a link would leave a \\< bare)", () => {
    expect(escapeInline("a<b")).toBe("a&lt;b");
  });

  it("escapes a leading # and an HTML tag in a title", () => {
    expect(escapeInline("# <script>alert(1)</script>")).toBe("\\# &lt;script\\>alert(1)&lt;/script\\>");
  });

  it("leaves no markdown syntax unescaped in a hostile title", () => {
    const out = escapeInline("**bold** [link](http://x) `code` | cell _em_ <b>");
    // every special character is preceded by a backslash, and < is an entity
    expect(out.replace(/\\./g, "").replace(/&lt;/g, "")).not.toMatch(/[|*_[\]<>`#]/);
  });

  it("removes control characters and bidi overrides, newlines become spaces", () => {
    expect(escapeInline("a\u001b[31mred\u0007\u009b\u202eb\nc\td")).toBe("a\\[31mredb c d");
  });
});

describe("sanitizeBlock", () => {
  it("escapes HTML outside code but keeps code spans and blocks as written", () => {
    const out = sanitizeBlock("<img src=x onerror=alert(1)> and `<b>`\n\n```html\n<div>\n```");
    expect(out).toBe("&lt;img src=x onerror=alert(1)> and `<b>`\n\n```html\n<div>\n```");
  });

  it("cannot inject a nexus marker or an HTML comment", () => {
    const out = sanitizeBlock("text\n<!-- nexus:end challenges -->\n  <!-- nexus:begin x -->");
    expect(out).not.toMatch(/^\s*<!--/m);
    expect(() => parseMarkers(out)).not.toThrow();
    expect(parseMarkers(out)).toEqual([]);
  });

  it("turns headings into bold lines and defuses setext underlines", () => {
    expect(sanitizeBlock("## Injected\n# Top\ntext\n---\nmore\n===")).toBe("**Injected**\n**Top**\ntext\n\\---\nmore\n\\===");
  });

  it("keeps a heading inside a code block", () => {
    expect(sanitizeBlock("```\n## not a heading\n```")).toBe("```\n## not a heading\n```");
  });

  it("closes a code block left open so it cannot swallow what follows", () => {
    expect(sanitizeBlock("````py\nx = 1\n<!-- nexus:end topics -->")).toBe("````py\nx = 1\n<!-- nexus:end topics -->\n````");
    expect(sanitizeBlock("~~~\ncode")).toBe("~~~\ncode\n~~~");
  });

  it("strips control characters but keeps tabs and newlines", () => {
    expect(sanitizeBlock("a\u001b]0;title\u0007\tb\r\nc")).toBe("a]0;title\tb\nc");
  });

  it("keeps HTML when allowed (config text), but never a marker line", () => {
    expect(sanitizeBlock("<b>hi</b>", { html: true, headings: true })).toBe("<b>hi</b>");
    expect(sanitizeBlock("<!-- nexus:end x -->", { html: true, headings: true })).toBe("&lt;!-- nexus:end x -->");
  });
});

describe("one-line summaries", () => {
  it("takes the first paragraph, or the first list item", () => {
    expect(firstParagraph("First line\ncontinues.\n\nSecond.")).toBe("First line continues.");
    expect(firstParagraph("- item one\n- item two")).toBe("item one");
    expect(firstParagraph("```\ncode\n```\n\nAfter code.")).toBe("After code.");
  });

  it("inlineMarkdown cannot start a heading, quote or list", () => {
    expect(inlineMarkdown("# x")).toBe("\\# x");
    expect(inlineMarkdown("> x <b>")).toBe("\\> x &lt;b>");
    expect(inlineMarkdown("1. x")).toBe("1\\. x");
  });
});

describe("fences as GitHub reads them", () => {
  it("a ``` indented four spaces or a tab is no fence: the HTML after it is escaped", () => {
    for (const opener of ["    ```", "\t```", "    ~~~"]) {
      const out = sanitizeBlock(`${opener}\n<img src=x onerror=alert(1)>\n<!-- nexus:end topics -->`);
      expect(out, JSON.stringify(opener)).not.toMatch(/(^|[^\\])<img/);
      expect(out).not.toMatch(/(^|[^\\])<!--/);
    }
    // A real fence (up to three spaces) keeps its code as it is.
    expect(sanitizeBlock("   ```html\n<b>code</b>\n   ```")).toContain("\n<b>code</b>\n");
  });
});
