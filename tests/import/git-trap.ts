// A git repository made to run a program: each way git's documentation gives
// for a repository's config (or a file it includes) to name a program is set to
// a script that appends its name to a marker file. Used to show that nexus's
// git runner runs none of them, and that plain git would (so the test can fail).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface Trap {
  /** The repository (its work tree). */
  repo: string;
  /** Appended to by every trap that fires: "name args". */
  marker: string;
  /** The trap scripts' names that ran so far. */
  fired(): string[];
}

const plainEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_")) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
};

/** Runs plain git (no protection), as the repository's owner would. */
export function plainGit(cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  return execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.com", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...plainEnv(), ...extraEnv },
  });
}

/** A signed-looking commit (git checks any signature it lists, valid or not). */
function signedCommit(repo: string, tree: string, parent: string | undefined, date: number, header: string, kind: string): string {
  const sig = header.replace("@", kind);
  const text =
    `tree ${tree}\n` +
    (parent ? `parent ${parent}\n` : "") +
    `author a <a@b> ${date} +0000\ncommitter a <a@b> ${date} +0000\n` +
    `gpgsig -----BEGIN ${sig}-----\n \n iQEzBAABCAAdFiEE\n -----END ${sig}-----\n\nsigned ${kind}\n`;
  const file = path.join(repo, "..", `commit-${kind.replace(/\W/g, "")}.txt`);
  fs.writeFileSync(file, text);
  return plainGit(repo, ["hash-object", "-t", "commit", "-w", file]).trim();
}

/**
 * Builds the trap under `dir`: `dir/til` is the repository, with `python/lists.md`
 * (later renamed `python/list-slicing.md`) and `web/grid.md` committed in commits
 * signed with an OpenPGP, an X.509 and an SSH signature, a `.gitattributes` naming
 * diff, textconv and filter drivers, and `notes/gone.md` (added, then removed) whose
 * content is missing as in a partial clone (unless `partial` is false): reading it
 * would fetch it from the remote.
 * `where` says in which config file the traps are set: the repository's own, a file
 * reached by `include.path`, or one reached by `includeIf "gitdir:"`.
 */
export function makeTrap(dir: string, where: "config" | "include" | "includeIf" = "config", partial = true): Trap {
  const repo = path.join(dir, "til");
  const marker = path.join(dir, "PWNED");
  fs.mkdirSync(path.join(repo, "python"), { recursive: true });
  fs.mkdirSync(path.join(repo, "web"), { recursive: true });
  const script = (name: string) => {
    const file = path.join(dir, `trap-${name}.sh`);
    fs.writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> '${marker}'\ncat >/dev/null 2>&1 </dev/null\nexit 1\n`, { mode: 0o755 });
    return file;
  };
  plainGit(repo, ["init", "-q"]);
  fs.writeFileSync(path.join(repo, "python/lists.md"), "# Lists\n\nslicing\n");
  fs.mkdirSync(path.join(repo, "notes"));
  fs.writeFileSync(path.join(repo, "notes/gone.md"), "# Gone\n\nonly in the first commit\n");
  fs.writeFileSync(path.join(repo, ".gitattributes"), "*.md diff=trap filter=trap\n");
  plainGit(repo, ["add", "python", "notes", ".gitattributes"]);
  const tree1 = plainGit(repo, ["write-tree"]).trim();
  const c1 = signedCommit(repo, tree1, undefined, 1_600_000_000, "@", "PGP SIGNATURE");
  fs.writeFileSync(path.join(repo, "web/grid.md"), "# Grid\n\ncss grid\n");
  plainGit(repo, ["add", "web"]);
  plainGit(repo, ["rm", "-q", "--cached", "notes/gone.md"]);
  fs.rmSync(path.join(repo, "notes"), { recursive: true });
  const tree2 = plainGit(repo, ["write-tree"]).trim();
  const c2 = signedCommit(repo, tree2, c1, 1_610_000_000, "@", "SIGNED MESSAGE");
  plainGit(repo, ["mv", "python/lists.md", "python/list-slicing.md"]);
  const tree3 = plainGit(repo, ["write-tree"]).trim();
  const c3 = signedCommit(repo, tree3, c2, 1_620_000_000, "@", "SSH SIGNATURE");
  plainGit(repo, ["update-ref", "HEAD", c3]);
  plainGit(repo, ["reset", "-q", "--hard"]);

  const settings: [string, string][] = [
    ["log.showSignature", "true"],
    ["gpg.program", script("gpg.program")],
    ["gpg.openpgp.program", script("gpg.openpgp.program")],
    ["gpg.x509.program", script("gpg.x509.program")],
    ["gpg.ssh.program", script("gpg.ssh.program")],
    ["gpg.ssh.allowedSignersFile", path.join(dir, "allowed-signers")],
    ["gpg.ssh.defaultKeyCommand", script("gpg.ssh.defaultKeyCommand")],
    ["core.fsmonitor", script("core.fsmonitor")],
    ["core.hooksPath", path.join(dir, "hooks")],
    ["core.pager", script("core.pager")],
    ["pager.log", script("pager.log")],
    ["core.editor", script("core.editor")],
    ["core.askPass", script("core.askPass")],
    ["core.sshCommand", script("core.sshCommand")],
    ["core.gitProxy", script("core.gitProxy")],
    ["credential.helper", script("credential.helper")],
    ["diff.external", script("diff.external")],
    ["diff.trap.command", script("diff.trap.command")],
    ["diff.trap.textconv", script("diff.trap.textconv")],
    ["filter.trap.clean", script("filter.trap.clean")],
    ["filter.trap.smudge", script("filter.trap.smudge")],
    ["filter.trap.process", script("filter.trap.process")],
    ["protocol.allow", "always"],
    ["protocol.ext.allow", "always"],
    ["remote.origin.url", `ext::${script("remote.ext")} %S`],
    ["remote.origin.promisor", "true"],
    ["extensions.partialClone", "origin"],
    ["core.repositoryFormatVersion", "1"],
    ["diff.renames", "true"],
  ];
  fs.writeFileSync(path.join(dir, "allowed-signers"), "a@b ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
  fs.mkdirSync(path.join(dir, "hooks"));
  for (const hook of ["post-checkout", "post-index-change", "pre-auto-gc", "reference-transaction", "fsmonitor-watchman"]) {
    fs.copyFileSync(script(`hook.${hook}`), path.join(dir, "hooks", hook));
  }
  const body = settings.map(([key, value]) => {
    const dot = key.lastIndexOf(".");
    const section = key.slice(0, dot);
    const [name, sub] = section.includes(".") ? [section.slice(0, section.indexOf(".")), section.slice(section.indexOf(".") + 1)] : [section, undefined];
    return `[${name}${sub ? ` "${sub}"` : ""}]\n\t${key.slice(dot + 1)} = ${JSON.stringify(value)}\n`;
  }).join("");
  const config = path.join(repo, ".git", "config");
  if (where === "config") fs.appendFileSync(config, body);
  else {
    const included = path.join(dir, "included.gitconfig");
    fs.writeFileSync(included, body);
    const header = where === "include" ? "[include]" : `[includeIf "gitdir:${repo}/"]`;
    fs.appendFileSync(config, `${header}\n\tpath = ${included}\n`);
  }
  // A blob left out, as in a partial clone: reading it would fetch it from the promisor remote.
  const blob = plainGit(repo, ["rev-parse", `${c1}:notes/gone.md`]).trim();
  if (partial) fs.rmSync(path.join(repo, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
  fs.writeFileSync(path.join(repo, "python/list-slicing.md"), "# Lists\n\nslicing, edited\n");
  return {
    repo,
    marker,
    fired: () => (fs.existsSync(marker) ? [...new Set(fs.readFileSync(marker, "utf8").split("\n").filter(Boolean).map((l) => l.split(" ")[0]!))].sort() : []),
  };
}
