// An unquoted colon in a hand-written title is the commonest YAML mistake: every
// command that reports the broken entry says to quote it, with the line to write.
import { beforeAll, describe, expect, it } from "vitest";
import { entryText, makeTree, runCli } from "../helpers.js";

const HINT = 'entries/2026-01-02-colon.md:2: invalid YAML: bad indentation of a mapping entry; a colon in a value needs quotes: title: "Hand written: with colon"';

describe("a colon in a hand-written title", () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTree({
      "nexus.config.json": "{}\n",
      "entries/2026-01-01-fine.md": entryText({ title: "Fine", topic: "Django", date: "2026-01-01", takeaway: "ok" }),
      "entries/2026-01-02-colon.md": "---\ntitle: Hand written: with colon\ntopic: Django\ndate: 2026-01-02\n---\n## Takeaway\n\nquote it\n",
    });
  });

  it("doctor names the line and the quoted form", async () => {
    const r = await runCli(["doctor"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${HINT}\n`);
  });

  it.each([["list"], ["search", "fine"], ["stats"], ["build-readme", "--stdout"]])("%s warns with the hint and goes on", async (...args) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`nexus: warning: ${HINT} (skipped)`);
  });
});
