// The GitHub Actions workflow that `nexus init --pages` writes: on each push to the
// default branch, build the site with the nexus version that wrote the workflow and
// deploy it to GitHub Pages with the official actions, at the majors current when
// this was written (checked against their repositories' tags: checkout v7, setup-node
// v7, configure-pages v5, upload-pages-artifact v5, deploy-pages v5).
import { packageGitHubRepo, packageGitRef, packageName, packageVersion } from "../package-paths.js";

export const PAGES_WORKFLOW_PATH = ".github/workflows/nexus-pages.yml";

export const PAGES_ACTIONS = {
  checkout: "actions/checkout@v7",
  setupNode: "actions/setup-node@v7",
  configurePages: "actions/configure-pages@v5",
  uploadArtifact: "actions/upload-pages-artifact@v5",
  deployPages: "actions/deploy-pages@v5",
} as const;

export function pagesWorkflow(): string {
  const pinned = `${packageName()}@${packageVersion()}`;
  const repo = packageGitHubRepo();
  const fromGit = repo ? `github:${repo}#${packageGitRef()}` : undefined;
  const choose = fromGit
    ? `package="$NEXUS"
          if ! npm view "$NEXUS" version >/dev/null 2>&1; then
            echo "::warning title=nexus is not on npm::$NEXUS is not on the npm registry, so the site is built by the same nexus from git: $NEXUS_FROM_GIT"
            package="$NEXUS_FROM_GIT"
          fi`
    : `package="$NEXUS"`;
  return `# Publishes the journal as a website on GitHub Pages: \`nexus build-site\` on each push
# to the default branch. Written by \`nexus init --pages\` (${pinned}).
# Once: Settings > Pages > Build and deployment > Source: GitHub Actions.
name: nexus site

on:
  push:
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    # Only the default branch is published, whatever its name.
    if: github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    runs-on: ubuntu-latest
    env:
      NEXUS: ${pinned}${fromGit ? `\n      NEXUS_FROM_GIT: ${fromGit}` : ""}
    steps:
      - uses: ${PAGES_ACTIONS.checkout}
      - uses: ${PAGES_ACTIONS.setupNode}
        with:
          node-version: 24
      - id: pages
        uses: ${PAGES_ACTIONS.configurePages}
      - name: Build the site
        env:
          BASE_URL: \${{ steps.pages.outputs.base_url }}
        run: |
          ${choose}
          npx --yes --package="$package" -- nexus build-site --out _site --base-url "$BASE_URL/"
      - uses: ${PAGES_ACTIONS.uploadArtifact}
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: ${PAGES_ACTIONS.deployPages}
`;
}
