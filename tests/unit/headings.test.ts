import { describe, expect, it } from "vitest";
import { atxHeading } from "../../src/domain/headings.js";
import { splitSections } from "../../src/domain/sections.js";

describe("atxHeading", () => {
  it("reads headings as CommonMark does", () => {
    expect(atxHeading("## Challenge")).toEqual({ level: 2, text: "Challenge" });
    expect(atxHeading("   ###   Foo   ###   ")).toEqual({ level: 3, text: "Foo" });
    expect(atxHeading("# Foo #bar")).toEqual({ level: 1, text: "Foo #bar" });
    expect(atxHeading("## C# ##")).toEqual({ level: 2, text: "C#" });
    expect(atxHeading("### ###")).toEqual({ level: 3, text: "" });
    expect(atxHeading("#")).toEqual({ level: 1, text: "" });
    expect(atxHeading("#\tTabbed")).toEqual({ level: 1, text: "Tabbed" });
  });

  it("is not a heading without a space, with seven #, or indented four spaces", () => {
    expect(atxHeading("#hashtag")).toBeUndefined();
    expect(atxHeading("####### seven")).toBeUndefined();
    expect(atxHeading("    # code")).toBeUndefined();
  });

  it("reads a hostile line of 200,000 spaces in one pass", () => {
    // The regular expression this replaced backtracked quadratically here (about 1 s per 20,000 spaces).
    const line = `# a${" ".repeat(200_000)}x`;
    const heading = atxHeading(line);
    expect(heading?.text.length).toBe(200_002);
    const sections = splitSections(`## Challenge\n\n${line}\n\n## Solution${" ".repeat(200_000)}\n\nDone.`);
    expect(sections.solution).toBe("Done.");
  });
});
