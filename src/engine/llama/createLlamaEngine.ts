import type { LlamaContext, LlamaContextSequence, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";
import { getFormat, isFormatName, type FormatName } from "../../core/formats/index.js";
import { validateModelFile } from "../../core/gguf/index.js";
import type { Engine } from "../types.js";
import { checkLoraAdapters, type LoraAdapterOption } from "./checkLoraAdapters.js";
import { chooseFormat } from "./chooseFormat.js";
import { defaultThreads } from "./defaultThreads.js";
import { GrammarStore } from "./GrammarStore.js";
import { LlamaEngine } from "./LlamaEngine.js";
import { LlamaTurnBackend } from "./LlamaTurnBackend.js";
import { modelFormat } from "./modelFormat.js";
import { modelNameOf } from "./modelNameOf.js";
import { readVocabulary, TOKEN_TYPE } from "./readVocabulary.js";
import { LeasePool } from "../LeasePool.js";
import { sharedLlama, type GpuOption } from "./sharedLlama.js";
import { LOOP_EXIT_LOGIT, LoopBias } from "./LoopBias.js";
import { raisedTokenBias, tokenBiasFor } from "./tokenBiasFor.js";
import { utf8GuardSets, Utf8TokenGuard } from "./Utf8TokenGuard.js";

export interface LlamaEngineOptions {
  /** Path of a local GGUF file (resolve `hf:` references with resolveModel first). */
  model: string;
  /** Prompt format (`template`: the GGUF's own chat template). Defaults to the one chooseFormat picks from the GGUF metadata. */
  format?: FormatName;
  /** Requests decoded concurrently (sequences of the one context, batched together). Defaults to 1. */
  parallel?: number;
  /** Tokens per sequence, prompt and output together. Defaults to min(8192, the model's training context). */
  contextSize?: number;
  /** CPU threads. Defaults to defaultThreads(): 1 on up to 2 cores, half the cores above (README, "Threads"). */
  threads?: number;
  /** Tokens per decode batch (prefill speed vs. memory). Defaults to node-llama-cpp's (512, or the context size if smaller). */
  batchSize?: number;
  /** Flash attention: true, false, or "auto" (llama.cpp decides). Defaults to "auto". */
  flashAttention?: boolean | "auto";
  /** Compute backend. Defaults to "auto" (a working GPU, else the CPU). */
  gpu?: GpuOption;
  /** Temperature of requests that set none. Defaults to 0 (greedy: tool calls want the likeliest tokens). */
  temperature?: number;
  /** Top-k sampling cut-off when sampling (temperature > 0). Defaults to 40, as llama.cpp. */
  topK?: number;
  /** Model name reported in EngineInfo. Defaults to the file name without `.gguf`. */
  name?: string;
  /**
   * GGUF LoRA adapters (`hammer export lora`) served beside the base model: each gets a context of
   * its own, `parallel` sequences with the adapter applied, and a request selects one by name
   * (`adapter`). Checked against the model before llama.cpp loads anything.
   */
  adapters?: readonly LoraAdapterOption[];
  /**
   * Loop-aware decoding of tool calls and JSON answers: a value caught in a degenerate repetition
   * (the same array elements, the same run of characters in a string) is steered to close, within
   * the grammar. Defaults to true; a request's `loopSteering` overrides it.
   */
  loopSteering?: boolean;
}

export const LLAMA_ENGINE_DEFAULTS = Object.freeze({ parallel: 1, contextSize: 8192, temperature: 0, topK: 40, loopSteering: true });

/**
 * Load a GGUF model into llama.cpp (in-process) and serve Engine requests on it. The file is
 * validated first: bad metadata would abort the whole process inside llama.cpp. One context
 * holds `parallel` sequences, so that many requests decode concurrently in shared batches; more
 * wait in FIFO order. Each LoRA adapter gets a context of the same shape. Every output is grammar-constrained: tool calls to the format's call syntax
 * and the tools' schemas, JSON answers to their schema, free text to valid UTF-8.
 */
export async function createLlamaEngine(options: LlamaEngineOptions): Promise<Engine> {
  const file = options?.model;
  if (typeof file !== "string" || file === "") throw new HammerError("INPUT_INVALID", "model: a GGUF file path is required", { location: "model" });
  const parallel = positiveInt(options.parallel ?? LLAMA_ENGINE_DEFAULTS.parallel, "parallel", 64);
  const threads = positiveInt(options.threads ?? defaultThreads(), "threads", 1024);
  const temperature = options.temperature ?? LLAMA_ENGINE_DEFAULTS.temperature;
  if (!Number.isFinite(temperature) || temperature < 0) throw new HammerError("INPUT_INVALID", `temperature: must be ≥ 0, got ${temperature}`, { location: "temperature" });
  const topK = options.topK ?? LLAMA_ENGINE_DEFAULTS.topK;
  if (!Number.isInteger(topK) || topK < 0) throw new HammerError("INPUT_INVALID", `topK: must be an integer ≥ 0, got ${topK}`, { location: "topK" });
  const loopSteering = options.loopSteering ?? LLAMA_ENGINE_DEFAULTS.loopSteering;
  if (typeof loopSteering !== "boolean") throw new HammerError("INPUT_INVALID", `loopSteering: must be a boolean, got ${JSON.stringify(loopSteering)}`, { location: "loopSteering" });
  if (options.format !== undefined && !isFormatName(options.format)) getFormat(options.format); // throws the list of formats

  const summary = await validateModelFile(file);
  const formatName = options.format ?? chooseFormat(summary).format;
  const format = modelFormat(formatName, summary);
  const vocab = readVocabulary(summary.metadata, file);
  const contextSize = positiveInt(options.contextSize ?? Math.min(LLAMA_ENGINE_DEFAULTS.contextSize, summary.contextLength), "contextSize", 1 << 20);
  if (options.batchSize !== undefined) positiveInt(options.batchSize, "batchSize", 1 << 20);
  const name = options.name ?? modelNameOf(file);
  const adapters = await checkLoraAdapters(options.adapters, name, summary);

  const llama = await sharedLlama(options.gpu ?? "auto");
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: file });
  } catch (e) {
    throw new HammerError("MODEL_INVALID", `llama.cpp could not load the model: ${e instanceof Error ? e.message : String(e)}`, { location: file, cause: e });
  }
  const contexts: LlamaContext[] = [];
  const pools: LeasePool<LlamaContextSequence>[] = [];
  /** The base model's context, or one with a LoRA adapter applied; on failure everything loaded so far is freed. */
  const newPool = async (adapter?: LoraAdapterOption): Promise<LeasePool<LlamaContextSequence>> => {
    try {
      const context = await model.createContext({
        contextSize,
        sequences: parallel,
        threads,
        flashAttention: options.flashAttention ?? "auto",
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(adapter ? { lora: { adapters: [{ filePath: adapter.file, scale: adapter.scale ?? 1 }] } } : {}),
      });
      contexts.push(context);
      const pool = new LeasePool(Array.from({ length: parallel }, () => context.getSequence()));
      pools.push(pool);
      return pool;
    } catch (e) {
      for (const c of contexts) await c.dispose();
      await model.dispose();
      const why = e instanceof Error ? e.message : String(e);
      if (adapter) throw new HammerError("MODEL_INVALID", `LoRA adapter "${adapter.name}" could not be applied: ${why}`, { location: adapter.file, cause: e });
      throw new HammerError("LIMIT_EXCEEDED", `could not create a context of ${contextSize} tokens × ${parallel} sequences: ${why}`, { location: file, cause: e });
    }
  };
  const pool = await newPool();
  const context = contexts[0] as LlamaContext;
  const adapterPools = new Map<string, LeasePool<LlamaContextSequence>>();
  for (const a of adapters) adapterPools.set(a.name, await newPool(a));

  // End-of-generation tokens are control or user-defined ones, or the declared eos/eot.
  const declared = new Set<number>([model.tokens.eos, model.tokens.eot].filter((t) => t !== null));
  const eog = new Set<number>();
  vocab.types.forEach((type, id) => {
    if ((type !== TOKEN_TYPE.normal && type !== TOKEN_TYPE.byte) || declared.has(id)) {
      if (model.isEogToken(id as Token)) eog.add(id);
    }
  });
  const syntax = format.callSyntax;
  const keep = syntax.kind === "tagged" ? [syntax.callOpen, syntax.callClose, syntax.separator] : [syntax.open, syntax.close];
  const guard = new Utf8TokenGuard(utf8GuardSets(vocab, (id) => eog.has(id), keep), vocab, (ids) => tokenBiasFor(model, ids));
  const loopBias = new LoopBias<TokenBias>(vocab, (base, ids) => raisedTokenBias(model, base, ids, LOOP_EXIT_LOGIT));

  return new LlamaEngine({
    info: {
      backend: "llama",
      model: name,
      format: formatName,
      parallel,
      contextSize: context.contextSize,
      ...(adapters.length > 0 ? { adapters: adapters.map((a) => a.name) } : {}),
    },
    model,
    contexts,
    pools,
    backend: new LlamaTurnBackend({ format, model, pool, adapterPools, grammars: new GrammarStore(llama), guard, vocab, eog, topK, contextSize: context.contextSize, loopBias, loopSteering }),
    temperature,
  });
}

function positiveInt(value: number, name: string, max: number): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new HammerError("INPUT_INVALID", `${name}: must be an integer from 1 to ${max}, got ${String(value)}`, { location: name });
  }
  return value;
}
