// The GitHub Actions workflow that `nexus init --ci` writes.
import { packageVersion } from "../package-paths.js";

export const CI_WORKFLOW_PATH = ".github/workflows/nexus-readme.yml";

/**
 * Fails a pull request or push whose README.md is not what the entries make.
 * nexus is pinned to the version that wrote the workflow, so a newer release
 * cannot change the expected README under a journal without a commit.
 */
export function ciWorkflow(): string {
  return `# Checks that README.md is what \`nexus build-readme\` makes from entries/.
# Written by \`nexus init --ci\`. To fix a failure, run \`npx nexus-journal@${packageVersion()} build-readme\` and commit README.md.
name: nexus README

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  readme:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: README.md is up to date
        run: npx --yes nexus-journal@${packageVersion()} build-readme --check
`;
}
