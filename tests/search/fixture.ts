import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT, tempDir } from "../helpers.js";

export const FIXTURE = path.join(REPO_ROOT, "tests", "fixtures", "search", "journal");

/**
 * A copy of the fixture journal in a temporary folder. With `aged`, every entry's
 * modification time is a day old, so the cache records it at once (files modified
 * within seconds are re-read, never cached).
 */
export function fixtureJournal(options: { aged?: boolean } = {}): string {
  const dir = tempDir("nexus-search-");
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.nexus`) });
  if (options.aged) ageEntries(dir);
  return dir;
}

/** Sets every entry's mtime to a day ago. */
export function ageEntries(dir: string): void {
  const old = new Date(Date.now() - 86_400_000);
  for (const name of fs.readdirSync(path.join(dir, "entries"))) fs.utimesSync(path.join(dir, "entries", name), old, old);
}

export const entryPath = (slug: string) =>
  fs.readdirSync(path.join(FIXTURE, "entries")).map((n) => `entries/${n}`).find((p) => p.includes(slug)) ?? `(no fixture entry ${slug})`;
