import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { readIndexedJournal } from "../../src/search/read.js";
import { openJournal } from "../../src/journal/root.js";
import { SearchIndex } from "../../src/search/engine.js";
import { parseSearch } from "../../src/search/query.js";
import { chunkCounts, initialsOf, termOf, tokensAt, wordParts } from "../../src/search/tokens.js";
import { entryText, makeTree } from "../helpers.js";

describe("the analyzer", () => {
  it.each([
    ["cache", "cached", "caching", "caches"],
    ["deploy", "deploying", "deployment", "deployments"],
    ["optimize", "optimization", "optimizing", "optimized"],
    ["test", "tests", "tested", "testing"],
    ["query", "queries"],
    ["partition", "partitioning", "partitions"],
    ["containerize", "containerizing"],
  ])("gives %s and its other forms one term", (...forms) => {
    expect(new Set(forms.map(termOf)).size).toBe(1);
  });

  it("keeps words with digits or underscores as they are", () => {
    expect(termOf("select_related")).toBe("select_related");
    expect(termOf("pybind11")).toBe("pybind11");
  });

  it("reads NFC and NFD alike, without accents", () => {
    expect(termOf("Caf\u00e9")).toBe(termOf("Cafe\u0301"));
    expect(tokensAt("r\u0065\u0301sum\u0065\u0301 here").map((t) => t.term)).toEqual([termOf("résumé"), "here"]);
  });

  it("reads a Greek word with or without its final sigma, in any case, as one", () => {
    expect(new Set(["οδος", "οδοσ", "ΟΔΟΣ", "Οδός"].map(termOf)).size).toBe(1);
  });

  it("cuts Chinese, Japanese and Thai into words, and English inside them", () => {
    const terms = tokensAt("今天学习了Docker容器的网络配置。使用bridge模式。").map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(["docker", "容器", "网络", "bridg", "模式"]));
    expect(tokensAt("東京でPythonを勉強しました").map((t) => t.term)).toEqual(expect.arrayContaining(["東京", "python", "勉強"]));
    expect(tokensAt("ภาษาไทยง่ายนิดเดียว").map((t) => t.term)).toEqual(expect.arrayContaining(["ภาษา", "ไทย"]));
  });

  it("keeps words over 64 characters, and their parts", () => {
    const long = "test_user_can_reset_password_when_email_is_verified_and_token_valid";
    const terms = tokensAt(`see ${long} fail`).map((t) => t.term);
    expect(terms).toContain(long);
    expect(terms).toContain("password");
    // Runs longer than a query word (hashes) are kept by their parts only.
    const hash = `${"a".repeat(120)}_tail`;
    expect(tokensAt(hash).map((t) => t.term)).toEqual(["tail"]);
  });

  it("cuts a query word of Chinese as the entries' text is cut, so the same words are looked for", () => {
    for (const word of ["缓存", "网络配置", "学习"]) {
      const query = parseSearch([word]);
      const expected = tokensAt(word).map((t) => t.term);
      expect(query.words.map((w) => (w.kind === "term" ? w.term : w.literal))).toEqual(expected);
      // Cut in several words, they must stand in this order.
      expect(query.phrases).toEqual(expected.length > 1 ? [expected.map((_, i) => i)] : []);
    }
  });

  it("keeps the punctuated chunks of text, without the punctuation around them, for code-like words", () => {
    const chunks = [...chunkCounts(["Fixed the N+1 problem (see asyncio.gather()), e.g. /api/v1/users. N+1!", "plain words only"])];
    expect(chunks).toEqual([["\u0001n+1", 2], ["\u0001asyncio.gather(", 1], ["\u0001e.g", 1], ["\u0001api/v1/users", 1]]);
    expect([...chunkCounts([`x ${"y.".repeat(150)}z`])]).toEqual([["\u0001", 1]]);
  });

  it("cuts camelCase words into their words, but not names written in capitals (PostgreSQL, OAuth)", () => {
    expect(wordParts("RollingUpdate")).toEqual([{ part: "Rolling", offset: 0 }, { part: "Update", offset: 7 }]);
    expect(wordParts("getElementById").map((p) => p.part)).toEqual(["get", "Element", "By", "Id"]);
    expect(wordParts("select_relatedFields").map((p) => [p.part, p.offset])).toEqual([["select", 0], ["related", 7], ["Fields", 14]]);
    for (const name of ["PostgreSQL", "GraphQL", "OAuth", "iOS", "utf8", "Kubernetes", "HTTPServer", "x"]) expect(wordParts(name)).toEqual([]);
  });
});

describe("searching text of any script and length", () => {
  const dir = makeTree({
    "nexus.config.json": '{\n  "entries": "entries"\n}\n',
    "entries/2026-01-01-zh.md": entryText({ title: "网络笔记", topic: "Docker", date: "2026-01-01", solution: "今天学习了Docker容器的网络配置。使用bridge模式。" }),
    "entries/2026-01-02-long.md": entryText({ title: "A long test name", topic: "Testing", date: "2026-01-02", solution: "The test test_user_can_reset_password_when_email_is_verified_and_token_valid failed." }),
    "entries/2026-01-03-cafe.md": entryText({ title: "Caf\u00e9 notes", topic: "Caf\u00e9", date: "2026-01-03", tags: ["Caf\u00e9"], solution: "Na\u00efve r\u00e9sum\u00e9." }),
    "entries/2026-01-04-k8s.md": entryText({ title: "Deployments in Kubernetes", topic: "Kubernetes", date: "2026-01-04", solution: "The RollingUpdate strategy with maxUnavailable 0, on PostgreSQL." }),
    "entries/2026-01-07-cache.md": entryText({ title: "缓存笔记", topic: "Redis", date: "2026-01-07", solution: "使用Redis缓存查询结果。" }),
    "entries/2026-01-06-orm.md": entryText({ title: "Fewer queries", topic: "Django", date: "2026-01-06", solution: "Fixed the N+1 queries (with select_related()) in the list view." }),
    "entries/2026-01-05-url.md": entryText({ title: "A long URL", topic: "Web", date: "2026-01-05", solution: `See https://example.com/${"a".repeat(250)}/x-ray?q=n+2 for details.` }),
  });
  const index = new SearchIndex(readIndexedJournal(openJournal(dir), { cache: false }));
  const titles = (q: string) => {
    const query = parseSearch([q]);
    return index.search(index.request(query, query.filter)).map((h) => h.entry.title);
  };

  it("finds a code-like word in the index alone, opening only entries with a chunk too long to keep", () => {
    const read = vi.spyOn(fs, "openSync");
    try {
      expect(titles("n+1")).toEqual(["Fewer queries"]);
      // Only the entry with a chunk too long to keep (the long URL) is read, to check.
      const reads = read.mock.calls.map(([file]) => String(file)).filter((file) => file.includes(`${path.sep}entries${path.sep}`));
      expect(reads.map((file) => path.basename(file))).toEqual(["2026-01-05-url.md"]);
      // Several words: the best results are read for the bonus of words side by side.
      expect(titles("N+1 queries")).toEqual(["Fewer queries"]);
    } finally {
      read.mockRestore();
    }
  });

  it.each([
    ["bridge", "网络笔记"],
    ["网络", "网络笔记"],
    ["容器", "网络笔记"],
    ["网络配置", "网络笔记"],
    ["缓存", "缓存笔记"],
    ["test_user_can_reset_password_when_email_is_verified_and_token_valid", "A long test name"],
    ["reset_password", "A long test name"],
    ["Cafe\u0301", "Caf\u00e9 notes"],
    ["re\u0301sume\u0301", "Caf\u00e9 notes"],
    ["topic:Cafe\u0301", "Caf\u00e9 notes"],
    ["tag:Cafe\u0301", "Caf\u00e9 notes"],
    ["rolling update", "Deployments in Kubernetes"],
    ['"rolling update"', "Deployments in Kubernetes"],
    ["RollingUpdate", "Deployments in Kubernetes"],
    ["unavailable", "Deployments in Kubernetes"],
    // Inside a chunk too long to keep in the index: found by reading the entry.
    ["x-ray", "A long URL"],
    ["q=n+2", "A long URL"],
  ])("%s finds %s", (query, title) => {
    expect(titles(query)).toEqual([title]);
  });
});

describe("tokens of a text for a few terms", () => {
  const text =
    "Yesterday I cached the QUERIES; caching select_related in RollingUpdate helped. Éclair, café, naïve 缓存 n+1 _private 42x ies dying skies Über";

  it("stem only the words whose term may start as one of the terms does, and keep every token where it is", () => {
    const all = tokensAt(text);
    for (const initials of ["c", "qr", "ye", "_4", "é", ""]) {
      const some = tokensAt(text, initials);
      expect(some.map((t) => [t.start, t.end, t.part])).toEqual(all.map((t) => [t.start, t.end, t.part]));
      some.forEach((t, i) => {
        const term = all[i]!.term;
        if (initials.includes(term[0]!)) expect(t.term, term).toBe(term);
        else if (t.term !== "") expect(t.term, "only words that start with another letter are given in full").toBe(term);
      });
    }
    expect(tokensAt(text, initialsOf(["cach"])).filter((t) => t.term === "cach").map((t) => text.slice(t.start, t.end))).toEqual(["cached", "caching"]);
  });

  it("start with the first letter of the word, lower case, for every word that starts with a to z", () => {
    const words = text.match(/[A-Za-z0-9_]+/g)!.concat(["dying", "lying", "skies", "yyy", "ies", "news", "idly", "gently", "ugly", "early", "only", "singly"]);
    for (const word of words) expect(termOf(word)[0], word).toBe(word[0]!.toLowerCase());
  });
});
