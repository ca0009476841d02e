import { bfclSummaryJson } from "../bfcl/summarizeBfcl.js";
import type { LoadedBench } from "../scoring/loadBench.js";
import type { Prediction } from "../predictions/types.js";
import { scoreLoadedBench, type BenchScore } from "../scoring/scoreBench.js";
import type { HammerCounts, HammerF1 } from "../types.js";
import { recordToPrediction } from "./recordToPrediction.js";
import type { ApiClasses } from "../multiturn/execution/ApiSession.js";
import type { RuntimeVersions } from "./runtimeVersions.js";
import {
  GENERATION_ERROR_TYPE,
  RUN_RESULTS_KIND,
  type BfclSummaryJson,
  type GenerationErrorKind,
  type HammerCountsJson,
  type HammerF1Json,
  type PartResult,
  type PredictionRecord,
  type RunConfig,
  type RunResults,
  type RunSession,
  type SampleResult,
} from "./types.js";

export interface BuildRunResultsInput {
  config: RunConfig;
  /** The (limited) benches of the run. */
  loaded: readonly LoadedBench[];
  records: ReadonlyMap<string, PredictionRecord>;
  /** Prompt format the engine used. */
  format: string;
  dataDir: string;
  sessions: readonly RunSession[];
  finishedAt: Date;
  concurrency: number;
  versions: RuntimeVersions;
  /** Multi-turn: the simulated API classes (default: the registry). */
  apiClasses?: ApiClasses;
}

/**
 * Score a finished run and assemble results.json: per-sample verdicts in bench order (a sample
 * whose generation failed gets `hammer_fc:generation_error`), per-part scores, BFCL's summary,
 * the Hammer average, counts and timings.
 */
export function buildRunResults(input: BuildRunResultsInput): RunResults {
  const { config, loaded, records } = input;
  const samples: SampleResult[] = [];
  const parts: PartResult[] = [];
  const issues: RunResults["issues"] = [];
  let bfclSummary: BfclSummaryJson | null = null;
  let hammerAverage: RunResults["hammer_average"] = null;

  for (const bench of loaded) {
    const ids = new Set(bench.parts.flatMap((p) => p.samples.map((s) => s.id)));
    const predictions: Prediction[] = [];
    for (const id of ids) {
      const r = records.get(id);
      const p = r && recordToPrediction(r);
      if (p) predictions.push(p);
    }
    const score = scoreLoadedBench(bench, predictions, input.apiClasses ? { apiClasses: input.apiClasses } : {});
    issues.push(...score.issues);
    for (const v of score.samples) samples.push(sampleResult(v, records.get(v.id) ?? null));
    parts.push(...partResults(score, samples));
    if (score.bfclSummary) bfclSummary = bfclSummaryJson(score.bfclSummary);
    if (score.hammerAverage) hammerAverage = { official: f1Json(score.hammerAverage.official), corrected: f1Json(score.hammerAverage.corrected) };
  }

  const errorsByKind: Partial<Record<GenerationErrorKind, number>> = {};
  const finishReasons: Record<string, number> = {};
  const errorTypes: Record<string, number> = {};
  const latencies: number[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  for (const s of samples) {
    if (s.generation_error) errorsByKind[s.generation_error.kind] = (errorsByKind[s.generation_error.kind] ?? 0) + 1;
    if (s.finish_reason) finishReasons[s.finish_reason] = (finishReasons[s.finish_reason] ?? 0) + 1;
    if (s.error_type) errorTypes[s.error_type] = (errorTypes[s.error_type] ?? 0) + 1;
    if (s.latency_ms !== null) latencies.push(s.latency_ms);
    promptTokens += s.usage?.prompt_tokens ?? 0;
    completionTokens += s.usage?.completion_tokens ?? 0;
  }
  latencies.sort((a, b) => a - b);
  const m = config.model;
  return {
    kind: RUN_RESULTS_KIND,
    run: {
      bench: config.bench,
      parts: loaded.flatMap((b) => b.parts.map((p) => (p.kind === "hammer" ? `hammer:${p.set}` : `bfcl:${p.category}`))),
      not_present: loaded.flatMap((b) => b.notPresent),
      backend: config.backend,
      model: {
        name: m.name,
        ref: m.ref ?? null,
        path: m.path ?? null,
        size_bytes: m.sizeBytes ?? null,
        sha256: m.sha256 ?? null,
        endpoint: m.endpoint ?? null,
        endpoint_mode: m.endpointMode ?? null,
      },
      format: input.format,
      requested_format: config.requestedFormat,
      decoding: config.decoding ?? "constrained",
      mask: config.mask,
      mask_mode: config.mask ? "fixed" : null,
      seed: config.seed,
      temperature: config.temperature,
      max_tokens: config.maxTokens,
      limit: config.limit,
      data_dir: input.dataDir,
      versions: { ...input.versions },
    },
    timing: {
      started_at: input.sessions[0]?.started_at ?? input.finishedAt.toISOString(),
      finished_at: input.finishedAt.toISOString(),
      sessions: input.sessions.length,
      wall_ms: Math.round(input.sessions.reduce((a, s) => a + (s.wall_ms ?? 0), 0)),
      concurrency: input.concurrency,
      mean_latency_ms: latencies.length === 0 ? null : Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
      p50_latency_ms: percentile(latencies, 0.5),
      p95_latency_ms: percentile(latencies, 0.95),
    },
    counts: {
      samples: samples.length,
      correct: samples.filter((s) => s.correct).length,
      answered: samples.filter((s) => s.error_type !== GENERATION_ERROR_TYPE && s.error_type !== "hammer_fc:missing_prediction").length,
      errors: samples.filter((s) => s.generation_error !== null).length,
      errors_by_kind: errorsByKind,
      finish_reasons: finishReasons,
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
    },
    parts,
    bfcl_summary: bfclSummary,
    hammer_average: hammerAverage,
    error_types: errorTypes,
    samples,
    issues,
  };
}

function sampleResult(v: BenchScore["samples"][number], r: PredictionRecord | null): SampleResult {
  const failed = r?.error !== undefined && r.tool_calls === undefined;
  return {
    id: v.id,
    part: v.part,
    correct: v.correct,
    error_type: failed ? GENERATION_ERROR_TYPE : v.errorType,
    error: failed && r?.error ? `${r.error.kind}: ${r.error.message}` : v.error,
    expected: v.expected,
    got: v.got,
    // The model's own text (a masked run's raw output names the masked tools); a timeout's partial text.
    raw_output: r?.output ?? r?.partial_output ?? v.rawOutput,
    finish_reason: r?.finish_reason ?? null,
    latency_ms: r?.latency_ms ?? null,
    usage: r?.usage ?? null,
    generation_error: r?.error ?? null,
    mask: r?.mask ?? null,
  };
}

function partResults(score: BenchScore, samples: readonly SampleResult[]): PartResult[] {
  return score.parts.map((p) => {
    const part = p.kind === "bfcl" ? `bfcl:${p.category}` : `hammer:${p.set}`;
    const errors = samples.filter((s) => s.part === part && s.generation_error !== null).length;
    const base = { part, kind: p.kind, total: p.total, correct: p.correct, accuracy: p.total === 0 ? 0 : p.correct / p.total, missing: p.missing, errors };
    if (p.kind === "bfcl") return base;
    return { ...base, official: f1Json(p.official), corrected: f1Json(p.corrected), official_counts: countsJson(p.officialCounts), corrected_counts: countsJson(p.correctedCounts) };
  });
}


function f1Json(m: HammerF1): HammerF1Json {
  return { f1_api: m.f1Api, f1_param: m.f1Param, precision_api: m.precisionApi, recall_api: m.recallApi, precision_param: m.precisionParam, recall_param: m.recallParam };
}

function countsJson(c: HammerCounts): HammerCountsJson {
  return { gold_api: c.goldApi, pred_api: c.predApi, correct_api: c.correctApi, gold_param: c.goldParam, pred_param: c.predParam, correct_param: c.correctParam };
}

function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number);
}
