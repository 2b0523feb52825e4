// V8 settings for a process that lives a few hundred milliseconds. V8 tunes itself
// for programs that run long: what pays off over minutes costs more than it saves
// in one command. Measured on a 2-core machine (npm run bench, 10,000 entries).
// bin/nexus.js sets the first before anything is allocated.
import v8 from "node:v8";

/**
 * V8 doubles its young generation each time most of it survives a collection; bin/nexus.js
 * keeps it at its first size, as new memory is dear (a page touched for the first time
 * costs 10 to 20 microseconds on a virtual machine) and a warm read keeps little. Parsing
 * many files makes so much garbage that collecting a small young generation that often
 * costs more (a first run over 100,000 entries took 20% more CPU): it may grow again then.
 */
export function letYoungGenerationGrow(): void {
  v8.setFlagsFromString("--semi-space-growth-factor=2");
}

/**
 * Optimizes fewer functions from here on: after the scan of the journal, a command's work
 * is one pass over each of its arrays, and V8's optimizing compiler (20 to 40 ms a
 * function here, on the other core) finishes after the work it was to speed up. With four
 * times V8 11's default budget (a function is optimized after running four times as much),
 * a search of 10,000 entries took 30 ms less; `list`, whose loop is the scan, does not call this.
 */
export function optimizeLess(): void {
  v8.setFlagsFromString("--interrupt-budget=270336");
}
