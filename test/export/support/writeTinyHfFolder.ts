import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Rng } from "../../../src/core/rng.js";
import { hfTensorLayout } from "../../../src/export/hf/hfTensorLayout.js";
import type { HfModelConfig } from "../../../src/export/hf/readHfConfig.js";
import { buildByteLevelVocab, TOKEN_TYPE, trainBpe } from "../../../src/export/tokenizer/index.js";
import { f32Bytes, safetensorsBytes, type SafetensorsEntry } from "./safetensorsBytes.js";

export interface TinyHfOptions {
  arch: "qwen2" | "llama";
  /** Tensors to drop or replace before writing (by Hugging Face name). */
  edit?: (tensors: Record<string, SafetensorsEntry>) => void;
  /** Fields merged into config.json. */
  config?: Record<string, unknown>;
  seed?: number;
  /** Override sizes (e.g. a large vocabulary for tensors of several blocks). */
  shape?: Partial<typeof TINY_SHAPE>;
}

export const TINY_SHAPE = { hiddenSize: 32, intermediateSize: 64, heads: 4, kvHeads: 2, layers: 1, vocabSize: 320, contextLength: 128 };

const QWEN2_SPLIT = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/**
 * A small but complete Hugging Face folder written without Python: config.json, a byte-level BPE
 * tokenizer.json (merges trained on a few sentences, ChatML special tokens), tokenizer_config.json with a
 * chat template, and random F32 weights in model.safetensors. For structure and bad-input tests; numerical
 * parity against transformers lives in roundTrip.test.ts.
 */
export function writeTinyHfFolder(dir: string, options: TinyHfOptions): string {
  mkdirSync(dir, { recursive: true });
  const shape = { ...TINY_SHAPE, ...options.shape };
  const config: HfModelConfig = {
    architecture: options.arch,
    ...shape,
    headDim: shape.hiddenSize / shape.heads,
    ropeTheta: 10000,
    rmsEps: 1e-6,
    tieEmbeddings: false,
    attentionBias: options.arch === "qwen2",
    tokenIds: {},
    nameOrPath: undefined,
  };
  const configJson = {
    architectures: [options.arch === "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"],
    model_type: options.arch,
    hidden_size: config.hiddenSize,
    intermediate_size: config.intermediateSize,
    num_attention_heads: config.heads,
    num_key_value_heads: config.kvHeads,
    num_hidden_layers: config.layers,
    vocab_size: config.vocabSize,
    max_position_embeddings: config.contextLength,
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    hidden_act: "silu",
    tie_word_embeddings: false,
    torch_dtype: "float32",
    ...options.config,
  };
  writeFileSync(path.join(dir, "config.json"), JSON.stringify(configJson, null, 2));

  const merges = trainBpe("the weather in Paris is sunny. get_weather city Paris. hello world hello", { maxMerges: 20 });
  const vocab = buildByteLevelVocab(merges, shape.vocabSize);
  const model: Record<string, number> = {};
  const added: unknown[] = [];
  vocab.tokens.forEach((t, id) => {
    if (vocab.tokenTypes[id] === TOKEN_TYPE.NORMAL) model[t] = id;
    else if (vocab.tokenTypes[id] !== TOKEN_TYPE.UNUSED) added.push({ id, content: t, special: vocab.tokenTypes[id] === TOKEN_TYPE.CONTROL, normalized: false });
  });
  const preTokenizer =
    options.arch === "qwen2"
      ? { type: "Sequence", pretokenizers: [{ type: "Split", pattern: { Regex: QWEN2_SPLIT }, behavior: "Isolated", invert: false }, { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false }] }
      : { type: "Sequence", pretokenizers: [{ type: "Digits", individual_digits: true }, { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true }] };
  writeFileSync(
    path.join(dir, "tokenizer.json"),
    JSON.stringify({ version: "1.0", added_tokens: added, normalizer: null, pre_tokenizer: preTokenizer, post_processor: null, decoder: { type: "ByteLevel" }, model: { type: "BPE", vocab: model, merges: vocab.merges.map((m) => m.split(" ")) } }),
  );
  writeFileSync(
    path.join(dir, "tokenizer_config.json"),
    JSON.stringify({ eos_token: "<|im_end|>", pad_token: "<|endoftext|>", bos_token: null, chat_template: "{% for m in messages %}{{'<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n'}}{% endfor %}" }),
  );

  const rng = new Rng(`tiny-hf:${options.seed ?? 0}`);
  const tensors: Record<string, SafetensorsEntry> = {};
  for (const spec of hfTensorLayout(config)) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    tensors[spec.hfName] = { dtype: "F32", shape: spec.shape, data: f32Bytes(Array.from({ length: n }, () => rng.next() - 0.5)) };
  }
  options.edit?.(tensors);
  writeFileSync(path.join(dir, "model.safetensors"), safetensorsBytes(tensors));
  return dir;
}

/** A PEFT adapter folder for the tiny model: random A and B for the given modules (`model.layers.0.self_attn.q_proj`). */
export function writeTinyAdapter(dir: string, modules: Record<string, { a: [number, number]; b: [number, number] }>, config: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng("tiny-adapter");
  const rand = (shape: [number, number]): SafetensorsEntry => ({ dtype: "F32", shape, data: f32Bytes(Array.from({ length: shape[0] * shape[1] }, () => rng.next() - 0.5)) });
  const tensors: Record<string, SafetensorsEntry> = {};
  for (const [m, s] of Object.entries(modules)) {
    tensors[`base_model.model.${m}.lora_A.weight`] = rand(s.a);
    tensors[`base_model.model.${m}.lora_B.weight`] = rand(s.b);
  }
  writeFileSync(path.join(dir, "adapter_model.safetensors"), safetensorsBytes(tensors));
  writeFileSync(path.join(dir, "adapter_config.json"), JSON.stringify({ peft_type: "LORA", r: 4, lora_alpha: 8, target_modules: ["q_proj"], bias: "none", ...config }));
  return dir;
}
