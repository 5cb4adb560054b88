import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The end-to-end test starts Jupyter and Chromium; keep files from competing for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
