// Files nexus reads in order to write them back (README.md, templates, entries
// opened for editing or renaming) are decoded strictly as UTF-8: a byte that is
// not UTF-8 would come back as U+FFFD and change bytes nobody meant to change.
// Such a file is refused, with its first bad line, and left as it is.
import { UserError } from "../errors.js";
import { readRegular } from "./regular-file.js";

// ignoreBOM: a byte order mark stays in the text, so it is written back too.
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The 1-based line of the first byte that is not UTF-8, or undefined when all of it is. */
export function firstNonUtf8Line(bytes: Uint8Array): number | undefined {
  try {
    strict.decode(bytes);
    return undefined;
  } catch {
    // Find the line: a newline byte is never part of a multi-byte sequence.
  }
  let line = 1;
  let start = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (nl === -1) return line;
    start = nl + 1;
    line += 1;
  }
}

/** Decodes bytes strictly; a byte order mark is kept. Throws UserError naming `label` and the line. */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const line = firstNonUtf8Line(bytes) ?? 1;
    throw new UserError(`${label}:${line}: not UTF-8 text, so nexus leaves the file as it is`, {
      hint: `convert it to UTF-8 (for Latin-1: iconv -f latin1 -t utf-8 FILE > FILE.new), then run the command again`,
    });
  }
}

/** Reads a whole file as strict UTF-8 (see decodeUtf8). */
export function readUtf8File(file: string, label: string): string {
  return decodeUtf8(readRegular(file), label);
}
