// The GitHub Actions workflow that `nexus init --ci` writes.
import { packageGitHubRepo, packageGitRef, packageName, packageVersion } from "../package-paths.js";

export const CI_WORKFLOW_PATH = ".github/workflows/nexus-readme.yml";

/**
 * Fails a pull request or push whose README.md (or journal/) is not what the entries
 * make. nexus is pinned to the version that wrote the workflow, so a newer release
 * cannot change the expected README under a journal without a commit. When that
 * version is not on the npm registry (a nexus installed from git or a tarball), the
 * same code is taken from its git repository, and the log says so.
 */
export function ciWorkflow(): string {
  const pinned = `${packageName()}@${packageVersion()}`;
  const repo = packageGitHubRepo();
  const fromGit = repo ? `github:${repo}#${packageGitRef()}` : undefined;
  const fix = `npx --package="$package" -- nexus build-readme`;
  return `# Checks that README.md and journal/ are what \`nexus build-readme\` makes from entries/.
# Written by \`nexus init --ci\` (${pinned}). To fix a failure, run
#   npx ${pinned} build-readme
# and commit README.md and journal/.${fromGit ? `
# While ${pinned} is not on the npm registry, this workflow runs the same code from
# git (NEXUS_FROM_GIT below) and says so; the command to fix a failure is then
#   npx --package=${fromGit} -- nexus build-readme` : ""}
name: nexus README

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  readme:
    runs-on: ubuntu-latest
    env:
      NEXUS: ${pinned}${fromGit ? `\n      NEXUS_FROM_GIT: ${fromGit}` : ""}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: README.md is up to date
        run: |
${workflowScript(fix, fromGit !== undefined)
  .split("\n")
  .map((line) => (line ? `          ${line}` : line))
  .join("\n")}
`;
}

/** The shell of the check step: which nexus to run, then build-readme --check. */
function workflowScript(fix: string, hasGit: boolean): string {
  const choose = hasGit
    ? `package="$NEXUS"
if ! npm view "$NEXUS" version >/dev/null 2>&1; then
  echo "::warning title=nexus is not on npm::$NEXUS is not on the npm registry, so this check runs the same nexus from git: $NEXUS_FROM_GIT"
  package="$NEXUS_FROM_GIT"
fi`
    : `package="$NEXUS"`;
  return `${choose}
if ! npx --yes --package="$package" -- nexus --version >/dev/null; then
  echo "::error title=nexus could not be installed::npx could not install $package. To check the README by hand: ${fix.replace(/"/g, "")} --check"
  exit 1
fi
if ! npx --yes --package="$package" -- nexus build-readme --check; then
  echo "::error title=README.md is not up to date::Run ${fix.replace(/"/g, "")} and commit README.md and journal/"
  exit 1
fi
`;
}
