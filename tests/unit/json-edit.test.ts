import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonStyle, NotAnObjectError, removeJsonValue, setJsonValue } from "../../src/domain/json-edit.js";

describe("editing one value of a JSON text", () => {
  const file = '{\n  "entries": "entries",\n  "readme": {\n    "license": "MIT"\n  },\n  "zeta": [1, 2]\n}\n';

  it("replaces a value where it is and keeps every other byte", () => {
    expect(setJsonValue(file, ["readme", "license"], "Apache-2.0")).toBe(file.replace('"MIT"', '"Apache-2.0"'));
  });

  it("adds a key last in its object, in the file's indentation", () => {
    expect(setJsonValue(file, ["readme", "title"], "T")).toBe(file.replace('"MIT"\n', '"MIT",\n    "title": "T"\n'));
    expect(setJsonValue(file, ["site", "title"], "S")).toBe(file.replace("[1, 2]\n", '[1, 2],\n  "site": {\n    "title": "S"\n  }\n'));
  });

  it("keeps tabs, CRLF and an object on one line", () => {
    const tabs = '{\r\n\t"readme": {}\r\n}';
    expect(jsonStyle(tabs)).toEqual({ unit: "\t", eol: "\r\n" });
    expect(setJsonValue(tabs, ["readme", "goals"], ["a", "b"])).toBe('{\r\n\t"readme": {\r\n\t\t"goals": [\r\n\t\t\t"a",\r\n\t\t\t"b"\r\n\t\t]\r\n\t}\r\n}');
    expect(setJsonValue('{"entries":"e"}', ["readme", "title"], "T")).toBe('{"entries":"e", "readme": {"title":"T"}}');
  });

  it("removes a key and the comma before or after it", () => {
    expect(removeJsonValue(file, ["entries"])).toBe('{\n  "readme": {\n    "license": "MIT"\n  },\n  "zeta": [1, 2]\n}\n');
    expect(removeJsonValue(file, ["zeta"])).toBe('{\n  "entries": "entries",\n  "readme": {\n    "license": "MIT"\n  }\n}\n');
    expect(removeJsonValue(file, ["readme", "license"])).toBe('{\n  "entries": "entries",\n  "readme": {},\n  "zeta": [1, 2]\n}\n');
    expect(removeJsonValue(file, ["readme", "title"])).toBeUndefined();
    expect(removeJsonValue(file, ["zeta", "x"])).toBeUndefined();
  });

  it("edits the last of duplicated keys, as JSON.parse reads it, and removes them all", () => {
    const dup = '{"a": 1, "a": 2}';
    expect(JSON.parse(setJsonValue(dup, ["a"], 3))).toEqual({ a: 3 });
    expect(removeJsonValue(dup, ["a"])).toBe("{}");
  });

  it("refuses a path through a value that is not an object", () => {
    expect(() => setJsonValue(file, ["zeta", "x"], 1)).toThrow(NotAnObjectError);
    expect(() => setJsonValue(file, ["entries", "x"], 1)).toThrow("entries is not an object");
  });

  it("reads back as the change and nothing else, for any document, key and value", () => {
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== "__proto__");
    const value = fc.jsonValue({ maxDepth: 2 });
    const doc = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { maxKeys: 3 })), { maxKeys: 4 });
    fc.assert(
      fc.property(doc, fc.array(key, { minLength: 1, maxLength: 3 }), value, fc.constantFrom("  ", "\t", "    ", ""), fc.constantFrom("\n", "\r\n"), (data, path, v, indent, eol) => {
        const text = JSON.stringify(data, null, indent).replace(/\n/g, eol);
        const expected = structuredClone(data) as Record<string, unknown>;
        let node = expected;
        for (const k of path.slice(0, -1)) {
          const next = node[k];
          if (next !== undefined && (typeof next !== "object" || next === null || Array.isArray(next))) {
            expect(() => setJsonValue(text, path, v)).toThrow(NotAnObjectError);
            return;
          }
          node = (node[k] ??= {}) as Record<string, unknown>;
        }
        node[path.at(-1)!] = v;
        const edited = setJsonValue(text, path, v);
        expect(JSON.parse(edited)).toEqual(JSON.parse(JSON.stringify(expected)));
        const removed = removeJsonValue(edited, path);
        expect(removed).toBeDefined();
        delete node[path.at(-1)!];
        expect(JSON.parse(removed!)).toEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 300 },
    );
  });
});
