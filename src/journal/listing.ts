// The names in the entries folder, asked of the system as a run starts. Listing a folder of
// 10,000 files takes ~15 ms, most of it in the system and in libuv (which sorts the names);
// asked for at once (src/cli.ts), it is done on a thread of libuv's pool while the CLI and the
// command are loaded (~40 ms), and the scan (scan.ts) takes the names from here.
//
// The listing is then that of the folder as the run started, a few tens of milliseconds before
// the scan would have made it: a file added meanwhile is seen by the next run, as a file
// added just after a scan is; a file removed meanwhile is not found by its lstat, as one
// removed during a scan is. A listing not done when the scan starts is not waited for.
import fs from "node:fs";

/** Listings asked for and not taken yet, by folder (its absolute path, as the scan walks it). */
const listings = new Map<string, { names: string[] | undefined }>();

/** Asks the system for the names in `dir` (an absolute path), without waiting. */
export function listEarly(dir: string): void {
  if (listings.has(dir)) return;
  const listing: { names: string[] | undefined } = { names: undefined };
  listings.set(dir, listing);
  fs.readdir(dir, (error, names) => {
    if (!error) listing.names = names;
  });
}

/** The names in `dir` when its early listing is done (once: it is then forgotten); undefined otherwise. */
export function takeEarlyListing(dir: string): string[] | undefined {
  const listing = listings.get(dir);
  if (!listing?.names) return undefined;
  listings.delete(dir);
  return listing.names;
}
