import {
  archRequirements,
  LLAMA_MAX_EXPERTS,
  LLAMA_MAX_LAYERS,
  ROPE_SCALING_TYPES,
  TOKENIZER_MODELS,
} from "./archRequirements.js";
import type { GgufMetadata } from "./GgufMetadata.js";
import type { GgufScalar, GgufValue } from "./ggufValue.js";
import { llamaFileTypeName } from "./llamaFileTypeName.js";
import { ModelFileError } from "./ModelFileError.js";
import type { GgufHeader, GgufTensorInfo } from "./readGgufHeader.js";

/** What a validated model file is, for choosing a prompt format and for `hammer model inspect`. */
export interface GgufSummary {
  path: string;
  version: number;
  architecture: string;
  name?: string;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  /** First layer's value when the file stores one per layer. */
  feedForwardLength?: number;
  headCount?: number;
  headCountKv?: number;
  vocabSize: number;
  tokenizerModel: string;
  tokenizerPre?: string;
  chatTemplate?: string;
  bosTokenId?: number;
  eosTokenId?: number;
  /** `general.file_type` (llama_ftype) and its name. */
  fileType?: number;
  fileTypeName?: string;
  tensorCount: number;
  /** Tensors per ggml type name. */
  tensorTypes: Record<string, number>;
  parameterCount: number;
  sizeBytes: number;
  alignment: number;
  dataOffset: number;
  /** Oddities llama.cpp tolerates (it only logs them). */
  warnings: string[];
  metadata: GgufMetadata;
  tensors: GgufTensorInfo[];
}

/**
 * Semantic checks on a structurally valid header: everything llama.cpp needs to load the model without
 * throwing or, worse, aborting the process (GGML_ASSERT on missing hyperparameters, duplicate tokens,
 * wrongly typed tokenizer arrays, bad rope scaling, expert counts). Throws ModelFileError naming the key
 * or tensor.
 */
export function validateGgufHeader(header: GgufHeader): GgufSummary {
  return new Validator(header).run();
}

type Layered = { first: number; values: number[] };

/**
 * Context lengths above this (16M tokens) are no real model's, rather a placeholder such as
 * 2^31 - 1; whoever sizes a context from the model's (llama.cpp's `-c 0`) would try to allocate it.
 */
export const PLAUSIBLE_CONTEXT_LENGTH = 1 << 24;

class Validator {
  private readonly md: GgufMetadata;
  private readonly warnings: string[] = [];

  constructor(private readonly header: GgufHeader) {
    this.md = header.metadata;
  }

  private fail(message: string, details: { key?: string; tensor?: string } = {}): never {
    throw new ModelFileError(this.header.path, message, details);
  }

  private typed(key: string, type: GgufScalar["type"], required: boolean): GgufScalar | undefined {
    const v = this.md.get(key);
    if (v === undefined) {
      if (required) this.fail(`missing metadata key ${key}`, { key });
      return undefined;
    }
    if (v.type !== type) this.fail(`metadata ${key} must be ${type}, found ${describeType(v)}`, { key });
    return v as GgufScalar;
  }

  private str(key: string, required: true): string;
  private str(key: string, required: boolean): string | undefined;
  private str(key: string, required: boolean): string | undefined {
    return this.typed(key, "string", required)?.value as string | undefined;
  }

  private f32(key: string, required: true): number;
  private f32(key: string, required: boolean): number | undefined;
  private f32(key: string, required: boolean): number | undefined {
    return this.typed(key, "f32", required)?.value as number | undefined;
  }

  private u32(key: string, required: true, min?: number, max?: number): number;
  private u32(key: string, required: boolean, min?: number, max?: number): number | undefined;
  private u32(key: string, required: boolean, min = 0, max = 0xffffffff): number | undefined {
    const v = this.typed(key, "u32", required);
    if (v === undefined) return undefined;
    const n = v.value as number;
    if (n < min || n > max) this.fail(`metadata ${key} is ${n}; it must be between ${min} and ${max}`, { key });
    return n;
  }

  /** A u32, or a u32/i32 array with one value per layer (llama.cpp's get_key_or_arr). */
  private perLayer(key: string, nLayer: number, required: boolean, min: number): Layered | undefined {
    const v = this.md.get(key);
    if (v === undefined) {
      if (required) this.fail(`missing metadata key ${key}`, { key });
      return undefined;
    }
    if (v.type === "u32") {
      if (v.value < min) this.fail(`metadata ${key} is ${v.value}; it must be at least ${min}`, { key });
      return { first: v.value, values: new Array<number>(nLayer).fill(v.value) };
    }
    if (v.type === "array" && (v.itemType === "u32" || v.itemType === "i32")) {
      if (v.items.length !== nLayer) this.fail(`metadata ${key} has ${v.items.length} values but the model has ${nLayer} layers`, { key });
      const bad = v.items.findIndex((x) => x < min);
      if (bad >= 0) this.fail(`metadata ${key}[${bad}] is ${v.items[bad]}; it must be at least ${min}`, { key });
      return { first: v.items[0] ?? 0, values: [...v.items] };
    }
    return this.fail(`metadata ${key} must be u32 or an array of u32 (one per layer), found ${describeType(v)}`, { key });
  }

  run(): GgufSummary {
    const h = this.header;
    const arch = this.str("general.architecture", true).trim();
    if (arch === "") this.fail("metadata general.architecture is empty", { key: "general.architecture" });
    const name = this.str("general.name", false);
    const fileType = this.u32("general.file_type", false);
    const req = archRequirements(arch);
    if (req === undefined) this.warnings.push(`architecture "${arch}" is not one hammer checks in depth`);

    const p = `${arch}.`;
    const contextLength = this.u32(`${p}context_length`, true, 1);
    if (contextLength > PLAUSIBLE_CONTEXT_LENGTH) {
      this.warnings.push(
        `${p}context_length is ${contextLength} tokens, more than any real model's (${PLAUSIBLE_CONTEXT_LENGTH}): probably a placeholder; give an explicit context size (--context-size)`,
      );
    }
    const embeddingLength = this.u32(`${p}embedding_length`, true, 1);
    const blockCount = this.u32(`${p}block_count`, true, 1, LLAMA_MAX_LAYERS);
    // Hybrid and recurrent architectures we do not know may have layers without attention or FFN (0).
    const min = req === undefined ? 0 : 1;
    const ff = this.perLayer(`${p}feed_forward_length`, blockCount, req !== undefined, min);
    const heads = this.perLayer(`${p}attention.head_count`, blockCount, req !== undefined, min);
    const kvHeads = this.perLayer(`${p}attention.head_count_kv`, blockCount, false, min) ?? heads;
    if (heads && kvHeads) {
      heads.values.forEach((n, i) => {
        const kv = kvHeads.values[i] as number;
        if (n > 0 && kv > 0 && (kv > n || n % kv !== 0)) {
          this.fail(`layer ${i} has ${n} attention heads and ${kv} KV heads; the head count must be a multiple of the KV head count`, {
            key: `${p}attention.head_count_kv`,
          });
        }
      });
      const keyLength = this.u32(`${p}attention.key_length`, false, 1);
      if (req !== undefined && keyLength === undefined && embeddingLength % heads.first !== 0) {
        this.fail(`embedding length ${embeddingLength} is not divisible by the head count ${heads.first}`, { key: `${p}attention.head_count` });
      }
    }
    if (req) {
      const eps = this.f32(`${p}${req.normEpsilonKey}`, true);
      if (!(eps > 0 && Number.isFinite(eps))) this.fail(`metadata ${p}${req.normEpsilonKey} is ${eps}; it must be a positive number`, { key: `${p}${req.normEpsilonKey}` });
    }
    const ropeScaling = this.str(`${p}rope.scaling.type`, false);
    if (ropeScaling !== undefined && !ROPE_SCALING_TYPES.includes(ropeScaling)) {
      this.fail(`metadata ${p}rope.scaling.type is "${ropeScaling}"; llama.cpp accepts ${ROPE_SCALING_TYPES.join(", ")}`, {
        key: `${p}rope.scaling.type`,
      });
    }
    const ropeBase = this.f32(`${p}rope.freq_base`, false);
    if (ropeBase !== undefined && !(ropeBase > 0 && Number.isFinite(ropeBase))) {
      this.fail(`metadata ${p}rope.freq_base is ${ropeBase}; it must be a positive number`, { key: `${p}rope.freq_base` });
    }
    this.checkExperts(p);

    const tok = this.checkTokenizer(p);
    this.checkTensors(arch, req !== undefined, embeddingLength, tok.vocabSize, blockCount);

    const tensorTypes: Record<string, number> = {};
    let parameterCount = 0;
    for (const t of h.tensors) {
      tensorTypes[t.type.name] = (tensorTypes[t.type.name] ?? 0) + 1;
      parameterCount += t.elements;
    }
    return {
      path: h.path,
      version: h.version,
      architecture: arch,
      name,
      contextLength,
      embeddingLength,
      blockCount,
      feedForwardLength: ff?.first,
      headCount: heads?.first,
      headCountKv: kvHeads?.first,
      vocabSize: tok.vocabSize,
      tokenizerModel: tok.model,
      tokenizerPre: tok.pre,
      chatTemplate: this.str("tokenizer.chat_template", false),
      bosTokenId: tok.bos,
      eosTokenId: tok.eos,
      fileType,
      fileTypeName: fileType === undefined ? undefined : llamaFileTypeName(fileType),
      tensorCount: h.tensors.length,
      tensorTypes,
      parameterCount,
      sizeBytes: h.fileSize,
      alignment: h.alignment,
      dataOffset: h.dataOffset,
      warnings: this.warnings,
      metadata: this.md,
      tensors: h.tensors,
    };
  }

  private checkExperts(p: string): void {
    const n = this.u32(`${p}expert_count`, false, 0, LLAMA_MAX_EXPERTS) ?? 0;
    const used = this.u32(`${p}expert_used_count`, false) ?? 0;
    if (used > n) this.fail(`metadata ${p}expert_used_count (${used}) exceeds ${p}expert_count (${n})`, { key: `${p}expert_used_count` });
    if (n > 0 && used === 0) this.fail(`metadata ${p}expert_used_count must be set and positive when ${p}expert_count is ${n}`, { key: `${p}expert_used_count` });
  }

  private checkTokenizer(p: string): { model: string; pre?: string; vocabSize: number; bos?: number; eos?: number } {
    const model = this.str("tokenizer.ggml.model", true);
    if (!TOKENIZER_MODELS.includes(model)) {
      this.fail(`tokenizer.ggml.model is "${model}"; llama.cpp knows ${TOKENIZER_MODELS.join(", ")}`, { key: "tokenizer.ggml.model" });
    }
    const pre = this.str("tokenizer.ggml.pre", false);
    if (model === "none" || model === "no_vocab") {
      return { model, pre, vocabSize: this.u32(`${p}vocab_size`, false) ?? 0 };
    }

    const tokens = this.stringArray("tokenizer.ggml.tokens", true) as readonly string[];
    if (tokens.length === 0) this.fail("tokenizer.ggml.tokens is empty", { key: "tokenizer.ggml.tokens" });
    // llama.cpp asserts every token text is distinct (empty ones are renamed "[EMPTY_i]" first).
    const seen = new Map<string, number>();
    tokens.forEach((t, i) => {
      const text = t === "" ? `[EMPTY_${i}]` : t;
      const prev = seen.get(text);
      if (prev !== undefined) {
        this.fail(`tokenizer.ggml.tokens has duplicate token ${JSON.stringify(text)} at ids ${prev} and ${i}`, { key: "tokenizer.ggml.tokens" });
      }
      seen.set(text, i);
    });
    if (model === "gpt2") this.stringArray("tokenizer.ggml.merges", true);
    this.numericArray("tokenizer.ggml.scores", "f32", tokens.length);
    this.numericArray("tokenizer.ggml.token_type", "i32", tokens.length);

    let bos: number | undefined;
    let eos: number | undefined;
    for (const key of this.md.keys()) {
      if (!/^tokenizer\.ggml\.\w+_token_id$/.test(key)) continue;
      const id = this.u32(key, true);
      if (id >= tokens.length) this.warnings.push(`${key} = ${id} is outside the ${tokens.length}-token vocabulary; llama.cpp ignores it`);
      else if (key === "tokenizer.ggml.bos_token_id") bos = id;
      else if (key === "tokenizer.ggml.eos_token_id") eos = id;
    }
    for (const key of ["tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token", "tokenizer.ggml.add_space_prefix"]) {
      this.typed(key, "bool", false);
    }
    return { model, pre, vocabSize: tokens.length, bos, eos };
  }

  private stringArray(key: string, required: boolean): readonly string[] | undefined {
    const v = this.md.get(key);
    if (v === undefined) {
      if (required) this.fail(`missing metadata key ${key}`, { key });
      return undefined;
    }
    // llama.cpp reads these with gguf_get_arr_str, which aborts on any other type.
    if (v.type !== "array" || v.itemType !== "string") this.fail(`metadata ${key} must be an array of strings, found ${describeType(v)}`, { key });
    return v.items;
  }

  /** llama.cpp reads these arrays as raw float/int memory indexed by token id: type and length must match. */
  private numericArray(key: string, itemType: "f32" | "i32", nTokens: number): void {
    const v = this.md.get(key);
    if (v === undefined) return;
    if (v.type !== "array" || v.itemType !== itemType) this.fail(`metadata ${key} must be an array of ${itemType}, found ${describeType(v)}`, { key });
    if (v.items.length < nTokens) this.fail(`metadata ${key} has ${v.items.length} entries for ${nTokens} tokens`, { key });
    if (v.items.length > nTokens) this.warnings.push(`${key} has ${v.items.length} entries for ${nTokens} tokens`);
  }

  private checkTensors(arch: string, known: boolean, nEmbd: number, nVocab: number, nLayer: number): void {
    const byName = new Map(this.header.tensors.map((t) => [t.name, t]));
    const layersSeen = new Set<number>();
    for (const t of this.header.tensors) {
      const m = /^blk\.(\d+)\./.exec(t.name);
      if (!m) continue;
      const layer = Number(m[1]);
      if (layer >= nLayer) this.fail(`tensor "${t.name}" belongs to layer ${layer} but ${arch}.block_count is ${nLayer}`, { tensor: t.name });
      layersSeen.add(layer);
    }
    if (!known) return;
    const splits = this.md.number("split.count") ?? 1;
    if (splits > 1) {
      // The other parts hold the rest of the tensors; llama.cpp loads them all from the first part's name.
      this.warnings.push(`split model (${splits} files): only the tensors in this file were checked`);
    }
    for (let i = 0; i < nLayer && splits <= 1; i++) {
      if (!layersSeen.has(i)) this.fail(`no tensors for layer ${i} (${arch}.block_count is ${nLayer})`, { tensor: `blk.${i}` });
    }
    const embd = byName.get("token_embd.weight");
    if (embd === undefined && splits <= 1) this.fail("missing tensor token_embd.weight", { tensor: "token_embd.weight" });
    for (const t of [embd, byName.get("output.weight")]) {
      if (t === undefined) continue;
      if (t.dims.length !== 2 || t.dims[0] !== nEmbd || t.dims[1] !== nVocab) {
        this.fail(`tensor "${t.name}" has shape [${t.dims.join(", ")}], expected [${nEmbd}, ${nVocab}] (embedding length, vocabulary size)`, {
          tensor: t.name,
        });
      }
    }
  }
}

function describeType(v: GgufValue): string {
  return v.type === "array" ? `an array of ${v.itemType}` : v.type;
}
