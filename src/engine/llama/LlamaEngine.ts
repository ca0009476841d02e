import type { LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import type { LeasePool } from "../LeasePool.js";
import { TrackedEngine } from "../TrackedEngine.js";
import type { EngineInfo } from "../types.js";
import type { LlamaTurnBackend } from "./LlamaTurnBackend.js";

/** Everything a LlamaEngine runs on; built by createLlamaEngine. */
export interface LlamaEngineParts {
  info: EngineInfo;
  model: LlamaModel;
  context: LlamaContext;
  pool: LeasePool<LlamaContextSequence>;
  backend: LlamaTurnBackend;
  temperature: number;
}

/** The in-process backend: one llama.cpp context whose sequences serve requests concurrently. */
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
      () => this.parts.pool.close(),
      async () => {
        await this.parts.context.dispose();
        await this.parts.model.dispose();
      },
    );
  }
}
