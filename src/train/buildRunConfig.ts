import { createHash } from "node:crypto";
import { createReadStream, existsSync, openSync, readSync, closeSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../core/errors.js";
import { defaultModelsDir } from "../engine/index.js";
import { DEFAULT_SPECIAL_TOKENS, HAMMER_RECIPE, type TrainMethod, type TrainOptions } from "./trainOptions.js";

/** `RUN_DIR/config.json`: every setting of a run, resolved (read by trainer/hammer_trainer/config.py). */
export interface RunConfig {
  version: 1;
  run_dir: string;
  method: TrainMethod;
  model: { path: string; merge_adapters: string[]; gguf_cache_dir: string; chat_template: string | null; add_special_tokens: string[]; attn_implementation: string | null };
  data: { path: string; task_field: string | null; max_len: number; system: string | null; sha256: string };
  lora: { r: number; alpha: number; dropout: number; target_modules: string | string[] };
  cgc: { common_experts: number; task_experts: number; task_expert_rank: number | null; task_embedding_dim: number };
  optim: {
    lr: number; scheduler: string; warmup_ratio: number; warmup_steps: number | null; weight_decay: number; epochs: number; max_steps: number | null;
    per_device_batch: number; grad_accum: number; max_grad_norm: number; adam_beta1: number; adam_beta2: number; adam_eps: number;
  };
  distributed: { gpus: number; nodes: number; machine_rank: number; main_process_ip: string | null; main_process_port: number | null; deepspeed: 2 | 3 | null; deepspeed_config: string | null };
  sampler: string;
  seed: number;
  precision: string;
  device: string;
  gradient_checkpointing: boolean;
  save_steps: number;
  save_total_limit: number;
  init_from: string | null;
}

const usage = (message: string, flag: string): never => {
  throw new HammerError("USAGE", message, { location: flag });
};

function int(v: number, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(v) || v < min || v > max) usage(`expected an integer in ${min}..${max}, got ${v}`, flag);
  return v;
}

function num(v: number, flag: string, ok: (x: number) => boolean, what: string): number {
  if (!Number.isFinite(v) || !ok(v)) usage(`expected ${what}, got ${v}`, flag);
  return v;
}

/** Check a base model reference the way the trainer will load it, but in milliseconds. */
export function checkModelPath(model: string): string {
  const p = path.resolve(model);
  if (!existsSync(p)) throw new HammerError("NOT_FOUND", "model not found", { location: p });
  if (statSync(p).isDirectory()) {
    if (!existsSync(path.join(p, "config.json"))) throw new HammerError("MODEL_INVALID", "not a Hugging Face model folder: it has no config.json", { location: p });
    return p;
  }
  if (!p.toLowerCase().endsWith(".gguf")) throw new HammerError("MODEL_INVALID", "a model is a Hugging Face model folder or a .gguf file", { location: p });
  const fd = openSync(p, "r");
  const magic = Buffer.alloc(4);
  try {
    readSync(fd, magic, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (magic.toString("latin1") !== "GGUF") throw new HammerError("MODEL_INVALID", "not a GGUF file (bad magic)", { location: p });
  return p;
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Where an earlier run leaves the model the next stage starts from (`--init-from`). */
export function initFromRun(runDir: string): { model: string; mergeAdapters: string[] } {
  const dir = path.resolve(runDir);
  let prev: RunConfig;
  try {
    prev = JSON.parse(readFileSync(path.join(dir, "config.json"), "utf8")) as RunConfig;
  } catch {
    throw new HammerError("NOT_FOUND", "not a training run (no readable config.json)", { location: dir });
  }
  if (prev.method === "cgc-lora") usage("a cgc-lora run has one model per task: merge one (hammer train merge --task) and start from that folder", "--init-from");
  const out = path.join(dir, prev.method === "full" ? "model" : "adapter");
  if (!existsSync(out)) throw new HammerError("NOT_FOUND", "the run has not finished (its final output is missing): resume it first", { location: out });
  if (prev.method === "full") return { model: out, mergeAdapters: [] };
  return { model: prev.model.path, mergeAdapters: [...prev.model.merge_adapters, out] };
}

/** Resolve and check every option into the run's config (no file is written here). */
export async function buildRunConfig(o: TrainOptions): Promise<RunConfig> {
  const r = { ...HAMMER_RECIPE, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as TrainOptions &
    Required<Pick<TrainOptions, keyof typeof HAMMER_RECIPE>>;
  // Flags first (they fail in a moment, whatever the files), then the files.
  if (r.method === "cgc-lora" && !r.taskField) usage("--method cgc-lora needs --task-field (the record field naming each row's task)", "--task-field");
  const gpus = int(r.gpus ?? 0, "--gpus", 0, 1024);
  const nodes = int(r.nodes ?? 1, "--nodes", 1, 4096);
  if (nodes > 1 && !r.mainProcessIp) usage("--nodes > 1 needs --main-process-ip (the address of machine rank 0)", "--main-process-ip");
  if (r.deepspeed !== undefined && gpus < 1) usage("DeepSpeed ZeRO runs on GPUs: add --gpus N", "--deepspeed");
  if (r.precision === "fp16" && r.device === "cpu") usage("fp16 needs a GPU", "--precision");
  let model: string;
  let mergeAdapters: string[] = [];
  if (r.initFrom !== undefined) {
    if (r.model !== undefined) usage("give --model or --init-from, not both (--init-from starts from that run's model)", "--init-from");
    ({ model, mergeAdapters } = initFromRun(r.initFrom));
  } else if (r.model === undefined) {
    return usage("--model is required (a Hugging Face model folder or a .gguf file)", "--model");
  } else model = r.model;
  model = checkModelPath(model);
  const data = path.resolve(r.data);
  if (!existsSync(data) || !statSync(data).isFile()) throw new HammerError("NOT_FOUND", "data file not found", { location: data });
  let template: string | null = r.chatTemplate ?? null;
  if (template !== null && template !== "chatml") {
    template = path.resolve(template);
    if (!existsSync(template)) throw new HammerError("NOT_FOUND", "chat template is neither a built-in (chatml) nor a file", { location: template });
  }
  const targets = r.targetModules;
  return {
    version: 1,
    run_dir: path.resolve(r.out),
    method: r.method,
    model: {
      path: model,
      merge_adapters: mergeAdapters,
      gguf_cache_dir: path.join(defaultModelsDir(), "hf-from-gguf"),
      chat_template: template,
      add_special_tokens: r.addSpecialTokens === undefined ? [] : r.addSpecialTokens.length ? r.addSpecialTokens : DEFAULT_SPECIAL_TOKENS,
      attn_implementation: null,
    },
    data: { path: data, task_field: r.taskField ?? null, max_len: int(r.maxLen, "--max-len", 2, 1 << 20), system: r.system ?? null, sha256: await fileSha256(data) },
    lora: {
      r: int(r.loraR, "--lora-r", 1, 65536),
      alpha: num(r.loraAlpha, "--lora-alpha", (x) => x > 0, "a positive number"),
      dropout: num(r.loraDropout, "--lora-dropout", (x) => x >= 0 && x < 1, "a number in [0, 1)"),
      target_modules: typeof targets === "string" && targets !== "all-linear" ? targets.split(",").map((s) => s.trim()).filter(Boolean) : targets,
    },
    cgc: {
      common_experts: int(r.cgcCommonExperts, "--cgc-common-experts", 1, 1024),
      task_experts: int(r.cgcTaskExperts, "--cgc-task-experts", 1, 1024),
      task_expert_rank: r.cgcTaskExpertRank === undefined ? null : int(r.cgcTaskExpertRank, "--cgc-task-expert-rank", 1, 65536),
      task_embedding_dim: int(r.cgcTaskEmbeddingDim, "--cgc-task-embedding-dim", 1, 65536),
    },
    optim: {
      lr: num(r.lr, "--lr", (x) => x > 0 && x < 10, "a learning rate in (0, 10)"),
      scheduler: r.scheduler,
      warmup_ratio: num(r.warmupRatio, "--warmup-ratio", (x) => x >= 0 && x < 1, "a number in [0, 1)"),
      warmup_steps: r.warmupSteps === undefined ? null : int(r.warmupSteps, "--warmup-steps", 0),
      weight_decay: num(r.weightDecay, "--weight-decay", (x) => x >= 0, "a non-negative number"),
      epochs: num(r.epochs, "--epochs", (x) => x > 0 && x <= 1e6, "a positive number"),
      max_steps: r.maxSteps === undefined ? null : int(r.maxSteps, "--max-steps", 1),
      per_device_batch: int(r.batchSize, "--batch-size", 1, 1 << 20),
      grad_accum: int(r.gradAccum, "--grad-accum", 1, 1 << 20),
      max_grad_norm: num(r.maxGradNorm, "--max-grad-norm", (x) => x >= 0, "a non-negative number (0: no clipping)"),
      adam_beta1: 0.9,
      adam_beta2: 0.999,
      adam_eps: 1e-8,
    },
    distributed: {
      gpus,
      nodes,
      machine_rank: int(r.machineRank ?? 0, "--machine-rank", 0, nodes - 1),
      main_process_ip: r.mainProcessIp ?? null,
      main_process_port: r.mainProcessPort === undefined ? null : int(r.mainProcessPort, "--main-process-port", 1, 65535),
      deepspeed: r.deepspeed ?? null,
      deepspeed_config: null,
    },
    sampler: r.sampler,
    seed: int(r.seed, "--seed", 0, 2 ** 32 - 1),
    precision: r.precision,
    device: gpus > 0 ? "cuda" : r.device,
    gradient_checkpointing: r.gradientCheckpointing ?? false,
    save_steps: int(r.saveSteps, "--save-steps", 1),
    save_total_limit: int(r.saveTotalLimit, "--save-total-limit", 1, 1_000_000),
    init_from: r.initFrom === undefined ? null : path.resolve(r.initFrom),
  };
}
