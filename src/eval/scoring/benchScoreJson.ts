import { bfclSummaryJson } from "../bfcl/summarizeBfcl.js";
import type { BenchScore } from "./scoreBench.js";
import type { BfclCategoryScore, HammerF1, HammerSetScore } from "../types.js";

/** The `--json` document of `hammer eval score`: `{bench, metrics, samples}` in snake_case. */
export interface BenchScoreJson {
  bench: string;
  metrics: Record<string, unknown>;
  samples: Array<{ id: string; correct: boolean; error_type: string | null }>;
}

export function benchScoreJson(score: BenchScore): BenchScoreJson {
  return {
    bench: score.bench,
    metrics: benchMetrics(score),
    samples: score.samples.map((s) => ({ id: s.id, correct: s.correct, error_type: s.errorType })),
  };
}

/**
 * Metrics of a score. One BFCL category: `accuracy`, `correct`, `total`, `missing`. One Hammer
 * set: evaluate.py's `f1_api`, `f1_param`, `precision_*`, `recall_*`, the same names with
 * `_corrected`, and `correct`/`total`/`missing`. `all` benches nest these per part and add the
 * aggregate (BFCL v3 summary, or the mean over Hammer sets).
 */
export function benchMetrics(score: BenchScore): Record<string, unknown> {
  const single = score.parts.length === 1 && score.notPresent.length === 0 && !score.bench.endsWith(":all");
  if (single) {
    const p = score.parts[0];
    if (p) return p.kind === "bfcl" ? bfclMetrics(p) : hammerMetrics(p);
  }
  const out: Record<string, unknown> = {};
  if (score.bfclSummary) {
    const s = score.bfclSummary;
    out.categories = Object.fromEntries(score.parts.filter((p): p is BfclCategoryScore => p.kind === "bfcl").map((p) => [p.category, bfclMetrics(p)]));
    out.summary = bfclSummaryJson(s);
  }
  if (score.hammerAverage) {
    out.sets = Object.fromEntries(score.parts.filter((p): p is HammerSetScore => p.kind === "hammer").map((p) => [p.set, hammerMetrics(p)]));
    out.average = { ...f1Json(score.hammerAverage.official, ""), ...f1Json(score.hammerAverage.corrected, "_corrected") };
  }
  out.correct = score.samples.filter((s) => s.correct).length;
  out.total = score.samples.length;
  out.missing = score.missingPredictions;
  out.not_present = score.notPresent;
  return out;
}

function bfclMetrics(p: BfclCategoryScore): Record<string, unknown> {
  return { accuracy: p.accuracy, correct: p.correct, total: p.total, missing: p.missing };
}

function hammerMetrics(p: HammerSetScore): Record<string, unknown> {
  return { ...f1Json(p.official, ""), ...f1Json(p.corrected, "_corrected"), correct: p.correct, total: p.total, missing: p.missing };
}

function f1Json(m: HammerF1, suffix: string): Record<string, number | null> {
  return {
    [`f1_api${suffix}`]: m.f1Api,
    [`f1_param${suffix}`]: m.f1Param,
    [`precision_api${suffix}`]: m.precisionApi,
    [`recall_api${suffix}`]: m.recallApi,
    [`precision_param${suffix}`]: m.precisionParam,
    [`recall_param${suffix}`]: m.recallParam,
  };
}
