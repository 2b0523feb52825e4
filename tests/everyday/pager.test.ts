import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { page, pagerCommand } from "../../src/ui/pager.js";
import { tempDir } from "../helpers.js";
import { fakeIo } from "./fake-io.js";

const tty = (env: NodeJS.ProcessEnv) => {
  const f = fakeIo("/", { interactive: true, env });
  return f;
};

describe("pager", () => {
  it("is used only on a terminal and without --no-pager; PAGER=cat or empty means none", () => {
    expect(pagerCommand({ stdoutIsTTY: true, env: {} })).toBe("less -R");
    expect(pagerCommand({ stdoutIsTTY: false, env: {} })).toBeUndefined();
    expect(pagerCommand({ stdoutIsTTY: true, env: {} }, { noPager: true })).toBeUndefined();
    expect(pagerCommand({ stdoutIsTTY: true, env: { PAGER: "more" } })).toBe("more");
    expect(pagerCommand({ stdoutIsTTY: true, env: { PAGER: "cat" } })).toBeUndefined();
    expect(pagerCommand({ stdoutIsTTY: true, env: { PAGER: "" } })).toBeUndefined();
  });

  it("pipes the text to the pager with LESS=FRX when unset", async () => {
    const dir = tempDir();
    const out = path.join(dir, "paged.txt");
    const { io, stdout } = tty({ PATH: process.env.PATH, PAGER: `cat > "${out}"; printf %s "$LESS" > "${out}.less"` });
    await page(io, "hello\nworld\n");
    expect(fs.readFileSync(out, "utf8")).toBe("hello\nworld\n");
    expect(fs.readFileSync(`${out}.less`, "utf8")).toBe("FRX");
    expect(stdout()).toBe("");
  });

  it("keeps the user's LESS, and survives a pager that quits early", async () => {
    const dir = tempDir();
    const { io } = tty({ PATH: process.env.PATH, LESS: "-S", PAGER: `printf %s "$LESS" > "${dir}/less"; head -c 1 >/dev/null` });
    await page(io, "x".repeat(1_000_000));
    expect(fs.readFileSync(`${dir}/less`, "utf8")).toBe("-S");
  });

  it("writes directly when the pager cannot start, or without a terminal", async () => {
    // The shell reports the missing command on the test's stderr: sent to /dev/null here, so
    // that `npm test` prints no stray line; it still exits 127, which is what nexus sees.
    const missing = tty({ PATH: process.env.PATH, PAGER: "exec 2>/dev/null; no-such-pager-here" });
    await page(missing.io, "text\n");
    expect(missing.stdout()).toBe("text\n");
    const plain = fakeIo("/", { interactive: false, env: { PAGER: "false" } });
    await page(plain.io, "text\n");
    expect(plain.stdout()).toBe("text\n");
  });
});
