// Writes the site into its folder: only the files whose content changed (a manifest
// in the folder keeps each file's hash), each atomically; removes the files it wrote
// before and no longer makes. It never writes over a file it did not write, never
// through a link, and never into a folder that holds other things.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UserError } from "../errors.js";
import { replaceFile, replaceFiles } from "../journal/safe-write.js";
import type { SiteFile } from "./build.js";
import { readRegular } from "../journal/regular-file.js";

export const SITE_MANIFEST = ".nexus-site.json";
const MANIFEST_VERSION = 1;

export interface WriteReport {
  written: number;
  unchanged: number;
  removed: number;
  /** Every file of the site, and its bytes. */
  files: number;
  bytes: number;
}

const hashOf = (content: string) => createHash("sha256").update(content).digest("base64url").slice(0, 22);

function readManifest(out: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = readRegular(path.join(out, SITE_MANIFEST), { encoding: "utf8" });
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; files?: unknown };
    if (data.version !== MANIFEST_VERSION || typeof data.files !== "object" || data.files === null) return new Map();
    return new Map(Object.entries(data.files as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return new Map();
  }
}

/** Checks the output folder: not a link, and either missing, empty, or a site nexus wrote. */
export function checkOutFolder(out: string): Map<string, string> {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(out);
  } catch {
    return new Map();
  }
  if (!stat.isDirectory()) throw new UserError(`${out} is not a folder (a file or a link); nexus writes the site only into a folder of its own`);
  const manifest = readManifest(out);
  if (manifest) return manifest;
  if (fs.readdirSync(out).length > 0) {
    throw new UserError(`${out} holds files that nexus did not write (it has no ${SITE_MANIFEST}); nothing was written`, { hint: "choose an empty or new folder with --out" });
  }
  return new Map();
}

/** Makes the folders of a file under `out`, refusing a link among them (nothing is written outside the folder). */
function makeFolders(out: string, rel: string, made: Set<string>): void {
  const parts = rel.split("/").slice(0, -1);
  let at = "";
  for (const part of parts) {
    at = at ? `${at}/${part}` : part;
    if (made.has(at)) continue;
    const full = path.join(out, at);
    try {
      if (!fs.lstatSync(full).isDirectory()) throw new UserError(`${full} is not a folder (a file or a link); nothing is written through it`);
    } catch (error) {
      if (error instanceof UserError) throw error;
      fs.mkdirSync(full);
    }
    made.add(at);
  }
}

/** Writes the files into `out` (made if missing); returns what it did. */
export async function writeSite(out: string, files: Iterable<SiteFile>): Promise<WriteReport> {
  const old = checkOutFolder(out);
  fs.mkdirSync(out, { recursive: true });
  const now = new Map<string, string>();
  const made = new Set<string>();
  const report: WriteReport = { written: 0, unchanged: 0, removed: 0, files: 0, bytes: 0 };
  function* changed(): Generator<[string, () => string]> {
    for (const [rel, content] of files) {
      const hash = hashOf(content);
      report.files += 1;
      report.bytes += Buffer.byteLength(content);
      const target = path.join(out, rel);
      let exists = false;
      try {
        const stat = fs.lstatSync(target);
        exists = stat.isFile();
        if (!exists || !old.has(rel)) throw new UserError(`${target} is already there and nexus did not write it; nothing was written over it`, { hint: "choose an empty or new folder with --out" });
      } catch (error) {
        if (error instanceof UserError) throw error;
      }
      now.set(rel, hash);
      if (exists && old.get(rel) === hash) {
        report.unchanged += 1;
        continue;
      }
      makeFolders(out, rel, made);
      report.written += 1;
      yield [target, () => content];
    }
  }
  try {
    await replaceFiles(changed());
  } finally {
    // What was written is the site's, even when a later file stopped the build.
    const merged = new Map([...old, ...now]);
    replaceFile(path.join(out, SITE_MANIFEST), `${JSON.stringify({ version: MANIFEST_VERSION, files: Object.fromEntries([...merged].sort((a, b) => (a[0] < b[0] ? -1 : 1))) })}\n`);
  }
  for (const rel of old.keys()) {
    if (now.has(rel)) continue;
    const target = path.join(out, rel);
    try {
      if (fs.lstatSync(target).isFile()) {
        fs.rmSync(target);
        report.removed += 1;
      }
    } catch {
      // Already gone.
    }
  }
  if (report.removed) replaceFile(path.join(out, SITE_MANIFEST), `${JSON.stringify({ version: MANIFEST_VERSION, files: Object.fromEntries([...now].sort((a, b) => (a[0] < b[0] ? -1 : 1))) })}\n`);
  return report;
}
