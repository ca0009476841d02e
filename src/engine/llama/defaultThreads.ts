import os from "node:os";

/**
 * CPU threads a llama engine uses when none are given: 1 on a machine with up to 2 cores, half
 * the cores above that. llama.cpp's threads spin at barriers between operations, so a thread
 * that loses its core to another process stalls the others. On a busy 2-core host
 * (`npm run bench:threads`, README "Threads") 2 threads decoded 10–20× slower than 1, and 19–100×
 * slower with a CPU hog added, which took about 60% of 1 thread's speed. Half the
 * cores leaves room for the competition on larger machines and matches their physical cores
 * under SMT, which is what llama.cpp itself uses.
 */
export function defaultThreads(cores: number = os.availableParallelism()): number {
  if (!Number.isFinite(cores) || cores <= 2) return 1;
  return Math.floor(cores / 2);
}
