import path from "node:path";
import { UsageError } from "../errors.js";

/**
 * The folder from --dir, else NEXUS_DIR. An empty one is a usage error, not "no folder":
 * `nexus rm --yes --dir "$UNSET"` must not fall back to the journal of the current folder.
 */
export function journalDir(flag: string | undefined, env: string | undefined): string | undefined {
  if (flag !== undefined) {
    if (!flag.trim()) throw new UsageError("--dir is empty: give the journal's folder (or leave --dir out to find it from here)");
    return flag;
  }
  if (env !== undefined && !env.trim()) throw new UsageError("NEXUS_DIR is set but empty: give the journal's folder, or unset it");
  return env;
}

/**
 * Commands whose first look at the entries folder comes before they write in it: a listing
 * made as the run starts is theirs (add, edit, rm and import write first, or may).
 */
const READ_FIRST = new Set(["list", "ls", "search", "find", "show", "open", "stats", "tags", "build-readme", "doctor", "review"]);

/**
 * The entries folder a command line will most likely read, found without commander: `entries`
 * in the folder of -C/--dir (or NEXUS_DIR, or the working folder); undefined for help, the version
 * and commands not in READ_FIRST. Only a guess, for listing the folder and reading the cache early (journal/early.ts):
 * a journal with another entries folder, or found above the working folder, is listed when scanned.
 */
export function entriesGuess(args: readonly string[], env: string | undefined): string | undefined {
  let dir: string | undefined;
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") break;
    if (arg === "-h" || arg === "--help" || arg === "-V" || arg === "--version") return undefined;
    if (arg === "-C" || arg === "--dir") dir = args[++i];
    else if (arg.startsWith("--dir=")) dir = arg.slice("--dir=".length);
    else if (arg.startsWith("-C") && arg.length > 2) dir = arg.slice(2);
    else if (!arg.startsWith("-")) command ??= arg;
  }
  if (command === undefined || !READ_FIRST.has(command)) return undefined;
  dir ??= env;
  try {
    return path.resolve(process.cwd(), dir?.trim() ? dir : ".", "entries");
  } catch {
    return undefined;
  }
}
