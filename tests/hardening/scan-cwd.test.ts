// The scan lstats each file from inside its folder (process.chdir) and goes back to
// the user's folder after: when that folder cannot be entered again by its path, the
// scan must not leave it at all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, entryText, makeTree, tempDir } from "../helpers.js";

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * The built CLI copied where nobody may read it: the checkout may sit in a folder only
 * root can enter (/root/nexus), where nobody could not start bin/nexus.js.
 */
function cliNobodyCanRun(): string {
  const dir = tempDir("nexus-cli-copy-");
  for (const part of ["bin", "dist", "templates/default", "package.json"]) {
    fs.cpSync(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
  }
  const open = (file: string) => {
    const stat = fs.statSync(file);
    fs.chmodSync(file, stat.isDirectory() ? 0o755 : 0o644);
    if (stat.isDirectory()) for (const name of fs.readdirSync(file)) open(path.join(file, name));
  };
  open(dir);
  return path.join(dir, "bin", "nexus.js");
}

describe("the working folder after a scan", () => {
  it.skipIf(!isRoot)("stays the user's even when its path cannot be entered again (a folder above it not searchable)", () => {
    const journal = makeTree({
      "nexus.config.json": JSON.stringify({ entries: "entries" }),
      "entries/2024-01-01-a.md": entryText({ title: "A", topic: "T", date: "2024-01-01" }),
      "entries/sub/2024-01-02-b.md": entryText({ title: "B", topic: "T", date: "2024-01-02" }),
    });
    fs.mkdirSync(path.join(journal, "templates"));
    fs.symlinkSync("missing.md", path.join(journal, "templates", "README.md"));
    for (const dir of [journal, path.join(journal, "entries"), path.join(journal, "entries", "sub"), path.join(journal, "templates")]) fs.chmodSync(dir, 0o777);
    // The user is in a folder inside one only root may search (mkdtemp makes it 0700).
    const user = path.join(tempDir(), "here");
    fs.mkdirSync(user, { mode: 0o777 });
    const run = spawnSync(process.execPath, [cliNobodyCanRun(), "--dir", journal, "build-readme"], {
      cwd: user,
      uid: NOBODY,
      gid: NOBODY,
      env: { ...process.env, NO_COLOR: "1", CI: "true", HOME: journal },
      encoding: "utf8",
    });
    // Paths in messages are shown from the user's folder, not from the entries folder.
    const shown = path.relative(user, path.join(journal, "templates", "README.md"));
    expect(run.stderr).toContain(`nexus: ${shown} is a link to a file that does not exist`);
    expect(run.status).toBe(1);
  });
});

describe("a working folder removed before nexus starts", () => {
  it("is one line naming the problem, exit 1, no stack trace", () => {
    const journal = makeTree({
      "nexus.config.json": JSON.stringify({ entries: "entries" }),
      "entries/2024-01-01-a.md": entryText({ title: "A", topic: "T", date: "2024-01-01" }),
    });
    const gone = path.join(tempDir(), "gone");
    fs.mkdirSync(gone);
    // The shell is in the folder when it is removed, as a terminal left in a deleted folder is.
    const run = spawnSync("sh", ["-c", 'cd "$1" && rmdir "$1" && exec "$2" "$3" --dir "$4" list', "sh", gone, process.execPath, BIN, journal], {
      env: { ...process.env, NO_COLOR: "1", CI: "true" },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("nexus: the current folder no longer exists (it was removed or moved away)\nhint: cd to a folder that exists and run nexus again\n");
    expect(run.stdout).toBe("");
    expect(run.status).toBe(1);
  });
});
