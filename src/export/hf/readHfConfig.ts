import path from "node:path";
import { HammerError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json/index.js";
import { asObject, readJsonFile } from "./readJsonFile.js";

/** The architectures we export: qwen2 (every Hammer model) and llama (SmolLM2). */
export const HF_ARCHITECTURES = ["qwen2", "llama"] as const;
export type HfArchitecture = (typeof HF_ARCHITECTURES)[number];

const CLASS_NAMES: Record<HfArchitecture, string> = { qwen2: "Qwen2ForCausalLM", llama: "LlamaForCausalLM" };

/** What export needs from a model's config.json, checked. */
export interface HfModelConfig {
  architecture: HfArchitecture;
  layers: number;
  hiddenSize: number;
  intermediateSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  vocabSize: number;
  contextLength: number;
  ropeTheta: number;
  rmsEps: number;
  tieEmbeddings: boolean;
  /** q/k/v projections carry biases (always in qwen2, `attention_bias` in llama). */
  attentionBias: boolean;
  /** `bos_token_id` / `eos_token_id` / `pad_token_id` when the config gives a single integer. */
  tokenIds: Partial<Record<"bos" | "eos" | "pad", number>>;
  /** `_name_or_path`, when set. */
  nameOrPath: string | undefined;
}

/**
 * Read `config.json` of a Hugging Face model folder. Anything we cannot reproduce in llama.cpp (another
 * architecture, an activation other than SiLU, rope scaling, sliding-window attention, MLP biases) is a
 * clear error here, before any weight is read.
 */
export async function readHfConfig(dir: string): Promise<HfModelConfig> {
  const file = path.join(dir, "config.json");
  const c = asObject(await readJsonFile(file), file);
  const bad = (key: string, what: string, code: "INPUT_INVALID" | "MODEL_INVALID" = "INPUT_INVALID"): never => {
    throw new HammerError(code, `${file}: ${key} ${what}`, { location: `${file}#/${key}` });
  };
  const unsupported = (what: string): never => {
    throw new HammerError("MODEL_INVALID", `${file}: ${what}`, { location: file });
  };
  const modelType = c.model_type;
  if (typeof modelType !== "string") return bad("model_type", "is missing");
  if (!(HF_ARCHITECTURES as readonly string[]).includes(modelType)) {
    return unsupported(`unsupported architecture "${modelType}" (supported: ${HF_ARCHITECTURES.join(", ")})`);
  }
  const architecture = modelType as HfArchitecture;
  const classes = c.architectures;
  if (Array.isArray(classes) && classes.length > 0 && !classes.includes(CLASS_NAMES[architecture])) {
    unsupported(`architectures ${JSON.stringify(classes)} is not ${CLASS_NAMES[architecture]} (only causal language models are exported)`);
  }
  const int = (key: string, fallback?: number): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) return bad(key, v === undefined || v === null ? "is missing" : `must be a positive integer, got ${JSON.stringify(v)}`);
    return v;
  };
  const num = (key: string, v: JsonValue | undefined): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) return bad(key, v === undefined ? "is missing" : `must be a positive number, got ${JSON.stringify(v)}`);
    return v;
  };
  const heads = int("num_attention_heads");
  const hiddenSize = int("hidden_size");
  const kvHeads = int("num_key_value_heads", heads);
  if (heads % kvHeads !== 0) bad("num_key_value_heads", `(${kvHeads}) must divide num_attention_heads (${heads})`);
  const headDim = c.head_dim === undefined || c.head_dim === null ? hiddenSize / heads : int("head_dim");
  if (!Number.isInteger(headDim)) bad("num_attention_heads", `(${heads}) must divide hidden_size (${hiddenSize})`);
  if (headDim % 2 !== 0) bad("head_dim", `(${headDim}) must be even for rotary embeddings`);
  const act = c.hidden_act ?? "silu";
  if (act !== "silu") unsupported(`hidden_act "${String(act)}" is not supported (llama.cpp's ${architecture} uses SiLU)`);
  checkRope(c, unsupported);
  if (c.use_sliding_window === true) unsupported("use_sliding_window is true: llama.cpp's qwen2 has no sliding-window attention, so the export would compute something else");
  if (c.mlp_bias === true) unsupported("mlp_bias is true: llama.cpp's llama has no MLP biases");
  const tieEmbeddings = c.tie_word_embeddings ?? false;
  if (typeof tieEmbeddings !== "boolean") bad("tie_word_embeddings", "must be a boolean");
  const attentionBias = architecture === "qwen2" ? true : c.attention_bias ?? false;
  if (typeof attentionBias !== "boolean") bad("attention_bias", "must be a boolean");
  const tokenIds: HfModelConfig["tokenIds"] = {};
  for (const t of ["bos", "eos", "pad"] as const) {
    const v = c[`${t}_token_id`];
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) tokenIds[t] = v;
  }
  return {
    architecture,
    layers: int("num_hidden_layers"),
    hiddenSize,
    intermediateSize: int("intermediate_size"),
    heads,
    kvHeads,
    headDim,
    vocabSize: int("vocab_size"),
    contextLength: int("max_position_embeddings"),
    ropeTheta: num("rope_theta", c.rope_theta ?? ropeParameters(c)?.rope_theta ?? 10000),
    rmsEps: num("rms_norm_eps", c.rms_norm_eps ?? 1e-6),
    tieEmbeddings: tieEmbeddings as boolean,
    attentionBias: attentionBias as boolean,
    tokenIds,
    nameOrPath: typeof c._name_or_path === "string" && c._name_or_path !== "" ? c._name_or_path : undefined,
  };
}

/** transformers 5 keeps rope settings in `rope_parameters`; older configs use `rope_theta` / `rope_scaling`. */
function ropeParameters(c: Record<string, JsonValue>): Record<string, JsonValue> | undefined {
  const p = c.rope_parameters;
  return typeof p === "object" && p !== null && !Array.isArray(p) ? p : undefined;
}

function checkRope(c: Record<string, JsonValue>, unsupported: (what: string) => never): void {
  const scaling = c.rope_scaling;
  if (scaling !== undefined && scaling !== null) {
    const type = typeof scaling === "object" && !Array.isArray(scaling) ? (scaling.rope_type ?? scaling.type) : scaling;
    if (type !== "default") unsupported(`rope_scaling ${JSON.stringify(scaling)} is not supported (only plain rotary embeddings are exported)`);
  }
  const type = ropeParameters(c)?.rope_type;
  if (type !== undefined && type !== "default") unsupported(`rope_parameters.rope_type "${String(type)}" is not supported (only plain rotary embeddings are exported)`);
}
