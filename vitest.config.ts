import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Generous: tests assert behaviour, never speed, and must pass on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Model-backed tests share 2 cores; running files in parallel only makes them fight.
    fileParallelism: false,
    reporters: ["default"],
  },
});
