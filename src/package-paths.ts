import fs from "node:fs";
import { fileURLToPath } from "node:url";
import {  } from "./journal/regular-file.js";

/** The installed package's root folder (this file is dist/package-paths.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The package's built-in templates, never looked up from the current folder. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL("../templates/default/", import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  repository?: string | { url?: string };
}

let pkg: PackageJson | undefined;
// eslint-disable-next-line no-restricted-properties -- the package's own package.json, beside this code
const packageJson = (): PackageJson => (pkg ??= JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as PackageJson);

export function packageVersion(): string {
  return packageJson().version;
}

export function packageName(): string {
  return packageJson().name;
}

/** "owner/name" of the package's GitHub repository (package.json `repository`), if it names one. */
export function packageGitHubRepo(): string | undefined {
  const repository = packageJson().repository;
  const url = typeof repository === "string" ? repository : repository?.url;
  return /github(?:\.com[/:]|:)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url ?? "")?.[1];
}

// The git commit the build was made from (scripts/build.js), when it was made in a git checkout.
declare const NEXUS_GIT_COMMIT: string | undefined;

/** The git ref of this very code: the commit it was built from, else the version's tag. */
export function packageGitRef(): string {
  return typeof NEXUS_GIT_COMMIT === "string" && NEXUS_GIT_COMMIT ? NEXUS_GIT_COMMIT : `v${packageVersion()}`;
}
