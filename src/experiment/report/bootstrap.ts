import { Rng } from "../../core/index.js";

export interface Interval {
  value: number | null;
  /** 95% percentile bootstrap interval; null when the value is. */
  low: number | null;
  high: number | null;
}

/**
 * A statistic over samples with a 95% percentile bootstrap interval: `resamples` draws of n sample
 * indices with replacement (seeded, so a report is reproducible). `stat` gets the drawn indices; it
 * may return null (undefined on that draw), and such draws are left out of the interval.
 */
export function bootstrap(n: number, stat: (indices: readonly number[]) => number | null, resamples: number, seed: number): Interval {
  const all = Array.from({ length: n }, (_, i) => i);
  const value = n === 0 ? null : stat(all);
  if (value === null) return { value: null, low: null, high: null };
  const rng = new Rng(seed);
  const draws: number[] = [];
  const idx = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(0, n - 1);
    const v = stat(idx);
    if (v !== null) draws.push(v);
  }
  if (draws.length === 0) return { value, low: null, high: null };
  draws.sort((a, b) => a - b);
  const q = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.floor(p * draws.length)))]!;
  return { value, low: q(0.025), high: q(0.975) };
}
