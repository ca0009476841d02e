import { ggufValue, llamaFileTypeOf, type GgufValue } from "../../core/gguf/index.js";
import type { EncodableTensorType } from "../gguf/encodeTensor.js";
import type { ByteLevelVocab } from "../tokenizer/buildByteLevelVocab.js";
import { QWEN_STYLE_CHAT_TEMPLATE } from "../tokenizer/qwenStyleChatTemplate.js";
import type { RandomModelShape } from "./randomModelShapes.js";

/** GGUF metadata of a random qwen2 model, in the order and with the types llama.cpp's converter writes. */
export function qwen2RandomMetadata(shape: RandomModelShape, weightType: EncodableTensorType, vocab: ByteLevelVocab, name = `random-qwen2-${shape.name}`): Array<[string, GgufValue]> {
  const a = "qwen2";
  const ids = vocab.specialIds;
  return [
    ["general.architecture", ggufValue.string(a)],
    ["general.type", ggufValue.string("model")],
    ["general.name", ggufValue.string(name)],
    ["general.description", ggufValue.string("Random weights written by hammer-fc (hammer model random); for tests and benchmarks only.")],
    [`${a}.block_count`, ggufValue.u32(shape.layers)],
    [`${a}.context_length`, ggufValue.u32(shape.contextLength)],
    [`${a}.embedding_length`, ggufValue.u32(shape.embd)],
    [`${a}.feed_forward_length`, ggufValue.u32(shape.ffn)],
    [`${a}.attention.head_count`, ggufValue.u32(shape.heads)],
    [`${a}.attention.head_count_kv`, ggufValue.u32(shape.kvHeads)],
    [`${a}.rope.freq_base`, ggufValue.f32(shape.ropeFreqBase)],
    [`${a}.attention.layer_norm_rms_epsilon`, ggufValue.f32(shape.rmsEps)],
    ["general.file_type", ggufValue.u32(llamaFileTypeOf(weightType) as number)],
    ["tokenizer.ggml.model", ggufValue.string("gpt2")],
    ["tokenizer.ggml.pre", ggufValue.string("qwen2")],
    ["tokenizer.ggml.tokens", ggufValue.array("string", vocab.tokens)],
    ["tokenizer.ggml.token_type", ggufValue.array("i32", vocab.tokenTypes)],
    ["tokenizer.ggml.merges", ggufValue.array("string", vocab.merges)],
    ["tokenizer.ggml.eos_token_id", ggufValue.u32(ids["<|im_end|>"] as number)],
    ["tokenizer.ggml.padding_token_id", ggufValue.u32(ids["<|endoftext|>"] as number)],
    ["tokenizer.ggml.bos_token_id", ggufValue.u32(ids["<|endoftext|>"] as number)],
    ["tokenizer.ggml.add_bos_token", ggufValue.bool(false)],
    ["tokenizer.chat_template", ggufValue.string(QWEN_STYLE_CHAT_TEMPLATE)],
    ["general.quantization_version", ggufValue.u32(2)],
  ];
}
