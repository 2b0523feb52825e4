// Report 2026-12-06 #17: `readme.pages` may not name what the journal keeps for its own
// files. "templates" made the pages index the README template of the next build (which
// then failed on every run); "README.md" made a folder of that name and then failed to
// write the README over it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pagesFolder } from "../../src/readme/settings.js";
import { entryText, makeTree, runCli } from "../helpers.js";

describe("pagesFolder", () => {
  it("refuses the journal's own names, in any case, and folders inside them", () => {
    const owned = ["templates", "README.md", "nexus.config.json", "reviews.tsv", "site", ".github", ".gitignore", ".gitattributes"];
    const variants = owned.flatMap((name) => [name, name.toUpperCase(), `./${name}`, `${name}/`, `${name}/pages`, `${name}\\deep\\er`]);
    for (const value of [...variants, "Templates", "readme.md", "Site/x"]) {
      expect(() => pagesFolder(value, "entries"), value).toThrow(/"readme\.pages" must not be "[^"]+" or a folder in it: the journal keeps that name for its own files/);
    }
  });
  it("takes a folder of the pages' own, even one named like those further down", () => {
    for (const value of ["journal", "docs/journal", "pages/templates", "my-templates", "readme", "sites", "notes/README.md"]) {
      expect(pagesFolder(value, "entries"), value).toBe(value);
    }
  });
});

describe("the report's script: build-readme refuses, and writes nothing", () => {
  const journal = (pages: string) =>
    makeTree({
      "nexus.config.json": JSON.stringify({ entries: "entries", readme: { pages } }),
      "entries/2026-01-01-a.md": entryText({ title: "A", topic: "T", date: "2026-01-01", challenge: "c", solution: "s" }),
      // The built-in template: templates/ has no README.md.
      "templates/entry.md": "---\ntitle:\n---\n",
    });
  for (const pages of ["templates", "README.md"]) {
    it(`"pages": "${pages}"`, async () => {
      const dir = journal(pages);
      for (const args of [["build-readme"], ["build-readme"], ["build-readme", "--check"]]) {
        const r = await runCli(args, { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`"readme.pages" must not be "${pages}"`);
      }
      expect(fs.readdirSync(path.join(dir, "templates"))).toEqual(["entry.md"]);
      expect(fs.existsSync(path.join(dir, "README.md"))).toBe(false);
    });
  }
});
