/**
 * The engine stage: guaranteed-valid tool calls on a local GGUF (llama.cpp, in-process) or
 * through any OpenAI-compatible server, behind one `Engine` interface; and model resolution.
 */
export type {
  Engine,
  EngineInfo,
  EngineEvent,
  GenerateRequest,
  AssistantTurn,
  TurnToolCall,
  FinishReason,
  Usage,
  CompletionRequest,
  CompletionResult,
  Decoding,
} from "./types.js";
export { DECODINGS } from "./types.js";
export { createEngine, type EngineOptions } from "./createEngine.js";
export type { EngineSpec, LlamaEngineSpec, OpenAIEngineSpec } from "./spec/EngineSpec.js";
export { prepareEngine, type PreparedEngine, type PrepareEngineOptions, type EngineTarget } from "./spec/prepareEngine.js";
export { listUpstreamModel, type UpstreamModel } from "./spec/listUpstreamModel.js";
export { createLlamaEngine, LLAMA_ENGINE_DEFAULTS, type LlamaEngineOptions } from "./llama/createLlamaEngine.js";
export { chooseFormat, MEASURED_GENERIC_FORMAT } from "./llama/chooseFormat.js";
export { defaultThreads } from "./llama/defaultThreads.js";
export type { GpuOption } from "./llama/sharedLlama.js";
export { createOpenAIEngine, normalizeBaseUrl, type OpenAIEngineOptions } from "./openai/createOpenAIEngine.js";
export type { UpstreamGrammar } from "./openai/OpenAIEngine.js";
export { HTTP_DEFAULTS, type HttpOptions } from "./openai/HttpClient.js";
export { resolveModel, type ResolveModelOptions, type ResolvedModel } from "./model/resolveModel.js";
export { DEFAULT_MODEL } from "./model/defaultModel.js";
export { FALLBACK_MODEL, KNOWN_MODELS, findKnownModel, type KnownModel } from "./model/knownModels.js";
export { listCachedModels, type CachedModel } from "./model/listCachedModels.js";
export { parsePypiRef, type PypiRef } from "./model/parsePypiRef.js";
export { defaultModelsDir } from "./model/modelsDir.js";
export { parseHfRef, type HfRef } from "./model/parseHfRef.js";
export { InvalidCallError } from "./turn/InvalidCallError.js";
export { REQUEST_LIMITS } from "./turn/planRequest.js";
