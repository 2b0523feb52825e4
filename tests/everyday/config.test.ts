// nexus config get|set|unset|list, in process: the keys of nexus.config.json, checked
// as every command reads them, written without disturbing the rest of the file.
// tests/e2e/config.test.ts runs the built CLI for exit codes, stdin and help.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configGet, configList, configSet, configUnset } from "../../src/commands/config.js";
import { UserError } from "../../src/errors.js";
import { makeTree, tempDir } from "../helpers.js";
import { fakeIo } from "./fake-io.js";

const CONFIG = "nexus.config.json";
const read = (dir: string) => fs.readFileSync(path.join(dir, CONFIG), "utf8");

type Sub = "set" | "get" | "unset" | "list";
/** Runs a config subcommand as the CLI would: a user error is its message, its hint and its exit code. */
function config(dir: string, sub: Sub, ...args: string[]) {
  const { io, stdout, stderr } = fakeIo(dir);
  const ctx = { io, dir: undefined, strict: false };
  const flag = (name: string) => args.includes(name);
  const type = args.includes("--type") ? args[args.indexOf("--type") + 1] : undefined;
  const [key = "", value = ""] = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--type");
  let code: number;
  let message = "";
  try {
    code =
      sub === "set" ? configSet(ctx, key, value, { type })
      : sub === "get" ? configGet(ctx, key, { json: flag("--json") })
      : sub === "unset" ? configUnset(ctx, key)
      : configList(ctx, { json: flag("--json"), all: flag("--all") });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    code = error.exitCode;
    message = `nexus: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`;
  }
  return { code, stdout: stdout(), stderr: stderr() + message };
}

describe("nexus config", () => {
  it("sets, gets, lists and unsets keys; the README keys and the settings alike", () => {
    const dir = makeTree({ [CONFIG]: '{\n  "entries": "entries",\n  "review": { "newPerDay": 5 }\n}\n', "entries/.keep": "" });
    expect(config(dir, "set", "readme.title", "東京 journal 🌸")).toEqual({ code: 0, stdout: "updated nexus.config.json: readme.title=東京 journal 🌸\n", stderr: "Next: nexus build-readme\n" });
    expect(config(dir, "set", "readme.perTopic", "5").code).toBe(0);
    expect(config(dir, "set", "readme.goals", '["Rust", "A CLI"]', "--type", "json").code).toBe(0);
    expect(read(dir)).toBe('{\n  "entries": "entries",\n  "review": { "newPerDay": 5 },\n  "readme": {\n    "title": "東京 journal 🌸",\n    "perTopic": 5,\n    "goals": [\n      "Rust",\n      "A CLI"\n    ]\n  }\n}\n');
    expect(config(dir, "get", "readme.title")).toMatchObject({ code: 0, stdout: "東京 journal 🌸\n" });
    expect(JSON.parse(config(dir, "get", "readme.perTopic", "--json").stdout)).toBe(5);
    expect(config(dir, "list").stdout).toBe('entries=entries\nreview.newPerDay=5\nreadme.title=東京 journal 🌸\nreadme.perTopic=5\nreadme.goals=["Rust","A CLI"]\n');
    expect(JSON.parse(config(dir, "list", "--json").stdout)).toMatchObject({ readme: { goals: ["Rust", "A CLI"] } });
    expect(config(dir, "list", "--all").stdout).toContain("readme.overview  (not set: what the journal is about");
    expect(config(dir, "set", "readme.perTopic", "5")).toMatchObject({ code: 0, stderr: "readme.perTopic is already 5: nothing changed\n" });
    expect(config(dir, "unset", "readme.perTopic")).toMatchObject({ code: 0, stdout: "updated nexus.config.json: removed readme.perTopic\n" });
    expect(config(dir, "get", "readme.perTopic")).toEqual({ code: 1, stdout: "", stderr: "readme.perTopic is not set (latest entries shown per topic (default 3))\n" });
    expect(config(dir, "unset", "readme.perTopic")).toMatchObject({ code: 0, stderr: "readme.perTopic is not set: nothing changed\n" });
  });

  it("refuses a value the settings refuse, naming the key, and writes nothing", () => {
    const text = '{"readme": {"form": "auto"}}';
    const dir = makeTree({ [CONFIG]: text });
    for (const [key, value, message] of [
      ["readme.perTopic", "many", '"readme.perTopic" must be a whole number from 1 to 100, not "many"'],
      ["readme.form", "short", '"readme.form" must be one of "auto", "full", "summary", not "short"'],
      ["review.retention", "2", '"review.retention" must be a number from 0.7 to 0.99'],
      ["readme.charts", "yes", '"readme.charts" must be true or false, not "yes"'],
      ["entries", "../elsewhere", '"entries" must be a folder inside the journal'],
      ["readme.title", "two\nlines", '"readme.title" must be one line'],
      ["readme.title", "x".repeat(201), '"readme.title" must be one line of text (at most 200 characters)'],
      ["site.url", "javascript:alert(1)", '"site.url" must be an http or https URL'],
      ["readme", "[]", '"readme" must be an object'],
    ]) {
      const r = config(dir, "set", key!, value!);
      expect(r.code, key).toBe(2);
      expect(r.stderr, key).toContain(message!);
      expect(r.stderr).toContain("hint: nexus.config.json was not changed");
    }
    expect(read(dir)).toBe(text);
  });

  it("refuses unknown and hostile keys, bad JSON and huge values (exit 2)", () => {
    const dir = makeTree({ [CONFIG]: "{}\n" });
    const cases: [Sub, string[], RegExp][] = [
      ["set", ["__proto__.polluted", "1"], /"__proto__.polluted" is not a key of nexus.config.json/],
      ["set", ["readme.constructor", "1"], /is not a key/],
      ["set", ["readme..x", "1"], /is not a key/],
      ["set", ["", "1"], /is not a key/],
      ["set", ["readme.\u001b[31m", "1"], /is not a key/],
      ["set", ["colour", "blue"], /unknown key "colour"/],
      ["set", ["review.newPerDya", "3"], /unknown key "review.newPerDya"\nhint: keys of review: review.newPerDay, review.retention/],
      ["set", ["readme.goals", "[oops", "--type", "json"], /the value of readme.goals is not JSON/],
      ["set", ["readme", '{"__proto__": {"x": 1}}', "--type", "json"], /"__proto__" is not a key/],
      ["set", ["readme.goals", "[]", "--type", "yaml"], /--type must be one of text, number, boolean, json/],
      ["set", ["readme.overview", "x".repeat(70_000)], /at most 64 KB/],
      ["get", ["readme.__proto__"], /is not a key/],
    ];
    for (const [sub, args, message] of cases) {
      const r = config(dir, sub, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(read(dir)).toBe("{}\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps a byte-order mark, CRLF, tabs, key order and a missing final newline", () => {
    const dir = makeTree({ [CONFIG]: '\ufeff{\r\n\t"zeta": [1, 2],\r\n\t"readme": {\r\n\t\t"license": "MIT"\r\n\t}\r\n}' });
    expect(config(dir, "set", "readme.overview", "Línea one 🌸\nline two").code).toBe(0);
    expect(read(dir)).toBe('\ufeff{\r\n\t"zeta": [1, 2],\r\n\t"readme": {\r\n\t\t"license": "MIT",\r\n\t\t"overview": "Línea one 🌸\\nline two"\r\n\t}\r\n}');
    expect(config(dir, "unset", "readme.license").code).toBe(0);
    expect(read(dir)).toBe('\ufeff{\r\n\t"zeta": [1, 2],\r\n\t"readme": {\r\n\t\t"overview": "Línea one 🌸\\nline two"\r\n\t}\r\n}');
    expect(config(dir, "list").stdout).toBe('zeta=[1,2]\nreadme.overview="Línea one 🌸\\nline two"\n');
  });

  it("makes the file in a journal that has none; a broken file is reported with its line", () => {
    const dir = makeTree({ "entries/.keep": "" });
    expect(config(dir, "list").stderr).toMatch(/^no nexus.config.json yet: nexus config set readme.title/);
    expect(config(dir, "set", "readme.license", "MIT")).toMatchObject({ code: 0, stdout: "created nexus.config.json: readme.license=MIT\n" });
    expect(read(dir)).toBe('{\n  "readme": {\n    "license": "MIT"\n  }\n}\n');
    fs.writeFileSync(path.join(dir, CONFIG), '{\n  "readme": {\n    "license": "MIT",\n  }\n}\n');
    expect(config(dir, "set", "readme.title", "T")).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nexus: nexus.config.json:4: invalid JSON/) });
    fs.writeFileSync(path.join(dir, CONFIG), Buffer.from('{"readme": {"title": "caf\xe9"}}', "latin1"));
    expect(config(dir, "set", "readme.title", "T")).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nexus: nexus.config.json is not UTF-8 text/) });
    expect(config(tempDir(), "get", "readme.title").stderr).toMatch(/no journal found/);
  });

  it("mends a value every other command refuses, one key at a time; a problem elsewhere is said, not blamed", () => {
    const dir = makeTree({ [CONFIG]: '{"entries": "/etc", "readme": {"perTopic": 0}}' });
    let r = config(dir, "set", "readme.title", "T");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nexus: warning: nexus.config.json: "entries" must be a folder inside the journal, such as "entries" (not changed by this command');
    expect(config(dir, "set", "entries", "entries").code).toBe(0);
    expect(config(dir, "set", "readme.perTopic", "-1").code).toBe(2);
    r = config(dir, "unset", "readme.perTopic");
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(read(dir))).toEqual({ entries: "entries", readme: { title: "T" } });
  });

  it("never writes through a link that leads out of the journal", () => {
    const outside = makeTree({ [CONFIG]: "{}\n" });
    const dir = makeTree({ "entries/.keep": "" });
    fs.symlinkSync(path.join(outside, CONFIG), path.join(dir, CONFIG));
    const r = config(dir, "set", "readme.title", "T");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nexus.config.json is .*nothing is read or written through it/);
    expect(fs.readFileSync(path.join(outside, CONFIG), "utf8")).toBe("{}\n");
  });

  it("says when the template does not show a free readme key", () => {
    const dir = makeTree({ [CONFIG]: "{}\n", "templates/README.md": "# T\n\n{{config.overview}}\n" });
    expect(config(dir, "set", "readme.overveiw", "x").stderr).toBe("note: the README template has no {{config.overveiw}}, so the README does not show readme.overveiw\n");
    expect(config(dir, "set", "readme.overview", "x").stderr).toBe("Next: nexus build-readme\n");
  });

  it("prints no control character from a value, but --json keeps it", () => {
    const dir = makeTree({ [CONFIG]: '{"readme": {"overview": "a\\u001b]0;pwned\\u0007b"}}' });
    expect(config(dir, "get", "readme.overview").stdout).toBe("a␛]0;pwned␇b\n");
    expect(config(dir, "list").stdout).toBe("readme.overview=a␛]0;pwned␇b\n");
    expect(JSON.parse(config(dir, "get", "readme.overview", "--json").stdout)).toBe("a\u001b]0;pwned\u0007b");
  });
});
