import { validateModelFile } from "../../core/gguf/index.js";
import { checkLoraAdapters } from "../llama/checkLoraAdapters.js";
import { createLlamaEngine } from "../llama/createLlamaEngine.js";
import { modelNameOf } from "../llama/modelNameOf.js";
import { resolveModel, type ResolveModelOptions } from "../model/resolveModel.js";
import { createOpenAIEngine, normalizeBaseUrl } from "../openai/createOpenAIEngine.js";
import type { Engine } from "../types.js";
import type { EngineSpec } from "./EngineSpec.js";
import { listUpstreamModel } from "./listUpstreamModel.js";

/** What a spec resolved to: a local GGUF, or an endpoint and its model. */
export type EngineTarget =
  | { backend: "llama"; path: string; ref: string }
  | { backend: "openai"; baseUrl: string; model: string; contextSize?: number };

export interface PreparedEngine {
  target: EngineTarget;
  /** Load the model (llama) or build the client (openai); each call builds a new engine. */
  load(): Promise<Engine>;
}

export interface PrepareEngineOptions {
  /** How `hf:` references are downloaded (cache folder, progress, …). */
  resolve?: ResolveModelOptions;
  /** Ends the error when the endpoint's models cannot be listed. Defaults to "give the model name". */
  modelHint?: string;
}

/**
 * The slow, fallible part of building an engine, done first: a model reference is resolved (a
 * missing file, an unreachable download or a LoRA adapter that does not fit fails here, before a
 * server binds a port or a run starts), an endpoint's model is discovered when not given (with its context size when listed).
 * `load()` then builds the engine.
 */
export async function prepareEngine(spec: EngineSpec, options: PrepareEngineOptions = {}): Promise<PreparedEngine> {
  if (spec.backend === "llama") {
    const { backend: _backend, model: ref, ...rest } = spec;
    // No reference: resolveModel's default (DEFAULT_MODEL, or its fallback when Hugging Face cannot be reached).
    const resolved = await resolveModel(ref, options.resolve);
    // LoRA adapters are checked against the model now too (headers only), so a bad one fails before a server binds its port.
    if (rest.adapters !== undefined && rest.adapters.length > 0) await checkLoraAdapters(rest.adapters, rest.name ?? modelNameOf(resolved.path), await validateModelFile(resolved.path));
    return { target: { backend: "llama", path: resolved.path, ref: resolved.ref }, load: () => createLlamaEngine({ ...rest, model: resolved.path }) };
  }
  const { backend: _backend, model, ...rest } = spec;
  const baseUrl = normalizeBaseUrl(spec.baseUrl);
  const found = model === undefined ? await listUpstreamModel(baseUrl, spec.apiKey, options.modelHint ?? "give the model name") : { id: model };
  const contextSize = spec.contextSize ?? found.contextSize;
  const engineOptions = { ...rest, baseUrl, model: found.id, ...(contextSize !== undefined ? { contextSize } : {}) };
  createOpenAIEngine(engineOptions); // checks the options now (it sends nothing)
  return {
    target: { backend: "openai", baseUrl, model: found.id, ...(contextSize !== undefined ? { contextSize } : {}) },
    load: async () => createOpenAIEngine(engineOptions),
  };
}
