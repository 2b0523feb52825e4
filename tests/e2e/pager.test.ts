import { afterEach, describe, expect, it } from "vitest";
import { BIN, entryText, makeTree, runCli } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";

const journal = () =>
  makeTree({ "entries/2026-01-01-paged.md": entryText({ title: "Paged entry", topic: "Pager", date: "2026-01-01" }) });
const PAGER = "sed 's/^/PAGED: /'";

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe("long output and the pager", () => {
  it("is written directly when stdout is not a terminal", async () => {
    const r = await runCli(["list"], { cwd: journal(), env: { PAGER } });
    expect(r.stdout).toMatch(/^2026-01-01\s+Pager\s+Paged entry/);
  });

  it.skipIf(!hasTmux)("goes through $PAGER on a terminal, and not with --no-pager", async () => {
    const dir = journal();
    session = TmuxSession.start(`node ${BIN} list`, { cwd: dir, env: { PAGER } });
    expect(await session.waitFor("[exit ")).toMatch(/^PAGED: 2026-01-01\s+Pager\s+Paged entry/m);
    session.kill();
    session = TmuxSession.start(`node ${BIN} --no-pager show paged`, { cwd: dir, env: { PAGER } });
    const screen = await session.waitFor("[exit ");
    expect(screen).toMatch(/^Paged entry$/m);
    expect(screen).not.toContain("PAGED:");
  });
});
