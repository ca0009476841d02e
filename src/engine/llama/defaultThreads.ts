import os from "node:os";

/**
 * CPU threads a llama engine uses when none are given: 1 on a machine with up to 2 cores, half
 * the cores above that. llama.cpp's threads spin at barriers between operations, so a thread
 * that loses its core to another process stalls the others: with every core in use, a busy host
 * made a tool call 30–60× slower, while a spare core keeps the slowdown near what the competition
 * itself costs (`npm run bench:threads`; README, "Threads"). Half also matches physical cores on
 * SMT machines, which is what llama.cpp itself uses.
 */
export function defaultThreads(cores: number = os.availableParallelism()): number {
  if (!Number.isFinite(cores) || cores <= 2) return 1;
  return Math.floor(cores / 2);
}
