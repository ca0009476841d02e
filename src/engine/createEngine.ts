import { HammerError } from "../core/errors.js";
import { createLlamaEngine, type LlamaEngineOptions } from "./llama/createLlamaEngine.js";
import { createOpenAIEngine, type OpenAIEngineOptions } from "./openai/createOpenAIEngine.js";
import type { Engine } from "./types.js";

/** Options of either backend, told apart by `backend`. */
export type EngineOptions = ({ backend: "llama" } & LlamaEngineOptions) | ({ backend: "openai" } & OpenAIEngineOptions);

/** An Engine of the chosen backend: `llama` (a local GGUF, in-process) or `openai` (a remote server). */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  switch (options?.backend) {
    case "llama":
      return createLlamaEngine(options);
    case "openai":
      return createOpenAIEngine(options);
    default:
      throw new HammerError("INPUT_INVALID", `backend: must be "llama" or "openai", got ${JSON.stringify((options as { backend?: unknown })?.backend)}`, { location: "backend" });
  }
}
