import type { MaskMapping } from "../../core/masking/index.js";
import type { Decoding } from "../../engine/index.js";
import type { BfclSummaryJson } from "../bfcl/summarizeBfcl.js";

export type { BfclSummaryJson };

/** Which of Hammer's masks a robustness run applies (always in `fixed` mode). */
export interface MaskSelection {
  names: boolean;
  params: boolean;
  defaults: boolean;
}

/** What identifies the model of a run (recorded, and compared on --resume). */
export interface ModelMeta {
  /** File name without `.gguf`, or the endpoint's model id. */
  name: string;
  /** The reference the user gave (`hf:…` or a path), for llama runs. */
  ref?: string;
  /** Absolute path of the GGUF file. */
  path?: string;
  sizeBytes?: number;
  sha256?: string;
  /** Base URL of an OpenAI-compatible endpoint. */
  endpoint?: string;
  endpointMode?: "chat" | "completions";
}

/**
 * The recorded configuration of a run (`DIR/run.json`). Everything but `limit` and
 * `concurrency` must match for `--resume` to continue a run.
 */
export interface RunConfig {
  /** `hammer-fc/eval-run@1`. */
  kind: typeof RUN_CONFIG_KIND;
  /** Bench names as given, normalised (`bfcl:simple,hammer:sealtool`). */
  bench: string;
  backend: "llama" | "openai";
  model: ModelMeta;
  /** `--format`, or null when the engine chose it (from GGUF metadata, or its default). */
  requestedFormat: string | null;
  /** Null for an unmasked run. */
  mask: MaskSelection | null;
  /**
   * `constrained` (under the grammar) or `free` (no grammar; the raw text is scored as BFCL decodes
   * it). Absent in run files written before the switch existed: those were constrained.
   */
  decoding?: Decoding;
  seed: number;
  temperature: number;
  maxTokens: number;
  /** Samples per part (first N in file order), null for all. */
  limit: number | null;
}

/** One session of a run (the first, and one per --resume). */
export interface RunSession {
  started_at: string;
  /** Set when the session ended (finished or interrupted); a killed session has none. */
  wall_ms?: number;
}

export const RUN_CONFIG_KIND = "hammer-fc/eval-run@1" as const;

/**
 * Why a sample has no model answer: `timeout` (--timeout), `http` (endpoint unreachable or an
 * HTTP error), `context` (the prompt does not fit), `invalid_call` (a remote model's call broke
 * its schema; the call is still scored), `input` (the sample could not be turned into a request),
 * `engine` (anything else).
 */
export type GenerationErrorKind = "timeout" | "http" | "context" | "invalid_call" | "input" | "engine";

/** One line of `DIR/predictions.jsonl` (snake_case, as `hammer eval score` reads it). */
export interface PredictionRecord {
  id: string;
  /**
   * Raw model text (with masked names in a masked run). Absent on a failed generation, so that
   * `hammer eval score` counts the sample as unanswered rather than as an empty answer.
   */
  output?: string;
  /**
   * Calls as returned by the engine, unmasked (`[]`: the model chose not to call). Absent when
   * generation failed, and when the token limit cut the turn: then `output` is what is scored.
   */
  tool_calls?: Array<{ name: string; arguments: unknown }>;
  /**
   * Multi-turn entries: per turn, per step, the calls the model made (`[]`: the step that ended
   * the turn). Present on failed conversations too, up to where they stopped.
   */
  turns?: Array<Array<Array<{ name: string; arguments: unknown }>>>;
  finish_reason: string | null;
  latency_ms: number;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  error?: { kind: GenerationErrorKind; message: string };
  /** Text generated before a timeout cut the turn. */
  partial_output?: string;
  /** The masking of this sample (robustness mode). */
  mask?: MaskMapping;
}

/** Hammer F1 metrics in results.json (null where evaluate.py would print nothing). */
export interface HammerF1Json {
  f1_api: number | null;
  f1_param: number | null;
  precision_api: number | null;
  recall_api: number | null;
  precision_param: number | null;
  recall_param: number | null;
}

/** Score of one part (BFCL category or Hammer set) of a run. */
export interface PartResult {
  /** `bfcl:<category>` or `hammer:<set>`. */
  part: string;
  kind: "bfcl" | "hammer";
  total: number;
  correct: number;
  /** BFCL accuracy; for Hammer sets the exact-match rate. */
  accuracy: number;
  /** Samples without a usable answer (generation errors included). */
  missing: number;
  /** Samples whose generation failed. */
  errors: number;
  /** Hammer sets: evaluate.py's metrics and the one-to-one corrected variant. */
  official?: HammerF1Json;
  corrected?: HammerF1Json;
  /** The pooled counts behind them. */
  official_counts?: HammerCountsJson;
  corrected_counts?: HammerCountsJson;
}

export interface HammerCountsJson {
  gold_api: number;
  pred_api: number;
  correct_api: number;
  gold_param: number;
  pred_param: number;
  correct_param: number;
}


export interface SampleResult {
  id: string;
  part: string;
  correct: boolean;
  /** BFCL's error type, a Hammer-set reason, or `hammer_fc:generation_error`. */
  error_type: string | null;
  error: string | null;
  expected: unknown;
  got: unknown;
  raw_output: string | null;
  finish_reason: string | null;
  latency_ms: number | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  generation_error: { kind: GenerationErrorKind; message: string } | null;
  mask: MaskMapping | null;
}

/** `DIR/results.json`: everything about a finished run. */
export interface RunResults {
  kind: typeof RUN_RESULTS_KIND;
  run: {
    bench: string;
    parts: string[];
    /** Parts of an `…:all` bench whose files were not in the data dir. */
    not_present: string[];
    backend: "llama" | "openai";
    model: { name: string; ref: string | null; path: string | null; size_bytes: number | null; sha256: string | null; endpoint: string | null; endpoint_mode: string | null };
    /** The prompt format the engine used. */
    format: string;
    requested_format: string | null;
    mask: MaskSelection | null;
    mask_mode: "fixed" | null;
    /** `constrained` (the grammar) or `free` (no grammar, raw text scored). */
    decoding: Decoding;
    seed: number;
    temperature: number;
    max_tokens: number;
    limit: number | null;
    data_dir: string;
    versions: { hammer_fc: string | null; node: string; node_llama_cpp: string | null };
  };
  /** Everything that varies from run to run even with the same seed. */
  timing: {
    started_at: string;
    finished_at: string;
    /** Sessions the run took (1 + resumes). */
    sessions: number;
    /** Wall time of all sessions together. */
    wall_ms: number;
    concurrency: number;
    mean_latency_ms: number | null;
    p50_latency_ms: number | null;
    p95_latency_ms: number | null;
  };
  counts: {
    samples: number;
    correct: number;
    answered: number;
    errors: number;
    errors_by_kind: Partial<Record<GenerationErrorKind, number>>;
    finish_reasons: Record<string, number>;
    prompt_tokens: number;
    completion_tokens: number;
  };
  parts: PartResult[];
  bfcl_summary: BfclSummaryJson | null;
  /** Unweighted means over the Hammer sets (how the paper averages). */
  hammer_average: { official: HammerF1Json; corrected: HammerF1Json } | null;
  /** Failures by error type. */
  error_types: Record<string, number>;
  samples: SampleResult[];
  issues: Array<{ location: string; message: string }>;
}

export const RUN_RESULTS_KIND = "hammer-fc/eval-results@1" as const;

/** Error type of a sample whose generation failed (the engine gave no answer). */
export const GENERATION_ERROR_TYPE = "hammer_fc:generation_error";
