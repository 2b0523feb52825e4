import { afterEach, describe, expect, it } from "vitest";
import { BIN } from "../helpers.js";
import { hasTmux, TmuxSession } from "../tmux.js";
import { fixtureJournal } from "./fixture.js";

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

describe.skipIf(!hasTmux)("nexus search without words, in a terminal (tmux)", () => {
  it("narrows as the user types and shows the chosen entry", async () => {
    const dir = fixtureJournal();
    session = TmuxSession.start(`node ${BIN} search`, { cwd: dir });
    await session.waitFor("Search the journal");
    // Before typing: the newest entries.
    await session.waitFor("Zero-downtime database migrations");
    session.type("kubernets");
    const narrowed = await session.waitFor(/Rolling deployments on Kubernetes/);
    expect(narrowed).not.toContain("Zero-downtime database migrations");
    session.press("Enter");
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 0]");
    // The entry as `nexus show` renders it: header, then the sections.
    expect(screen).toMatch(/Rolling deployments on Kubernetes\s*\nDevOps · 2026-02-10 · #k8s #deployment\s*\nentries\/2026-02-10-rolling-deployments-on-kubernetes\.md/);
    expect(screen).toContain("maxUnavailable: 0");
  });

  it("Esc leaves without showing anything, exit 130", async () => {
    const dir = fixtureJournal();
    session = TmuxSession.start(`node ${BIN} search`, { cwd: dir });
    await session.waitFor("Search the journal");
    session.type("celery");
    await session.waitFor("Retrying Celery tasks");
    session.press("Escape");
    const screen = await session.waitFor("[exit ");
    expect(screen).toContain("[exit 130]");
    expect(screen).not.toContain("autoretry_for");
  });
});
