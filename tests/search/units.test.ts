import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedDistance, mayBeWithin } from "../../src/search/distance.js";
import { coreOf, parseQuery } from "../../src/search/query.js";
import { clip, flatten, highlight } from "../../src/search/snippet.js";
import { normalizeTerm, termsOf, tokensAt } from "../../src/search/tokens.js";
import { encodeNumber, forEachNumber, forEachPair } from "../../src/journal/codec.js";

const encodeNumbers = (numbers: number[]) => numbers.map(encodeNumber).join("");
/** The numbers of an encoded string (UTF-8 bytes, as in the cache); undefined when it is not one. */
function decodeNumbers(encoded: string): number[] | undefined {
  const numbers: number[] = [];
  const bytes = Buffer.from(encoded);
  return forEachNumber(bytes, 0, bytes.length, (n) => numbers.push(n)) ? numbers : undefined;
}
import { countIn, encodeEntryTerms } from "../../src/search/index-terms.js";
import { forEachPosting, PostingsReader } from "../../src/journal/postings.js";
import { postingBlocks } from "../../src/journal/posting-blocks.js";
import { FIELDS } from "../../src/search/fields.js";
import { searchArguments } from "../../src/cli/search.js";

describe("edit distance", () => {
  it.each([
    ["celary", "celery", 1],
    ["throtling", "throttling", 1],
    ["kubernets", "kubernetes", 1],
    ["teh", "the", 1],
    ["idempotnecy", "idempotency", 1],
    ["postgers", "postgres", 1],
    ["abc", "abc", 0],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(boundedDistance(a, b, 3)).toBe(d);
    expect(boundedDistance(b, a, 3)).toBe(d);
  });

  it("agrees with the full dynamic programme, capped at the bound", () => {
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i += 1) {
        for (let j = 1; j <= b.length; j += 1) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 10 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(boundedDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it("is never ruled out by mayBeWithin when it is within the bound", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        if (boundedDistance(a, b, max) <= max) expect(mayBeWithin(a, b, max)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // And it rules out most words one typo away from nothing in common at the start.
    expect(mayBeWithin("postgres", "redis", 1)).toBe(false);
    expect(mayBeWithin("celary", "ecl", 1)).toBe(true);
  });

  it("stops at the bound", () => {
    expect(boundedDistance("kitten", "sitting", 1)).toBe(2);
    expect(boundedDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("search arguments", () => {
  it.each([
    [["search", "celery", "-redis"], ["search", "celery", "--", "-redis"]],
    [["-C", "j", "search", "-redis", "celery"], ["-C", "j", "search", "celery", "--", "-redis"]],
    [["search", "-p", "Django", "-n", "3", "-n20", "--tag", "-x", "orm", "-postgres"], ["search", "-p", "Django", "-n", "3", "-n20", "--tag", "-x", "orm", "--", "-postgres"]],
    [["search", "a", "-b2", "--", "c", "-d"], ["search", "a", "--", "-b2", "c", "-d"]],
    [["search", "--json", "-h"], ["search", "--json", "-h"]],
    [["list", "-redis"], ["list", "-redis"]],
    [["-C", "j", "search", "-x", "c"], ["-C", "j", "search", "c", "--", "-x"]],
    [["search", "--dir", "j", "-h"], ["search", "--dir", "j", "-h"]],
  ])("%j -> %j", (args, expected) => {
    expect(searchArguments(args)).toEqual(expected);
  });
});

describe("query words", () => {
  it.each([
    ["select_related()", "select_related"],
    ["/api/v1/", "api/v1"],
    ["(celery)", "celery"],
    ['"retry-after",', "retry-after"],
    ["c++", "c++"],
    ["n+1", "n+1"],
    ["foo()()", "foo"],
  ])("the core of %s is %s", (word, core) => {
    expect(coreOf(word)).toBe(core);
  });

  it("classifies plain and literal words, splits on spaces and drops duplicates", () => {
    expect(parseQuery(["Celery  RETRY", "celery", "asyncio.gather", "c++"])).toEqual([
      { kind: "term", text: "Celery", term: "celeri", raw: "celery" },
      { kind: "term", text: "RETRY", term: "retri", raw: "retry" },
      { kind: "literal", text: "asyncio.gather", literal: "asyncio.gather", parts: ["asyncio", "gather"] },
      { kind: "literal", text: "c++", literal: "c++", parts: ["c"] },
    ]);
    expect(parseQuery(["select_related()"])).toEqual([{ kind: "term", text: "select_related()", term: "select_related", raw: "select_related" }]);
    expect(parseQuery(["!!!"])).toEqual([{ kind: "literal", text: "!!!", literal: "!!!", parts: [] }]);
    expect(parseQuery(["", "  "])).toEqual([]);
  });

  it("refuses overlong words and too many words", () => {
    expect(() => parseQuery(["x".repeat(101)])).toThrow(/at most 100 characters/);
    expect(() => parseQuery([Array.from({ length: 25 }, (_, i) => `w${i}`).join(" ")])).toThrow(/at most 24 words/);
    expect(parseQuery(["x".repeat(100)])).toHaveLength(1);
  });
});

describe("tokens", () => {
  it("lower-cases, removes accents and splits underscore words into parts too", () => {
    expect(normalizeTerm("Café")).toBe("cafe");
    expect([...termsOf(["Use select_related() and N+1 fixes in Résumé"])]).toEqual([
      "use", "select_related", "select", "relat", "and", "n", "1", "fix", "in", "resum",
    ]);
    expect(tokensAt("a select_related b").map((t) => [t.term, t.start, t.end, t.part])).toEqual([
      ["a", 0, 1, false],
      ["select_related", 2, 16, false],
      ["select", 2, 8, true],
      ["relat", 9, 16, true],
      ["b", 17, 18, false],
    ]);
  });

  it("encodes numbers as printable text and back", () => {
    const ids = [0, 1, 44, 45, 2024, 2025, 91124, 91125, 1_000_000];
    const encoded = encodeNumbers(ids);
    expect(encoded).toMatch(/^[\x23-\x7e]+$/);
    expect(encoded).not.toMatch(/["\\]/);
    expect(decodeNumbers(encoded)).toEqual(ids);
    expect(decodeNumbers("é")).toBeUndefined();
    // A number cut short (a leading digit with no last digit) is no number.
    expect(decodeNumbers(encodeNumbers([2025]).slice(0, 1))).toBeUndefined();
  });

  it("packs how often a term occurs in each field, and writes postings by term in checked blocks", () => {
    const ids = new Map<string, number>();
    const idOf = (term: string) => ids.get(term) ?? (ids.set(term, ids.size), ids.size - 1);
    const a = encodeEntryTerms({ title: "Caching", topic: "Redis", tags: ["cache"], challenge: "cache cache cache cache cache cached", solution: "", takeaway: "redis", notes: "" }, idOf);
    const b = encodeEntryTerms({ title: "Other", topic: "Redis", tags: [], challenge: "", solution: "caching", takeaway: "", notes: "" }, idOf);
    const pairs = new Map<number, number>();
    forEachPair(a.pairs, (id, packed) => pairs.set(id, packed));
    const cache = pairs.get(ids.get("cach")!)!;
    // title 1, tags 1, challenge 6 counted as MAX_REPEAT (4).
    expect(FIELDS.map((_, f) => countIn(cache, f))).toEqual([1, 0, 1, 0, 4, 0, 0]);
    expect(a.length).toBe(1 + 1 + 1 + 4 + 1);

    const directory: number[] = [];
    const bytes = Buffer.concat(Array.from(postingBlocks({ terms: ids.size, fresh: [{ record: 0, pairs: a.pairs }, { record: 2, pairs: b.pairs }] }, directory), (block) => Buffer.from(block)));
    const reader = new PostingsReader(ids.size, directory, (offset, length) => bytes.subarray(offset, offset + length));
    const found = (term: string) => {
      const out: number[][] = [];
      forEachPosting(reader.line(ids.get(term)!)!, (record, packed) => out.push([record, packed]));
      return out.map(([record, packed]) => [record, FIELDS.map((_, f) => countIn(packed!, f)).join("")]);
    };
    expect(found("cach")).toEqual([[0, "1010400"], [2, "0000010"]]);
    expect(found("redi")).toEqual([[0, "0101000"], [2, "0100000"]]);
    expect(reader.readable(ids.values())).toBe(true);
    // A flipped byte in a block: that block is not used.
    const damaged = Buffer.from(bytes);
    damaged[0] = damaged[0]! ^ 1;
    const bad = new PostingsReader(ids.size, directory, (offset, length) => damaged.subarray(offset, offset + length));
    expect(bad.readable(ids.values())).toBe(false);
    expect(bad.line(0)).toBeUndefined();
  });
});

describe("snippets", () => {
  it("flattens markdown to one line without list and heading marks", () => {
    expect(flatten("- one\n- two\n\n```py\ncode()\n```\n## Head\n\ttab\u001b[31m")).toBe("one two code() Head tab␛[31m");
  });

  it("cuts around the first match with ellipses and keeps the ranges on the match", () => {
    const text = `${"lorem ipsum ".repeat(20)}the celery worker ${"dolor sit ".repeat(20)}`;
    const at = text.indexOf("celery");
    const cut = clip({ field: "solution", text, ranges: [[at, at + 6]] }, 60);
    expect(cut.text.startsWith("…")).toBe(true);
    expect(cut.text.endsWith("…")).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(60);
    expect(highlight(cut, (s) => `[${s}]`)).toContain("the [celery] worker");
  });

  it("leaves a short text whole", () => {
    const snippet = { field: "takeaway" as const, text: "Profile first.", ranges: [[0, 7]] as [number, number][] };
    expect(clip(snippet, 60)).toEqual(snippet);
    expect(highlight(snippet, (s) => s.toUpperCase())).toBe("PROFILE first.");
  });
});
