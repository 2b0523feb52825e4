// doctor's look for entry files whose names differ only in case or in Unicode form
// (NFC and NFD): Linux keeps both, but on macOS and Windows they are one name, so a
// clone there has only one of them and git shows the other as changed.
import type { FileProblem, LoadedEntry } from "./entry-file.js";

/** A path as a case- and normalization-insensitive file system compares it (final sigma folds to sigma). */
const folded = (p: string) => p.normalize("NFC").toLowerCase().replace(/ς/g, "σ");

export function nameClashProblems(entries: readonly LoadedEntry[]): FileProblem[] {
  const first = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const path of entries.map((e) => e.path).sort()) {
    const key = folded(path);
    const other = first.get(key);
    if (other === undefined) first.set(key, path);
    else {
      problems.push({
        path,
        line: 1,
        severity: "warning",
        message: `its name differs from ${other} only in case or Unicode form (NFC/NFD): on macOS and Windows they are one file, and a clone there keeps only one; rename one (git mv)`,
      });
    }
  }
  return problems;
}
