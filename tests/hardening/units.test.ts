// Issue 12 (adversarial pass), the pure parts: one describe per numbered item.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renameInField } from "../../src/domain/frontmatter-list.js";
import { checkLine, graphemeCount, LIMITS, parseEntry } from "../../src/domain/entry.js";
import { isCalendarDate, parseDateArgument } from "../../src/domain/dates.js";
import { entriesGuess, journalDir } from "../../src/cli/dir.js";
import { listEarly, readCacheEarly, takeEarlyListing, takeEarlyRead } from "../../src/journal/early.js";
import { UsageError, UserError, userErrorFromOs } from "../../src/errors.js";
import { pagerCommand } from "../../src/ui/pager.js";
import { applyRelabel, planRelabel } from "../../src/journal/relabel.js";
import type { LoadedEntry } from "../../src/journal/read.js";
import { ChangedMeanwhileError, readStamped, replaceFileIfUnchanged } from "../../src/journal/stamped-write.js";
import { decodeUtf8, firstNonUtf8Line } from "../../src/journal/text.js";
import { parseMarkers } from "../../src/readme/markers.js";
import { parseTemplate, TemplateError } from "../../src/readme/template.js";
import { tempDir } from "../helpers.js";

describe("1: text that is not UTF-8 is refused with its line, never decoded to U+FFFD", () => {
  it("names the first line with a bad byte", () => {
    const bytes = Buffer.concat([Buffer.from("one\ntwo\nJos"), Buffer.from([0xe9]), Buffer.from("\nfour\n")]);
    expect(firstNonUtf8Line(bytes)).toBe(3);
    expect(() => decodeUtf8(bytes, "README.md")).toThrow(/^README\.md:3: not UTF-8 text/);
  });
  it("keeps a byte order mark, so it is written back", () => {
    expect(decodeUtf8(Buffer.from("\ufeffhi", "utf8"), "x")).toBe("\ufeffhi");
    expect(firstNonUtf8Line(Buffer.from("é\n", "utf8"))).toBeUndefined();
  });
});

const entryFile = (tags: string) => `---\ntitle: T\ntopic: Go  # the language\ndate: 2024-01-02\n${tags}---\n\n## Takeaway\n\nx\n`;

describe("3: a rename edits the values in place", () => {
  const upper = (from: string, to: string) => (v: string) => (v.toLowerCase() === from ? to : undefined);
  it("keeps a block list, its indentation and its comments", () => {
    const raw = entryFile("tags:   # what it is about\n  - orm    # the main one\n  # a comment line\n  - sql\n");
    const out = renameInField(raw, "tags", upper("orm", "ORM layer"))!;
    expect(out).toBe(entryFile('tags:   # what it is about\n  - ORM layer    # the main one\n  # a comment line\n  - sql\n'));
    const parsed = parseEntry(out, "x.md");
    expect(parsed.ok && parsed.entry.tags).toEqual(["ORM layer", "sql"]);
  });
  it("keeps a flow list's trailing comment and a topic's comment", () => {
    expect(renameInField(entryFile("tags: [orm, sql]  # two\n"), "tags", upper("sql", "SQL"))).toBe(entryFile("tags: [orm, SQL]  # two\n"));
    expect(renameInField(entryFile(""), "topic", upper("go", "Golang"))).toContain("topic: Golang  # the language\n");
  });
  it("planRelabel keeps comments and merges a duplicate item", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.md");
    fs.writeFileSync(file, entryFile("tags:\n  - orm # first\n  - sql # second\n"));
    const entry = { path: "a.md", file, title: "T", topic: "Go", date: "2024-01-02", tags: ["orm", "sql"] } as unknown as LoadedEntry;
    const plan = planRelabel([entry], "tags", "orm", "sql");
    expect(plan.failed).toEqual([]);
    expect(plan.planned[0]!.text).toBe(entryFile("tags:\n  - sql # first\n"));
  });
});

describe("3: the re-check right before and after the rename", () => {
  const setup = () => {
    const dir = tempDir();
    const file = path.join(dir, "a.md");
    fs.writeFileSync(file, "old\n");
    return { file, stamp: readStamped(file).stamp };
  };
  it("a change after the text was read is reported, not overwritten", () => {
    const { file, stamp } = setup();
    fs.appendFileSync(file, "theirs\n");
    expect(() => replaceFileIfUnchanged(file, "ours\n", stamp)).toThrow(ChangedMeanwhileError);
    expect(fs.readFileSync(file, "utf8")).toBe("old\ntheirs\n");
  });
  it("a change while the new text is written (before the last check) is reported, not overwritten", () => {
    const { file, stamp } = setup();
    expect(() => replaceFileIfUnchanged(file, "ours\n", stamp, { beforeCheck: () => fs.appendFileSync(file, "theirs\n") })).toThrow(
      /changed on disk meanwhile/,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("old\ntheirs\n");
    expect(fs.readdirSync(path.dirname(file))).toEqual(["a.md"]);
  });
  it("a change between the last check and the rename is put back and reported", () => {
    const { file, stamp } = setup();
    expect(() => replaceFileIfUnchanged(file, "ours\n", stamp, { beforeRename: () => fs.appendFileSync(file, "theirs\n") })).toThrow(
      /the other change was put back/,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("old\ntheirs\n");
  });
  it("an unchanged file is replaced", () => {
    const { file, stamp } = setup();
    replaceFileIfUnchanged(file, "ours\n", stamp);
    expect(fs.readFileSync(file, "utf8")).toBe("ours\n");
  });
  it("applyRelabel reports the file that changed and leaves it", () => {
    const dir = tempDir();
    const file = path.join(dir, "a.md");
    fs.writeFileSync(file, entryFile("tags: [orm]\n"));
    const entry = { path: "a.md", file, title: "T", topic: "Go", date: "2024-01-02", tags: ["orm"] } as unknown as LoadedEntry;
    const plan = planRelabel([entry], "tags", "orm", "sql");
    const result = applyRelabel(plan.planned, { beforeRename: () => fs.appendFileSync(file, "appended\n") });
    expect(result.changed).toEqual([]);
    expect(result.failed[0]!.message).toMatch(/changed on disk/);
    expect(fs.readFileSync(file, "utf8")).toBe(`${entryFile("tags: [orm]\n")}appended\n`);
  });
});

describe("7: markers inside any code block are text", () => {
  it("ignores markers in an indented code block, not in a paragraph after it", () => {
    const text = "# R\n\n    <!-- nexus:begin topics -->\n    <!-- nexus:end topics -->\n\ntext\n<!-- nexus:begin toc -->\n<!-- nexus:end toc -->\n";
    expect(parseMarkers(text).map((b) => b.name)).toEqual(["toc"]);
  });
  it("placeholders in an indented code block are text", () => {
    const parts = parseTemplate("# R\n\n    {{topics}}\n\n{{toc}}\n");
    expect(parts.filter((p) => "placeholder" in p).map((p) => ("placeholder" in p ? p.placeholder.name : ""))).toEqual(["toc"]);
  });
});

describe("9: a comment left open is an error with its line", () => {
  it("does not swallow the placeholders after it", () => {
    try {
      parseTemplate("# R\n{{! TODO\n\n{{config.overview}}\n{{toc}}\n");
      expect.fail("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).line).toBe(2);
    }
  });
  it("a closed multi-line comment mentioning placeholders is fine", () => {
    expect(parseTemplate("{{! use\n  {{toc}} for contents\n}}\n{{toc}}\n").filter((p) => "placeholder" in p)).toHaveLength(1);
  });
});

describe("11: OS errors become one line naming the path and what to do", () => {
  const fail = (code: string, syscall: string, file: string) => Object.assign(new Error(`${code}: x, ${syscall} '${file}'`), { code, syscall, path: file });
  for (const code of ["EPERM", "EACCES", "EROFS", "ENOSPC", "ENOTDIR", "EISDIR", "EMFILE"]) {
    it(code, () => {
      const error = userErrorFromOs(fail(code, "open", "/j/entries/.2024-01-02-a.md.123.0badf00d.tmp"), "/j");
      expect(error).toBeInstanceOf(UserError);
      expect(error!.exitCode).toBe(1);
      expect(error!.message).toMatch(new RegExp(`^cannot open entries/2024-01-02-a\\.md: .+ \\(${code}\\)$`));
      expect(error!.hint).toBeTruthy();
    });
  }
  it("leaves other errors alone", () => {
    expect(userErrorFromOs(new Error("bug"), "/")).toBeUndefined();
    expect(userErrorFromOs(fail("EWHATEVER", "open", "/x"), "/")).toBeUndefined();
  });
});

describe("12: no pager on a dumb terminal", () => {
  it("writes directly with TERM=dumb, whatever PAGER says", () => {
    expect(pagerCommand({ stdoutIsTTY: true, env: { TERM: "dumb" } })).toBeUndefined();
    expect(pagerCommand({ stdoutIsTTY: true, env: { TERM: "dumb", PAGER: "less" } })).toBeUndefined();
    expect(pagerCommand({ stdoutIsTTY: true, env: { TERM: "xterm" } })).toBe("less -R");
  });
});

describe("13: an empty --dir or NEXUS_DIR is a usage error", () => {
  it("refuses empty and blank values, passes the rest", () => {
    for (const [flag, env] of [["", undefined], ["  ", "/j"], [undefined, ""]] as const) {
      expect(() => journalDir(flag, env)).toThrow(UsageError);
    }
    expect(journalDir(undefined, undefined)).toBeUndefined();
    expect(journalDir("a", "b")).toBe("a");
    expect(journalDir(undefined, "b")).toBe("b");
  });
});

describe("15: dates and lengths", () => {
  it("years 1000 to 9999 only, in entries and in flags", () => {
    expect(isCalendarDate("0999-12-31")).toBe(false);
    expect(isCalendarDate("0001-01-01")).toBe(false);
    expect(isCalendarDate("1000-01-01")).toBe(true);
    expect(isCalendarDate("9999-12-31")).toBe(true);
    expect(parseDateArgument("0099-02-01")).toBeUndefined();
    const parsed = parseEntry("---\ntitle: T\ntopic: X\ndate: 0099-02-01\n---\n", "a.md");
    expect(parsed.ok).toBe(false);
  });
  it("counts characters as people see them", () => {
    expect(graphemeCount("e\u0301")).toBe(1);
    expect(graphemeCount("👩‍👩‍👧")).toBe(1);
    expect(checkLine("title", "e\u0301".repeat(LIMITS.title), LIMITS.title)).toBeUndefined();
    expect(checkLine("title", "👩‍👩‍👧".repeat(LIMITS.title), LIMITS.title)).toBeUndefined();
    expect(checkLine("title", "a".repeat(LIMITS.title + 1), LIMITS.title)).toMatch(/longer than/);
  });
});

describe("the entries folder listed as a run starts (cli/dir.ts entriesGuess)", () => {
  const here = (...parts: string[]) => path.resolve(process.cwd(), ...parts);
  it("is that of -C, --dir, NEXUS_DIR or the working folder, for commands that read before they write", () => {
    expect(entriesGuess(["list", "--limit", "10"], undefined)).toBe(here("entries"));
    expect(entriesGuess(["-C", "/j", "search", "celery"], undefined)).toBe(path.resolve("/j", "entries"));
    expect(entriesGuess(["search", "celery", "--dir=/j"], undefined)).toBe(path.resolve("/j", "entries"));
    expect(entriesGuess(["-C/j", "show", "x"], undefined)).toBe(path.resolve("/j", "entries"));
    expect(entriesGuess(["stats"], "/env")).toBe(path.resolve("/env", "entries"));
    expect(entriesGuess(["--dir", "/j", "build-readme"], "/env")).toBe(path.resolve("/j", "entries"));
  });
  it("is none for help, the version, and commands that write first or read no entries", () => {
    for (const args of [[], ["--help"], ["list", "-h"], ["--version"], ["add", "--title", "x"], ["rm", "x"], ["edit", "x"], ["import", "a"], ["init"], ["completion", "bash"], ["-C", "list"]]) {
      expect(entriesGuess(args, undefined)).toBeUndefined();
    }
    // After --, nothing is an option: `search -- -C` looks for "-C".
    expect(entriesGuess(["search", "--", "-C", "/j"], undefined)).toBe(here("entries"));
  });
});

describe("an early listing of a folder (journal/early.ts)", () => {
  it("is taken once, when done; a folder not listed early has none", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-listing-"));
    for (const name of ["b.md", "a.md", "缓存.md"]) fs.writeFileSync(path.join(dir, name), "x");
    listEarly(dir);
    let names: string[] | undefined;
    for (let i = 0; i < 400 && !names; i++) {
      await new Promise((r) => setTimeout(r, 5));
      names = takeEarlyListing(dir);
    }
    expect(names?.sort()).toEqual(["a.md", "b.md", "缓存.md"]);
    expect(takeEarlyListing(dir)).toBeUndefined();
    expect(takeEarlyListing(path.join(dir, "other"))).toBeUndefined();
  });
});

describe("the entry cache read as a run starts (journal/early.ts)", () => {
  it("gives its parts only while the file is the one they were read from", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nexus-early-"));
    const file = path.join(dir, "entry-cache");
    // A file laid out as a cache: records, postings, vocabulary, index, then the header.
    const records = "r".repeat(70_000);
    const index = "i".repeat(100);
    const header = JSON.stringify({ recordBytes: records.length, postingBytes: 3, vocabularyBytes: 2, indexBytes: index.length });
    fs.writeFileSync(file, `${records}\nppp` + `vv\n${index}\n` + "x".repeat(5000) + `\n${header}`);
    // The header says where the parts are only when nothing is between them: this one is not a cache (the padding).
    readCacheEarly(file);
    await new Promise((r) => setTimeout(r, 100));
    expect(takeEarlyRead(file, fs.statSync(file), 0, records.length + 1)).toBeUndefined();
    const good = path.join(dir, "good-cache");
    fs.writeFileSync(good, `${records}\nppp` + `vv\n${index}\n${header}`);
    readCacheEarly(good);
    let part: Buffer | undefined;
    for (let i = 0; i < 200 && !part; i++) {
      await new Promise((r) => setTimeout(r, 5));
      part = takeEarlyRead(good, fs.statSync(good), 0, records.length + 1);
    }
    expect(part?.toString()).toBe(`${records}\n`);
    // Taken once; and another file (here the same path, changed) gets nothing.
    expect(takeEarlyRead(good, fs.statSync(good), 0, records.length + 1)).toBeUndefined();
    const indexAt = records.length + 1 + 3 + 2 + 1;
    fs.appendFileSync(good, " ");
    expect(takeEarlyRead(good, fs.statSync(good), indexAt, index.length + 1)).toBeUndefined();
  });
});
