import fs from "node:fs";
import { fileURLToPath } from "node:url";

/** The installed package's root folder (this file is dist/package-paths.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** The package's built-in templates, never looked up from the current folder. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL("../templates/default/", import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
