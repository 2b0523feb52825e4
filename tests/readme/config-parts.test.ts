// The README's own parts: {{title}} and {{config.KEY:## Heading}}. A part with no
// value is left out, heading and all, and what could be filled is said in one line.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { LoadedEntry } from "../../src/journal/read.js";
import { readmeSettings } from "../../src/readme/settings.js";
import { renderReadme } from "../../src/readme/render.js";
import { parseTemplate, TemplateError } from "../../src/readme/template.js";
import { unfilledKeys, unfilledNote } from "../../src/readme/unfilled.js";
import { makeTree, runCli } from "../helpers.js";

const entry: LoadedEntry = { title: "Select related", topic: "Django", tags: [], date: "2026-01-02", featured: false, challenge: "", solution: "", takeaway: "Profile first.", notes: "", body: "", path: "entries/2026-01-02-select-related.md", file: "/j/entries/2026-01-02-select-related.md" };
const TEMPLATE = "{{title}}\n\n{{config.overview}}\n\n{{toc}}\n\n## Topics\n\n{{topics}}\n\n{{config.contact:## Contact}}\n\n{{config.license:## License}}\n";
const render = (readme: Record<string, unknown>) => renderReadme({ template: TEMPLATE, entries: [entry], config: { entries: "entries", groups: [], readme } }).text;

describe("{{title}} and {{config.KEY:## Heading}}", () => {
  it("leaves out a part with no value, heading and all, and shows no placeholder text", () => {
    const text = render({});
    expect(text).toMatch(/^<!-- nexus:begin title -->\n\n# My learning journal\n\n<!-- nexus:end title -->\n/);
    expect(text).toContain("<!-- nexus:begin config.contact -->\n<!-- nexus:end config.contact -->");
    expect(text).not.toMatch(/## Contact|## License|readme\.|Set /);
    expect(text).not.toContain("[Contact]");
  });

  it("shows a part under its heading, in the table of contents, once it has a value", () => {
    const text = render({ title: "C# & 東京 🌸 <b>", overview: "What I learn.", contact: { GitHub: "[@ada](https://github.com/ada)" }, license: "  " });
    expect(text).toContain("# C\\# \\& 東京 🌸 &lt;b\\>\n");
    expect(text).toContain("<!-- nexus:begin config.contact -->\n\n## Contact\n\n- **GitHub:** [@ada](https://github.com/ada)\n\n<!-- nexus:end config.contact -->");
    expect(text).toContain("- [Contact](#contact)");
    // Blank text is no value.
    expect(text).not.toContain("## License");
  });

  it("reads the heading after the colon; anything else there is an error with its line", () => {
    const [part] = parseTemplate("{{config.goals:### Goals}}\n");
    expect(part).toEqual({ placeholder: expect.objectContaining({ kind: "config", arg: "goals", heading: "### Goals", name: "config.goals" }) });
    for (const [template, message] of [
      ["a\n{{config.goals:Goals}}\n", /after the colon comes the heading of the part \(one line, no HTML comment\), such as \{\{config\.goals:## Contact\}\}/],
      ["{{title:x}}\n", /takes no argument/],
      ["{{config.goals:## <!-- nexus:end config.goals -->}}\n", /one line, no HTML comment/],
      ["{{title}}\n{{title}}\n", /already used on line 1/],
    ] as const) {
      expect(() => parseTemplate(template)).toThrow(TemplateError);
      expect(() => parseTemplate(template)).toThrow(message);
    }
  });

  it("checks readme.title as every command reads it", () => {
    const check = (title: unknown) => () => readmeSettings({ entries: "entries", groups: [], readme: { title } });
    expect(check("Ada's journal 🌸")).not.toThrow();
    for (const bad of ["", "two\nlines", "a<!-- nexus:end title -->", 42, "x".repeat(201)]) expect(check(bad)).toThrow(/"readme.title" must be one line of text/);
  });

  it("names what could be filled, in the template's order, in one line", () => {
    expect(unfilledKeys(TEMPLATE, { overview: "x", license: "" })).toEqual(["title", "contact", "license"]);
    expect(unfilledNote(["title", "contact", "license"])).toBe('README parts with no value yet: readme.title, readme.contact and readme.license (fill them in with nexus config set readme.title "...")');
    expect(unfilledNote(["overview"])).toBe('README parts with no value yet: readme.overview (fill it in with nexus config set readme.overview "...")');
    expect(unfilledNote([])).toBeUndefined();
    expect(unfilledKeys("{{! never closed\n", {})).toEqual([]);
  });
});

describe("a fresh journal's README", () => {
  it("has no placeholder text; build-readme and doctor say what could be filled, config set fills it", async () => {
    const dir = makeTree({ "entries/2026-01-02-select-related.md": "---\ntitle: Select related\ntopic: Django\ndate: 2026-01-02\n---\n## Takeaway\n\nProfile first.\n" });
    expect((await runCli(["init"], { cwd: dir })).code).toBe(0);
    let r = await runCli(["build-readme"], { cwd: dir });
    expect(r.stderr).toBe("");
    const note = 'README parts with no value yet: readme.title, readme.overview, readme.goals, readme.contact and readme.license (fill them in with nexus config set readme.title "...")';
    expect(r.stdout).toContain(`\n${note}\n`);
    const readme = () => fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(readme()).not.toMatch(/_Set|readme\.|## Contact|## License|## Future learning goals/);
    r = await runCli(["doctor"], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: `1 file checked: 0 problems, 0 warnings\nnote: ${note}\n` });
    expect(JSON.parse((await runCli(["doctor", "--json"], { cwd: dir })).stdout).unfilled).toEqual(["readme.title", "readme.overview", "readme.goals", "readme.contact", "readme.license"]);
    expect((await runCli(["config", "set", "readme.license", "MIT"], { cwd: dir })).code).toBe(0);
    r = await runCli(["build-readme"], { cwd: dir });
    expect(r.stdout).toContain("README parts with no value yet: readme.title, readme.overview, readme.goals and readme.contact (");
    expect(readme()).toContain("<!-- nexus:begin config.license -->\n\n## License\n\nMIT\n\n<!-- nexus:end config.license -->");
    expect(readme()).toContain("- [License](#license)");
  });
});
