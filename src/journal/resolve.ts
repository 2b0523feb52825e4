import path from "node:path";
import { UserError } from "../errors.js";
import { inertLine } from "../domain/sanitize.js";
import type { JournalContents, LoadedEntry } from "./read.js";
import type { Journal } from "./root.js";
// NFC, so that a name typed or completed in NFD (macOS) finds the file, and an NFD file name is found by NFC.
import { isAsciiText, nfc } from "../domain/unicode.js";

/** A name that is more than one entry: the candidates, for a picker on a terminal. */
export class AmbiguousEntryError extends UserError {
  constructor(
    message: string,
    readonly matches: LoadedEntry[],
  ) {
    super(message, { hint: "name one by its path or file name" });
    this.name = "AmbiguousEntryError";
  }
}

const stem = (p: string) => nfc(path.posix.basename(p).replace(/\.(md|markdown)$/i, ""));
const slugOf = (p: string) => stem(p).replace(/^\d{4}-\d{2}-\d{2}-/, "");

/** The invalid entry file a query names by its path, if any. */
export function invalidEntryAt(contents: JournalContents, journal: Journal, query: string, cwd: string) {
  const wanted = nfc(query.trim());
  const asPath = path.relative(journal.root, path.resolve(cwd, wanted)).split(path.sep).join("/");
  return contents.problems.find((p) => p.severity === "error" && (nfc(p.path) === asPath || nfc(p.path) === wanted.replace(/\\/g, "/")));
}

/**
 * Finds one entry from what a person types: a path (from the journal root or
 * the current folder), a file name, a slug, a title, a date (YYYY-MM-DD), or a unique
 * part of a title. Several candidates is an AmbiguousEntryError that lists them;
 * none, an error that says so. `exact` takes whole names only: no date, no part.
 */
export function resolveEntry(
  journal: Journal,
  contents: JournalContents,
  query: string,
  cwd: string,
  options: { exact?: boolean } = {},
): LoadedEntry {
  const raw = query.trim();
  const wanted = nfc(raw);
  if (!wanted) throw new UserError("name an entry: a path, file name, slug or part of its title");
  const lower = wanted.toLowerCase();
  // The path as typed, byte for byte, first: of two files whose names differ only in NFC and NFD, the one named.
  const atPath = (q: string, form: (s: string) => string) => {
    const fromCwd = path.resolve(cwd, q);
    const asPath = path.relative(journal.root, fromCwd).split(path.sep).join("/");
    return contents.entries.find((e) => form(e.path) === asPath || form(e.path) === q || form(e.file) === fromCwd);
  };

  const invalid = invalidEntryAt(contents, journal, query, cwd);
  const byPath = atPath(raw, (s) => s) ?? (isAsciiText(raw) ? undefined : atPath(wanted, nfc));
  if (byPath) return byPath;
  if (invalid) throw new UserError(`${invalid.path}:${invalid.line}: ${inertLine(invalid.message)}`);

  const tiers: ((e: LoadedEntry) => boolean)[] = [
    (e) => stem(e.path).toLowerCase() === lower.replace(/\.(md|markdown)$/i, ""),
    (e) => slugOf(e.path).toLowerCase() === lower,
    (e) => e.title.toLowerCase() === lower,
  ];
  if (!isAsciiText(raw)) {
    const typed = raw.replace(/\.(md|markdown)$/i, "");
    tiers.unshift((e) => path.posix.basename(e.path).replace(/\.(md|markdown)$/i, "") === typed);
  }
  // A day, and parts of a title or slug, are fine for reading, not for removing.
  if (!options.exact) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(wanted)) tiers.push((e) => e.date === wanted);
    tiers.push((e) => e.title.toLowerCase().includes(lower), (e) => slugOf(e.path).includes(lower));
  }
  for (const tier of tiers) {
    const matches = contents.entries.filter(tier);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const list = matches
        .slice(0, 20)
        .map((e) => `  ${e.path}  ${inertLine(e.title)}`)
        .join("\n");
      const more = matches.length > 20 ? `\n  ... and ${matches.length - 20} more` : "";
      throw new AmbiguousEntryError(`"${inertLine(wanted)}" matches ${matches.length} entries:\n${list}${more}`, matches);
    }
  }
  if (options.exact) {
    throw new UserError(`no entry is named "${inertLine(wanted)}"`, { hint: "name it by its path, file name, slug or whole title" });
  }
  throw new UserError(`no entry matches "${inertLine(wanted)}"`, { hint: "`nexus list` shows every entry; `nexus search` finds by words" });
}
