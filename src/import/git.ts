// The one way nexus runs git: to read history (dates, names) out of a folder
// someone else may have made, such as a TIL repository unpacked from a tarball
// with its `.git`. A repository's config (and every file it includes) can name
// programs for git to run; here none of them is ever run:
// - global and system config are not read (GIT_CONFIG_GLOBAL/SYSTEM=/dev/null),
//   and every GIT_* variable of nexus's own environment is dropped;
// - `-c` settings, read after every config file and every include, turn off or
//   point nowhere each setting git documents as naming a program: fsmonitor,
//   hooks, pager, editors, signature checks (log.showSignature, gpg.*program,
//   gpg.ssh.defaultKeyCommand), credential helpers, askpass, ssh and proxies;
// - no protocol is allowed (GIT_ALLOW_PROTOCOL), so a partial clone's lazy
//   fetch or a remote helper (`ext::`) cannot start;
// - only commands that read history are allowed, and those that can show a
//   diff get --no-ext-diff and --no-textconv, so diff and textconv drivers named
//   by .gitattributes never run; clean/smudge filters run only for commands that
//   read the work tree, and none of those is allowed;
// - a bare repository found inside the folder is not used (safe.bareRepository);
// - git itself is found on PATH by absolute folders only, never in the folder read.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** A path no program can be at: a setting pointed here runs nothing. */
const NOWHERE = "/dev/null/nexus-runs-no-program";

/** Settings read after every config file: each names a program git could run, or a way to reach one. */
const OVERRIDES: readonly string[] = [
  "core.fsmonitor=false",
  "core.hooksPath=/dev/null",
  "core.pager=cat",
  "core.editor=" + NOWHERE,
  "sequence.editor=" + NOWHERE,
  "core.askPass=" + NOWHERE,
  "core.sshCommand=" + NOWHERE,
  "core.gitProxy=" + NOWHERE,
  "core.alternateRefsCommand=" + NOWHERE,
  "log.showSignature=false",
  "gpg.program=" + NOWHERE,
  "gpg.openpgp.program=" + NOWHERE,
  "gpg.x509.program=" + NOWHERE,
  "gpg.ssh.program=" + NOWHERE,
  "gpg.ssh.defaultKeyCommand=" + NOWHERE,
  "credential.helper=",
  "protocol.allow=never",
  "submodule.recurse=false",
  "diff.submodule=short",
  "gc.auto=0",
  "maintenance.auto=false",
  "safe.bareRepository=explicit",
  "i18n.logOutputEncoding=UTF-8",
];

/** Commands that read history and never the work tree's contents (so no clean/smudge filter). */
const READERS = new Set(["log", "rev-parse", "rev-list", "show", "diff-tree", "ls-tree", "version"]);
/** Of those, the ones that can print a diff: external diff and textconv drivers are turned off. */
const DIFFERS = new Set(["log", "show", "diff-tree"]);
/** Arguments that would turn a program back on. */
const REFUSED = /^--(ext-diff|textconv|show-signature|filters)$|%G/;

export interface GitOptions {
  /** Largest output accepted, in bytes (default 64 MiB). */
  maxBuffer?: number;
  /** Milliseconds before git is stopped (default 30 s). */
  timeout?: number;
}

/** Why git gave no answer: not installed, not a repository, refused, too slow or too much output. */
export class GitFailed extends Error {}

/**
 * Runs `git <args>` in `cwd` and returns its standard output. Throws GitFailed when git
 * is missing or fails; throws a plain Error for a command or argument that is not allowed.
 */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): string {
  const [command, ...rest] = args;
  if (!command || !READERS.has(command)) throw new Error(`git ${command ?? ""}: not a command nexus runs`);
  const refused = rest.find((arg) => REFUSED.test(arg));
  if (refused !== undefined) throw new Error(`git ${command} ${refused}: not an argument nexus passes`);
  const program = gitProgram();
  if (!program) throw new GitFailed("git is not installed (not found on PATH)");
  const settings = OVERRIDES.flatMap((setting) => ["-c", setting]);
  const safety = DIFFERS.has(command) ? ["--no-ext-diff", "--no-textconv"] : [];
  try {
    return execFileSync(program, ["--no-pager", "--no-optional-locks", ...settings, command, ...safety, ...rest], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeout ?? 30_000,
      maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
      env: gitEnvironment(process.env),
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim().split("\n").pop();
    throw new GitFailed(stderr || (error as Error).message);
  }
}

/** runGit, or undefined when git gives no answer (not installed, not a repository). */
export function tryGit(cwd: string, args: readonly string[], options: GitOptions = {}): string | undefined {
  try {
    return runGit(cwd, args, options);
  } catch (error) {
    if (error instanceof GitFailed) return undefined;
    throw error;
  }
}

/** The environment git runs in: nexus's own, without any GIT_* variable, and with no config but the repository's. */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!/^GIT_/i.test(key)) out[key] = value;
  return {
    ...out,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_SYSTEM: "/dev/null",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_ALLOW_PROTOCOL: "nexus-allows-no-protocol",
    GIT_NO_LAZY_FETCH: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_PAGER: "cat",
    PAGER: "cat",
  };
}

let found: string | null | undefined;

/** git's absolute path, from PATH's absolute folders only (an empty or relative entry would mean the folder read). */
function gitProgram(): string | undefined {
  if (found !== undefined) return found ?? undefined;
  found = null;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, "git");
    try {
      const stat = fs.statSync(candidate);
      if (stat.isFile() && stat.mode & 0o111) {
        found = candidate;
        break;
      }
    } catch {
      // not here
    }
  }
  return found ?? undefined;
}
