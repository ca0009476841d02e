import { ggufValue, type GgufValue } from "../../core/gguf/index.js";
import { EXPORT_FILE_TYPE, type ExportType } from "./exportTensorType.js";
import type { HfModelConfig } from "./readHfConfig.js";
import type { HfTokenizer, SpecialTokenRole } from "./readHfTokenizer.js";

/** llama.cpp's key for each special-token role (its spelling, "seperator" included). */
const SPECIAL_KEYS: Record<SpecialTokenRole, string> = {
  bos: "tokenizer.ggml.bos_token_id",
  eos: "tokenizer.ggml.eos_token_id",
  unk: "tokenizer.ggml.unknown_token_id",
  sep: "tokenizer.ggml.seperator_token_id",
  pad: "tokenizer.ggml.padding_token_id",
  cls: "tokenizer.ggml.cls_token_id",
  mask: "tokenizer.ggml.mask_token_id",
};

/**
 * GGUF metadata of an exported model, with the keys and value types llama.cpp's converter writes for
 * qwen2 / llama: shape, rope and norm hyperparameters, the byte-level BPE tokenizer (tokens, types,
 * merges, pre-tokenizer, special ids, add_bos/add_eos), chat templates and the file type.
 */
export function hfGgufMetadata(config: HfModelConfig, tokenizer: HfTokenizer, type: ExportType, name: string): Array<[string, GgufValue]> {
  const a = config.architecture;
  const kv: Array<[string, GgufValue]> = [
    ["general.architecture", ggufValue.string(a)],
    ["general.type", ggufValue.string("model")],
    ["general.name", ggufValue.string(name)],
    [`${a}.block_count`, ggufValue.u32(config.layers)],
    [`${a}.context_length`, ggufValue.u32(config.contextLength)],
    [`${a}.embedding_length`, ggufValue.u32(config.hiddenSize)],
    [`${a}.feed_forward_length`, ggufValue.u32(config.intermediateSize)],
    [`${a}.attention.head_count`, ggufValue.u32(config.heads)],
    [`${a}.attention.head_count_kv`, ggufValue.u32(config.kvHeads)],
    [`${a}.rope.freq_base`, ggufValue.f32(config.ropeTheta)],
    [`${a}.attention.layer_norm_rms_epsilon`, ggufValue.f32(config.rmsEps)],
  ];
  if (config.headDim !== config.hiddenSize / config.heads) {
    kv.push([`${a}.attention.key_length`, ggufValue.u32(config.headDim)], [`${a}.attention.value_length`, ggufValue.u32(config.headDim)]);
  }
  if (a === "llama") kv.push([`${a}.vocab_size`, ggufValue.u32(config.vocabSize)], [`${a}.rope.dimension_count`, ggufValue.u32(config.headDim)]);
  kv.push(
    ["general.file_type", ggufValue.u32(EXPORT_FILE_TYPE[type])],
    ["general.quantization_version", ggufValue.u32(2)],
    ["tokenizer.ggml.model", ggufValue.string("gpt2")],
    ["tokenizer.ggml.pre", ggufValue.string(tokenizer.pre)],
    ["tokenizer.ggml.tokens", ggufValue.array("string", tokenizer.tokens)],
    ["tokenizer.ggml.token_type", ggufValue.array("i32", tokenizer.tokenTypes)],
    ["tokenizer.ggml.merges", ggufValue.array("string", tokenizer.merges)],
  );
  for (const [role, key] of Object.entries(SPECIAL_KEYS) as Array<[SpecialTokenRole, string]>) {
    const id = tokenizer.specialIds[role];
    if (id !== undefined) kv.push([key, ggufValue.u32(id)]);
  }
  kv.push(["tokenizer.ggml.add_bos_token", ggufValue.bool(tokenizer.addBos)]);
  if (tokenizer.addEos !== undefined) kv.push(["tokenizer.ggml.add_eos_token", ggufValue.bool(tokenizer.addEos)]);
  if (tokenizer.chatTemplate !== undefined) kv.push(["tokenizer.chat_template", ggufValue.string(tokenizer.chatTemplate)]);
  for (const [n, t] of Object.entries(tokenizer.namedTemplates)) kv.push([`tokenizer.chat_template.${n}`, ggufValue.string(t)]);
  return kv;
}
