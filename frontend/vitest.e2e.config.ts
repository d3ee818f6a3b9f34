/**
 * End-to-end tests (`npm run test:e2e`): Vitest in Node drives Debian chromium through
 * playwright-core against the real stack (e2e/stack.ts). One file at a time, long timeouts.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/clearResults.ts"],
    testTimeout: 420_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
