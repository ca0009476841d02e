import { HammerError } from "../../core/errors.js";
import type { GgufSummary } from "../../core/gguf/index.js";
import { checkLoraAdapter } from "./checkLoraAdapter.js";

/** A GGUF LoRA adapter (`hammer export lora`) to serve beside the base model. */
export interface LoraAdapterOption {
  /** What a request names to select it (`adapter`; the server's `model`). */
  name: string;
  file: string;
  /** How strongly it is applied. Defaults to 1. */
  scale?: number;
}

/**
 * Check the adapters an engine is to load, before llama.cpp sees any of them: names non-empty and
 * distinct from each other and from the model's own, scales finite, and each file a LoRA adapter
 * that fits the base model (checkLoraAdapter).
 */
export async function checkLoraAdapters(adapters: unknown, modelName: string, base: GgufSummary): Promise<LoraAdapterOption[]> {
  if (adapters === undefined) return [];
  if (!Array.isArray(adapters)) throw invalid("adapters", "must be an array of {name, file}");
  const names = new Set<string>([modelName]);
  const checked: LoraAdapterOption[] = [];
  for (const [i, a] of (adapters as unknown[]).entries()) {
    const { name, file, scale } = (a ?? {}) as { name?: unknown; file?: unknown; scale?: unknown };
    if (typeof name !== "string" || name === "" || names.has(name)) {
      throw invalid(`adapters/${i}/name`, `names must be non-empty and differ from each other and from the model's (${modelName}), got ${JSON.stringify(name) ?? String(name)}`);
    }
    if (typeof file !== "string" || file === "") throw invalid(`adapters/${i}/file`, "must be a GGUF file path");
    if (scale !== undefined && (typeof scale !== "number" || !Number.isFinite(scale))) throw invalid(`adapters/${i}/scale`, `must be a finite number, got ${String(scale)}`);
    names.add(name);
    await checkLoraAdapter(file, name, base);
    checked.push({ name, file, ...(scale !== undefined ? { scale } : {}) });
  }
  return checked;
}

function invalid(where: string, message: string): HammerError {
  return new HammerError("INPUT_INVALID", `${where}: ${message}`, { location: where });
}
