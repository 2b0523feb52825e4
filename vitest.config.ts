import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Most tests wait on a spawned nexus: as many files at a time as there are cores keep
    // them all busy (the default, one fewer than the cores, leaves one idle on 2 cores).
    maxWorkers: Math.max(2, os.availableParallelism()),
    // A worker runs file after file in one process: a fresh process and module graph per
    // file cost about a fifth of the suite's CPU (98 files). Tests restore what they change
    // (spies, process.env) and keep their state in their own temporary folders.
    isolate: false,
  },
});
