import type { LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import type { LeasePool } from "../LeasePool.js";
import { TrackedEngine } from "../TrackedEngine.js";
import type { EngineInfo } from "../types.js";
import type { LlamaTurnBackend } from "./LlamaTurnBackend.js";

/** Everything a LlamaEngine runs on; built by createLlamaEngine. */
export interface LlamaEngineParts {
  info: EngineInfo;
  model: LlamaModel;
  /** The base model's context first, then one per LoRA adapter. */
  contexts: readonly LlamaContext[];
  /** The sequences of each context, closed on close(). */
  pools: readonly LeasePool<LlamaContextSequence>[];
  backend: LlamaTurnBackend;
  temperature: number;
}

/**
 * The in-process backend: one llama.cpp context whose sequences serve requests concurrently,
 * and one more per LoRA adapter.
 */
export class LlamaEngine extends TrackedEngine {
  readonly info: EngineInfo;
  protected readonly backend: LlamaTurnBackend;
  protected readonly temperature: number;

  constructor(private readonly parts: LlamaEngineParts) {
    super();
    this.info = Object.freeze({ ...parts.info });
    this.backend = parts.backend;
    this.temperature = parts.temperature;
  }

  async countTokens(text: string): Promise<number> {
    this.life.ensureOpen();
    return this.parts.model.tokenize(text, true).length;
  }

  close(): Promise<void> {
    return this.life.close(
      () => {
        for (const pool of this.parts.pools) pool.close();
      },
      async () => {
        for (const context of this.parts.contexts) await context.dispose();
        await this.parts.model.dispose();
      },
    );
  }
}
