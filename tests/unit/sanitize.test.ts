import { describe, expect, it } from "vitest";
import { inertLine, inertText } from "../../src/domain/sanitize.js";
import { stringifyJson } from "../../src/journal/json.js";

const hostile = "a\u001b]0;pwned\u0007b\u001b[2Jc\u009b31md\u202eevil";

describe("control characters", () => {
  it("one-line text keeps no control character", () => {
    const out = inertLine(`${hostile}\nnext\tline`);
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out).toContain("a␛]0;pwned␇b␛[2Jc");
  });

  it("multi-line text keeps newlines and tabs only", () => {
    const out = inertText(`${hostile}\r\nline\ttab`);
    expect(out).toContain("\nline\ttab");
    expect(out.replace(/[\n\t]/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("JSON keeps the value but spells C1 and bidi controls as escapes", () => {
    const json = stringifyJson({ s: hostile });
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json).s).toBe(hostile);
  });
});
