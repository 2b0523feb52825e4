// build-readme's own files in the journal's `.nexus/` folder, beside the entry cache
// (cache.ts): the summary cache (readme/summary-cache.ts). Like the entry cache, each
// is only a speed-up: read when it is a regular file, replaced atomically, written only
// when the journal folder is writable (otherwise skipped in silence), and deleting it
// changes nothing but speed. What is in them is checked by their own modules.
import fs from "node:fs";
import path from "node:path";
import { CACHE_DIR, writableCacheDir } from "./cache-file.js";
import type { Journal } from "./root.js";
import { replaceFile } from "./safe-write.js";

export const SUMMARY_CACHE = "readme-summaries";

/** The bytes of one of build-readme's cache files; undefined when there is none (or it is a link, a folder, unreadable). */
export function readReadmeCache(journal: Journal, name: string): Buffer | undefined {
  const file = path.join(journal.root, CACHE_DIR, name);
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Replaces one of build-readme's cache files; a cache that cannot be written is only slower. */
export function writeReadmeCache(journal: Journal, name: string, data: string | Uint8Array): void {
  const dir = writableCacheDir(journal);
  if (!dir) return;
  try {
    replaceFile(path.join(dir, name), data);
  } catch {
    // Only slower next time.
  }
}
