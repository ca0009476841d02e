import { DEFAULT_SPLIT, type ExperimentSplit } from "./split.js";

/** The two training arms: the same rows, shuffles and irrelevance rows; only the masking differs. */
export const ARMS = [
  { name: "unmasked", maskRatio: 0 },
  { name: "masked", maskRatio: 0.667 },
] as const;
export type ArmName = (typeof ARMS)[number]["name"];

/** Evaluation modes: names as they are, and `hammer eval run --mask …`. */
export const EVAL_MODES = [
  { name: "plain", mask: null },
  { name: "names-params", mask: "names,params" },
  { name: "names-params-defaults", mask: "names,params,defaults" },
] as const;
export type EvalModeName = (typeof EVAL_MODES)[number]["name"];

/** Sizes and hyperparameters of one experiment. Both arms always share every one of them. */
export interface ExperimentSettings {
  /** At most this many training source rows and irrelevance rows (a seeded sample; null: all). */
  maxTrainRows: number | null;
  maxIrrelevanceRows: number | null;
  copies: number;
  dataSeed: number;
  steps: number;
  batchSize: number;
  gradAccum: number;
  lr: number;
  warmupSteps: number;
  loraR: number;
  loraAlpha: number;
  maxLen: number;
  trainSeed: number;
  trainThreads: number;
  exportType: "f32" | "f16" | "q8_0";
  evalLimit: number;
  evalMaxTokens: number;
  evalThreads: number;
  evalModes: EvalModeName[];
  bootstrap: number;
}

/**
 * The run on SmolLM2-135M the issue sizes: ~10 s per 4-row step on 2 idle cores, so 100 steps are
 * ~16 minutes per arm; 50 samples per held-out benchmark and mode (two 1-thread evaluations side by
 * side). About 50 minutes in all on 2 idle cores (measured).
 */
export const FULL_SETTINGS: ExperimentSettings = Object.freeze({
  maxTrainRows: null,
  maxIrrelevanceRows: null,
  copies: 3,
  dataSeed: 12,
  steps: 100,
  batchSize: 2,
  gradAccum: 2,
  lr: 3e-4,
  warmupSteps: 2,
  loraR: 8,
  loraAlpha: 16,
  maxLen: 2048,
  trainSeed: 42,
  trainThreads: 2,
  exportType: "q8_0",
  evalLimit: 50,
  evalMaxTokens: 128,
  evalThreads: 1,
  evalModes: ["plain", "names-params", "names-params-defaults"],
  bootstrap: 2000,
}) as ExperimentSettings;

/** `--quick`: the whole pipeline on a tiny random model in a few minutes (CI runs it). */
export const QUICK_SETTINGS: ExperimentSettings = Object.freeze({
  ...FULL_SETTINGS,
  maxTrainRows: 24,
  maxIrrelevanceRows: 6,
  copies: 1,
  steps: 2,
  batchSize: 2,
  gradAccum: 1,
  lr: 5e-3,
  warmupSteps: 0,
  loraR: 4,
  loraAlpha: 8,
  maxLen: 8192,
  trainThreads: 1,
  exportType: "f32",
  evalLimit: 2,
  evalMaxTokens: 24,
  evalModes: ["plain", "names-params"],
  bootstrap: 200,
}) as ExperimentSettings;

export interface ExperimentOptions {
  /** The experiment folder: every stage writes under it. */
  out: string;
  /** Folder holding bfcl_v3/ and hammer_eval/. */
  dataDir: string;
  /** Base model: a GGUF (converted once by hammer train) or a Hugging Face folder; quick mode makes a tiny one. */
  baseModel: string | null;
  quick: boolean;
  settings: ExperimentSettings;
  split: ExperimentSplit;
  /** argv that starts the `hammer` CLI. */
  hammer: string[];
  /** Progress lines (stage starts, skips, ends); default: stderr. */
  log?: (line: string) => void;
  /** Pass the stage commands' own progress through to stderr. */
  showOutput?: boolean;
  /** Stops the experiment: the running command stops as on Ctrl-C and nothing new starts; a rerun resumes. */
  signal?: AbortSignal;
  /**
   * Cores the stages may keep busy together (default 1: one stage at a time). Training uses
   * `trainThreads`, an evaluation `evalThreads`; independent stages that fit run side by side.
   */
  cores?: number;
  /** The command that started the experiment, for the report. */
  commandLine?: string;
}

export { DEFAULT_SPLIT };
