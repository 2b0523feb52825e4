import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Most tests wait on a spawned nexus: two files at a time keep both cores of a
    // 2-core machine busy (the default, one fewer than the cores, leaves one idle).
    maxWorkers: 2,
  },
});
