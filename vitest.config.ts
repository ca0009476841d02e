import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Every model-backed test runs llama.cpp / torch with one thread, so one test file per core keeps
// model threads × workers within the cores (and halves the suite's time on 2 cores).
const workers = Math.max(1, Math.min(2, availableParallelism()));

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Generous: tests assert behaviour, never speed, and must pass on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    reporters: ["default"],
  },
});
