import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/ui/markdown.js";

describe("renderMarkdown", () => {
  it("renders inline markdown inside tight list items", () => {
    const out = renderMarkdown("- Use `select_related()` for **foreign keys**\n- plain", { color: true, width: 80 });
    expect(out).toContain("select_related()");
    expect(out).not.toContain("`");
    expect(out).not.toContain("**");
    expect(out).toMatch(/\u001b\[1mforeign keys\u001b\[22m/);
  });

  it("without colour prints no escape at all", () => {
    const out = renderMarkdown("# Title\n\n- `code` and **bold**\n\n```js\nx()\n```", { color: false, width: 80 });
    expect(out).not.toMatch(/\u001b/);
    expect(out).toContain("code and bold");
  });

  it("shows escape sequences from the source inert, keeping only its own colours", () => {
    const out = renderMarkdown("Hi \u001b]0;title\u0007 \u001b[2J **b** \u009b31m", { color: true, width: 80 });
    expect(out.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).not.toContain("\u001b[2J");
  });
});
