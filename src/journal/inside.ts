// The one rule for what lies inside the journal, for reads and writes alike: a
// path is inside when the place it really leads to, every symbolic link on the
// way followed, is the journal's folder or lies under it. A path not made yet
// leads where its nearest existing folder leads. A link that leads nowhere is
// not inside: what is written through it would land wherever it comes to point.

import fs from "node:fs";
import path from "node:path";
import { UserError, isErrnoException } from "../errors.js";

/** Whether `target` is `folder` or lies under it (absolute paths, compared as given). */
export function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export type Whereabouts =
  | { inside: true; real: string }
  | { inside: false; why: "a link out of the journal" | "a link to nothing" };

/** Where `target` leads, measured against the journal's real folder `realRoot` (see the rule above). */
export function whereabouts(realRoot: string, target: string): Whereabouts {
  const rest: string[] = [];
  let at = path.resolve(target);
  for (;;) {
    let real: string | undefined;
    try {
      real = fs.realpathSync(at);
    } catch (error) {
      if (!isErrnoException(error) || (error.code !== "ENOENT" && error.code !== "ENOTDIR")) throw error;
    }
    if (real !== undefined) {
      const full = path.join(real, ...rest);
      return isInside(realRoot, full) ? { inside: true, real: full } : { inside: false, why: "a link out of the journal" };
    }
    if (isLink(at)) return { inside: false, why: "a link to nothing" };
    const parent = path.dirname(at);
    if (parent === at) return { inside: false, why: "a link to nothing" };
    rest.unshift(path.basename(at));
    at = parent;
  }
}

/** Whether `file` is a symbolic link (false when nothing, or a file on the way, is there). */
function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The journal folder's real path. */
export function realRootOf(root: string): string {
  return fs.realpathSync(root);
}

/**
 * A folder of the journal that nexus is about to write in (`shown` names it, such as
 * "entries"): made when missing, refused (exit 1) when it leads out of the journal or
 * nowhere, as every read refuses it. Returns it.
 */
export function folderForWriting(root: string, folder: string, shown: string): string {
  refuseOutside(realRootOf(root), folder, shown);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** Throws (exit 1) when `target` leads out of the journal or nowhere: nothing is read or written through it. */
export function refuseOutside(realRoot: string, target: string, shown: string): void {
  const where = whereabouts(realRoot, target);
  if (where.inside) return;
  throw new UserError(`${shown} is ${where.why}: nothing is read or written through it`, {
    hint: `make ${shown} a folder or file inside the journal (remove the link), then run the command again`,
  });
}

/** The entries folder as the user names it (its path in the journal). */
export function entriesShown(journal: { root: string; entriesDir: string }): string {
  return path.relative(journal.root, journal.entriesDir).split(path.sep).join("/") || ".";
}
