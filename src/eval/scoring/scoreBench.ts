import { parseBenchName, type Bench } from "./benchName.js";
import { scoreBfclSample, type BfclScoreOptions } from "../bfcl/scoreBfclSample.js";
import { summarizeBfcl, type BfclSummary } from "../bfcl/summarizeBfcl.js";
import { correctedF1, officialF1 } from "../hammer/hammerF1.js";
import { addCounts, ZERO_COUNTS } from "../hammer/hammerOfficialCounts.js";
import { scoreHammerSample } from "../hammer/scoreHammerSample.js";
import { loadBench, type LoadedBench } from "./loadBench.js";
import { scoreMultiTurnSample, type MultiTurnScoreOptions } from "../multiturn/scoreMultiTurnSample.js";
import type { PredictionSet } from "../predictions/readPredictions.js";
import type { Prediction } from "../predictions/types.js";
import type { BfclSample } from "../bfcl/types.js";
import type { MultiTurnEntry } from "../multiturn/types.js";
import type { BfclCategoryScore, HammerF1, HammerSetScore, Issue, PartScore, SampleVerdict } from "../types.js";

export type ScoreOptions = BfclScoreOptions & MultiTurnScoreOptions;

export interface BenchScore {
  bench: string;
  dataDir: string;
  parts: PartScore[];
  /** BFCL v3 aggregation, for BFCL benches. */
  bfclSummary: BfclSummary | null;
  /** Unweighted mean over the scored Hammer sets (how the paper averages), for Hammer benches. */
  hammerAverage: { official: HammerF1; corrected: HammerF1 } | null;
  samples: SampleVerdict[];
  /** Samples without a prediction (each counted as a failure). */
  missingPredictions: number;
  /** Parts of the bench whose files are absent from the data dir. */
  notPresent: string[];
  /** Data-file and predictions-file problems, and prediction ids that are not samples of the bench. */
  issues: Issue[];
}

/** Load a benchmark from `dataDir` and score predictions against it. */
export function scoreBench(bench: string | Bench, dataDir: string, predictions: PredictionSet | Iterable<Prediction>, options: ScoreOptions = {}): BenchScore {
  const b = typeof bench === "string" ? parseBenchName(bench) : bench;
  return scoreLoadedBench(loadBench(b, dataDir), predictions, options);
}

/** Score predictions against an already loaded benchmark (what `eval run` does after generating). */
export function scoreLoadedBench(loaded: LoadedBench, predictions: PredictionSet | Iterable<Prediction>, options: ScoreOptions = {}): BenchScore {
  const set = toPredictionSet(predictions);
  const samples: SampleVerdict[] = [];
  const parts: PartScore[] = [];
  const known = new Set<string>();
  let missingPredictions = 0;

  for (const part of loaded.parts) {
    if (part.kind === "bfcl" || part.kind === "multi_turn") {
      let correct = 0;
      let missing = 0;
      for (const s of part.samples) {
        known.add(s.id);
        const p = set.byId.get(s.id);
        if (!p) missing++;
        const v = part.kind === "bfcl" ? scoreBfclSample(s as BfclSample, p, options) : scoreMultiTurnSample(s as MultiTurnEntry, p, options);
        if (v.correct) correct++;
        samples.push(v);
      }
      const total = part.samples.length;
      parts.push({ kind: "bfcl", category: part.category, correct, total, accuracy: total === 0 ? 0 : correct / total, missing });
      missingPredictions += missing;
    } else {
      let official = { ...ZERO_COUNTS };
      let corrected = { ...ZERO_COUNTS };
      let correct = 0;
      let missing = 0;
      for (const s of part.samples) {
        known.add(s.id);
        const p = set.byId.get(s.id);
        if (!p) missing++;
        const r = scoreHammerSample(s, p, options);
        official = addCounts(official, r.official);
        corrected = addCounts(corrected, r.corrected);
        if (r.verdict.correct) correct++;
        samples.push(r.verdict);
      }
      parts.push({
        kind: "hammer",
        set: part.set,
        total: part.samples.length,
        correct,
        missing,
        official: officialF1(official),
        officialCounts: official,
        corrected: correctedF1(corrected),
        correctedCounts: corrected,
      });
      missingPredictions += missing;
    }
  }

  const issues = [...loaded.issues, ...set.issues];
  for (const [id, p] of set.byId) {
    const src = set.source ?? "predictions";
    if (!known.has(id)) issues.push({ location: p.line !== undefined ? `${src}:${p.line}` : src, message: `id ${id} is not a sample of ${loaded.bench.name}` });
  }
  const bfclParts = parts.filter((p): p is BfclCategoryScore => p.kind === "bfcl");
  const hammerParts = parts.filter((p): p is HammerSetScore => p.kind === "hammer");
  return {
    bench: loaded.bench.name,
    dataDir: loaded.dataDir,
    parts,
    bfclSummary: loaded.bench.kind === "bfcl" ? summarizeBfcl(bfclParts) : null,
    hammerAverage: loaded.bench.kind === "hammer" ? { official: meanF1(hammerParts.map((p) => p.official)), corrected: meanF1(hammerParts.map((p) => p.corrected)) } : null,
    samples,
    missingPredictions,
    notPresent: loaded.notPresent,
    issues,
  };
}

function toPredictionSet(p: PredictionSet | Iterable<Prediction>): PredictionSet {
  if ("byId" in p && p.byId instanceof Map) return p as PredictionSet;
  const byId = new Map<string, Prediction>();
  const issues: Issue[] = [];
  for (const x of p as Iterable<Prediction>) {
    if (byId.has(x.id)) issues.push({ location: x.line !== undefined ? `predictions:${x.line}` : "predictions", message: `duplicate id ${x.id} (the first one is used)` });
    else byId.set(x.id, x);
  }
  return { byId, issues };
}

/** Mean of each metric over sets; null when any set lacks it. */
export function meanF1(xs: readonly HammerF1[]): HammerF1 {
  const keys = ["precisionApi", "recallApi", "f1Api", "precisionParam", "recallParam", "f1Param"] as const;
  const out = {} as HammerF1;
  for (const k of keys) {
    const vals = xs.map((x) => x[k]);
    out[k] = vals.length === 0 || vals.some((v) => v === null) ? null : (vals as number[]).reduce((a, b) => a + b, 0) / vals.length;
  }
  return out;
}
