// Report 2026-12-06 #6, as a class: no text of an entry becomes raw HTML in the markdown
// nexus writes for GitHub (README.md and the pages), whatever backticks, HTML, links,
// fences, list markers and line breaks it holds. Every such markdown is made by one
// module, escape.ts (escapeInline for titles, topics and tags; inlineMarkdown and
// sanitizeBlock for bodies, through code-blocks.ts and code-spans.ts). The output is
// parsed with marked (GFM), and every raw HTML node in it must be nexus's own: a marker
// comment, or the `<code>` that a code span holding `<` is written as.
import fc from "fast-check";
import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { escapeInline, inlineMarkdown, sanitizeBlock } from "../../src/readme/escape.js";
import { renderReadme } from "../../src/readme/render.js";
import { labelled } from "../../src/readme/sections.js";
import type { LoadedEntry } from "../../src/journal/read.js";

/** Every raw HTML node of a markdown text, as marked reads it (GFM). */
function rawHtml(markdown: string): string[] {
  const found: string[] = [];
  const walk = (tokens: readonly Token[] | undefined) => {
    for (const token of tokens ?? []) {
      if (token.type === "html") found.push(token.text);
      const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
      walk(t.tokens);
      walk(t.items);
      for (const cell of t.header ?? []) walk(cell.tokens);
      for (const row of t.rows ?? []) for (const cell of row) walk(cell.tokens);
    }
  };
  walk(marked.lexer(markdown, { gfm: true }));
  return found;
}

/** Raw HTML nodes that are not nexus's own: a marker comment or a `<code>` element's tags. */
const foreign = (markdown: string) => rawHtml(markdown).filter((html) => !/^(<code>|<\/code>|<!-- nexus:(begin|end) [^>]*-->\s*)$/.test(html));

// Pieces that make markdown readers disagree: code spans across lines, HTML, links and
// autolinks that swallow a backslash, fences in list items and quotes, tabs, escapes.
const PIECES = [
  "`", "``", "```", "~~~", "<", ">", "<img src=x onerror=alert(1)>", "<a href=\"https://evil.example/\">", "</a>", "<details>", "<!--", "-->", "<script>",
  "<!-- nexus:end topics -->", "<https://x.example>", "https://x.example/", "www.x.example", "a@b.example", "[a](", "](https://x.example)", "[x]: /u", "[x]",
  "\n", "\r\n", "  \n", "\\\n", "\n\n", "\\", "\\<", "&lt;", "&", "- ", "1. ", "> ", "   ", "    ", "\t", "|", "*", "_", "#", "=", "a", "b", " ",
  // Whole code spans with and without `<`, which a reader keeps or pairs otherwise.
  " `<img src=x>` ", "`<b>`", "``<b>``", "`a`", " `x` ", "**", "~~", "$",
  // A table's rows (its cells are split before code spans are found), a footnote.
  "| a | b |\n| - | - |\n", " | ", "[^1]",
];
const text = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 40 }).map((parts) => parts.join(""));
const line = text.map((t) => t.replace(/[\r\n]/g, " ").trim() || "x");

describe("markdown made of entry text has no raw HTML of its own", () => {
  it("sanitizeBlock (a challenge, solution or takeaway), after text as nexus puts it there", () => {
    fc.assert(
      fc.property(text, (body) => {
        const out = sanitizeBlock(body);
        expect(foreign(out), JSON.stringify({ body, out })).toEqual([]);
        // As the README places it: after its label, and before the text that follows.
        expect(foreign(`${labelled("Problem", out)}\n\n*Entry: x*`), JSON.stringify({ body, out })).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("inlineMarkdown and escapeInline (summaries, titles, topics, tags) in a page's list line", () => {
    fc.assert(
      fc.property(line, line, (summary, title) => {
        const out = `- 2026-01-01 · [${escapeInline(title)}](../entries/x.md) · ${escapeInline(title)} — ${inlineMarkdown(summary)}\n- next`;
        expect(foreign(out), JSON.stringify({ summary, title, out })).toEqual([]);
        expect(foreign(`## ${escapeInline(title)}\n`)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("the whole README and every page of a journal of such entries", () => {
    const entry = fc.record({ title: line, topic: line, tags: fc.array(line, { maxLength: 2 }), challenge: text, solution: text, takeaway: text });
    const template = "# J\n\n{{topics}}\n\n## Challenges\n\n{{challenges}}\n\n## Takeaways\n\n{{takeaways}}\n\n{{pages}}\n";
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 3 }), fc.boolean(), (raw, summary) => {
        const entries: LoadedEntry[] = raw.map((e, i) => ({ ...e, date: `2026-01-0${i + 1}`, featured: false, notes: "", body: "", path: `entries/2026-01-0${i + 1}-e${i}.md`, file: `/j/entries/e${i}.md` }));
        const rendered = renderReadme({ template, entries, config: { entries: "entries", groups: [], readme: { form: summary ? "summary" : "full" } } });
        expect(foreign(rendered.text), rendered.text).toEqual([]);
        for (const [rel, make] of rendered.pages) {
          if (!rel.endsWith(".md")) continue;
          const page = make();
          expect(foreign(typeof page === "string" ? page : Buffer.from(page).toString("utf8")), rel).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("the report's cases and the ones it did not try", () => {
  const cases: [string, string][] = [
    ["the report's: a code span over two lines", 'one ` tick\n`<img src="https://example.com/pixel.png"><a href="https://evil.example/">click me</a>` end'],
    ["a link's destination takes the backtick", "[a](/x`) <img src=x> `y`"],
    ["a reference label takes the backtick", "x [a][x`y] <img src=x> `z`\n\n[x`y]: /u"],
    ["a list item's paragraph", "- one `\n  `<img src=x>` b"],
    ["a table cell splits the code span", "| a | b |\n| - | - |\n| `x | <img src=x>` |"],
    ["a fence in a list item, ended by a line at the margin", "- a\n  ```\n<img src=x>\n  ```\n<img src=y>"],
    ["a fence in a list item, closed further in than the top level allows", "- a\n  ```\n  code\n     ```\n  <img src=x>"],
    ["a fence after a list marker", "- ```\n  <img src=x>\n  ```\n<img src=y>"],
    ["a fence after a tab in a list item", "- a\n \t```\n  x\n  ```\n<img src=y>"],
    ["an autolink that swallows a backslash", "https://x.example\\<img src=x>"],
    ["an autolink before an escaped tag", "see www.x.example\\<b>bold\\</b>"],
    ["a quote's fence", "> ```\n> <img src=x>\n> ```\n<img src=y>"],
  ];
  for (const [name, body] of cases) {
    it(name, () => {
      expect(foreign(sanitizeBlock(body)), sanitizeBlock(body)).toEqual([]);
      expect(foreign(inlineMarkdown(body.replace(/\n/g, " ")))).toEqual([]);
    });
  }

  it("code stays code: a span with < is kept as written where no reader pairs it otherwise, else shown the same as <code>", () => {
    expect(sanitizeBlock("use `Vec<T>` and `a < b`")).toBe("use `Vec<T>` and `a < b`");
    expect(sanitizeBlock("`x` and `y`")).toBe("`x` and `y`");
    // A backtick left alone, a link before it, a bare link running into it, a table bar, or a span over two lines: written as <code>.
    for (const [body, out] of [
      ["a `` b `Vec<T>`", "a `` b <code>Vec&lt;T&gt;</code>"],
      ["[a](/x) `Vec<T>`", "[a](/x) <code>Vec&lt;T&gt;</code>"],
      ["see https://x`y` `Vec<T>`", "see https://x`y` <code>Vec&lt;T&gt;</code>"],
      ["a `|Vec<T>`", "a <code>&#124;Vec&lt;T&gt;</code>"],
      ["`a\n<b>`", "<code>a</code>\n<code>&lt;b&gt;</code>"],
    ]) {
      expect(sanitizeBlock(body!), body).toBe(out);
      expect(marked.parse(sanitizeBlock(body!)), body).toContain("<code>");
    }
    expect(marked.parseInline(sanitizeBlock("[a](/x) `Vec<T>`"))).toBe('<a href="/x">a</a> <code>Vec&lt;T&gt;</code>');
    // In a table: a span within a cell is kept.
    expect(sanitizeBlock("| a | b |\n| - | - |\n| `<main>` | x |")).toBe("| a | b |\n| - | - |\n| `<main>` | x |");
    const block = "1. Install:\n\n   ```html\n   <div>\n   ```\n\n```\n<b>top</b>\n```";
    expect(sanitizeBlock(block)).toBe(block);
  });
});
