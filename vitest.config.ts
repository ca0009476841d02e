import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Model-backed tests share 2 cores; running files in parallel only makes them fight.
    fileParallelism: false,
    reporters: ["default"],
  },
});
