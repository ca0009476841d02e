import { addCounts, correctedF1, correctedSampleCounts, readRunResults, type HammerCall, type HammerCounts } from "../../eval/index.js";
import { bootstrap, type Interval } from "./bootstrap.js";

/** One sample's verdict in one run: exact correctness and, for Hammer's sets, its F1 counts. */
interface SampleValue {
  correct: boolean;
  counts: HammerCounts | null;
}

/** A benchmark part of the held-out set, with every run's per-sample values in one sample order. */
export interface PartRuns {
  part: string;
  /** accuracy (BFCL) or Hammer's F1 over names and arguments (the corrected variant, bounded by 1). */
  metric: "accuracy" | "f1_args";
  ids: string[];
  runs: Map<string, SampleValue[]>;
}

const ZERO: HammerCounts = { goldApi: 0, predApi: 0, correctApi: 0, goldParam: 0, predParam: 0, correctParam: 0 };

/** Read the runs' results.json (keyed by `model/mode`) and line them up per part and sample id. */
export function collectParts(runDirs: ReadonlyMap<string, string>): PartRuns[] {
  const parts = new Map<string, PartRuns>();
  for (const [key, dir] of runDirs) {
    const results = readRunResults(dir);
    const byPart = new Map<string, Map<string, SampleValue>>();
    for (const s of results.samples) {
      let m = byPart.get(s.part);
      if (!m) byPart.set(s.part, (m = new Map()));
      const hammer = s.part.startsWith("hammer:");
      const got = Array.isArray(s.got) ? (s.got as Array<{ name: string; arguments: Record<string, unknown> }>).map((c) => ({ name: c.name, args: c.arguments ?? {} })) : null;
      m.set(s.id, { correct: s.correct, counts: hammer ? correctedSampleCounts((s.expected ?? []) as HammerCall[], got).counts : null });
    }
    for (const [part, values] of byPart) {
      let p = parts.get(part);
      if (!p) parts.set(part, (p = { part, metric: part.startsWith("hammer:") ? "f1_args" : "accuracy", ids: [...values.keys()], runs: new Map() }));
      const missing = p.ids.filter((id) => !values.has(id));
      if (missing.length > 0 || values.size !== p.ids.length) throw new Error(`${dir}: ${part} has other samples than the first run (e.g. ${missing[0] ?? [...values.keys()].find((k) => !p.ids.includes(k))})`);
      p.runs.set(key, p.ids.map((id) => values.get(id)!));
    }
  }
  return [...parts.values()];
}

/** The part's metric over the drawn sample indices. */
export function metricOf(part: PartRuns, key: string, idx: readonly number[]): number | null {
  const values = part.runs.get(key);
  if (!values) return null;
  if (part.metric === "accuracy") return idx.length === 0 ? null : idx.reduce((n, i) => n + (values[i]!.correct ? 1 : 0), 0) / idx.length;
  let c = ZERO;
  for (const i of idx) c = addCounts(c, values[i]!.counts ?? ZERO);
  return correctedF1(c).f1Param ?? 0;
}

/** Exact-match share (every call and argument right) over all samples. */
export function exactShare(part: PartRuns, key: string): number {
  const v = part.runs.get(key) ?? [];
  return v.length === 0 ? 0 : v.filter((x) => x.correct).length / v.length;
}

/** The metric of one run, with its interval. */
export function scoreInterval(part: PartRuns, key: string, resamples: number, seed: number): Interval {
  return bootstrap(part.ids.length, (idx) => metricOf(part, key, idx), resamples, seed);
}

/**
 * A difference of (differences of) runs on the same samples, paired: each draw uses one set of
 * indices for every run, so sample difficulty cancels. `terms` are [sign, key] pairs.
 */
export function pairedDifference(part: PartRuns, terms: ReadonlyArray<readonly [1 | -1, string]>, resamples: number, seed: number): Interval {
  return bootstrap(
    part.ids.length,
    (idx) => {
      let sum = 0;
      for (const [sign, key] of terms) {
        const v = metricOf(part, key, idx);
        if (v === null) return null;
        sum += sign * v;
      }
      return sum;
    },
    resamples,
    seed,
  );
}
