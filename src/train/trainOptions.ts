/** Fine-tuning methods: LoRA (Hammer's), full fine-tuning, and multi-task CGC-LoRA. */
export type TrainMethod = "lora" | "full" | "cgc-lora";
export const TRAIN_METHODS: readonly TrainMethod[] = ["lora", "full", "cgc-lora"];
export const SAMPLERS = ["sequential", "random"] as const;
export const PRECISIONS = ["auto", "fp32", "bf16", "fp16"] as const;
export const DEVICES = ["auto", "cpu", "cuda"] as const;
export const SCHEDULERS = ["cosine", "linear", "constant", "constant_with_warmup"] as const;

/** Everything `hammer train` can be told; defaults are Hammer's recipe (scripts/train.sh, hammer.md §3). */
export interface TrainOptions {
  /** A Hugging Face causal-LM folder or a GGUF file (dequantised once and cached). */
  model?: string;
  /** What `hammer data build` writes (alpaca, sharegpt, messages) or OpenAI-style `messages` + `tools` rows. */
  data: string;
  /** The run folder: config.json, metrics.jsonl, train.log, checkpoints/, adapter/ or model/. */
  out: string;
  method?: TrainMethod;
  loraR?: number;
  loraAlpha?: number;
  loraDropout?: number;
  /** "all-linear" or module names. */
  targetModules?: string | string[];
  taskField?: string;
  cgcCommonExperts?: number;
  cgcTaskExperts?: number;
  cgcTaskExpertRank?: number;
  cgcTaskEmbeddingDim?: number;
  lr?: number;
  scheduler?: (typeof SCHEDULERS)[number];
  warmupRatio?: number;
  warmupSteps?: number;
  weightDecay?: number;
  epochs?: number;
  maxSteps?: number;
  /** Rows per device per micro-batch. */
  batchSize?: number;
  gradAccum?: number;
  maxGradNorm?: number;
  maxLen?: number;
  sampler?: (typeof SAMPLERS)[number];
  seed?: number;
  /** A built-in template name (`chatml`) or a Jinja file; default: the model's own. */
  chatTemplate?: string;
  /** System prompt for alpaca rows that carry none. */
  system?: string;
  /** Tokens to add (embeddings initialised from the mean), e.g. `<tool_call>`, `</tool_call>`. */
  addSpecialTokens?: string[];
  precision?: (typeof PRECISIONS)[number];
  device?: (typeof DEVICES)[number];
  gradientCheckpointing?: boolean;
  saveSteps?: number;
  saveTotalLimit?: number;
  /** Chain stages: start from an earlier run's result (octupus: chat data first, then function calling). */
  initFrom?: string;
  gpus?: number;
  nodes?: number;
  machineRank?: number;
  mainProcessIp?: string;
  mainProcessPort?: number;
  /** DeepSpeed ZeRO stage (the CLI writes the config; `deepspeed` must be installed in the venv). */
  deepspeed?: 2 | 3;
  /** Torch threads per process (default: the CPUs shared among the processes of this machine). */
  threads?: number;
}

/** Hammer's recipe: LoRA r 32 / alpha 64 / dropout 0 on all linear layers, lr 5e-5 cosine, warm-up 0.00833,
 * weight decay 0.01, 1 epoch, max length 2048, per-device batch 4, accumulation 2, bf16 where supported. */
export const HAMMER_RECIPE = {
  method: "lora",
  loraR: 32,
  loraAlpha: 64,
  loraDropout: 0,
  targetModules: "all-linear",
  lr: 5e-5,
  scheduler: "cosine",
  warmupRatio: 0.00833,
  weightDecay: 0.01,
  epochs: 1,
  batchSize: 4,
  gradAccum: 2,
  maxGradNorm: 1,
  maxLen: 2048,
  sampler: "sequential",
  seed: 42,
  precision: "auto",
  device: "auto",
  saveSteps: 500,
  saveTotalLimit: 2,
  cgcCommonExperts: 2,
  cgcTaskExperts: 1,
  cgcTaskEmbeddingDim: 64,
} as const satisfies Partial<TrainOptions>;

export const DEFAULT_SPECIAL_TOKENS = ["<tool_call>", "</tool_call>"];
