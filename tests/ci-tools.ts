// On CI the programs some tests need (tmux, zsh, fish, chromium, xmllint) may still be
// installing when the suite starts: .ci/run installs them with apt beside the first test
// run, and names in NEXUS_CI_TOOLS the file it writes when that install has ended (done or
// failed). A module that looks for one of these programs awaits this first; elsewhere
// (no NEXUS_CI_TOOLS) it returns at once.
import fs from "node:fs";

/** Waits until the install .ci/run started has ended (at most 10 minutes). */
export async function toolsInstalled(): Promise<void> {
  const marker = process.env.NEXUS_CI_TOOLS;
  if (!marker) return;
  const deadline = Date.now() + 10 * 60_000;
  while (!fs.existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}
