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
