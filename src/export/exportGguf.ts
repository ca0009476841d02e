import path from "node:path";
import { HammerError } from "../core/errors.js";
import { writeGguf } from "./gguf/writeGguf.js";
import { exportTensorType, isExportType, EXPORT_TYPES, type ExportType } from "./hf/exportTensorType.js";
import { hfGgufMetadata } from "./hf/hfGgufMetadata.js";
import { hfTensorChunks } from "./hf/hfTensorChunks.js";
import { planHfTensors } from "./hf/planHfTensors.js";
import { readHfConfig, type HfArchitecture } from "./hf/readHfConfig.js";
import { readHfTokenizer } from "./hf/readHfTokenizer.js";
import { readPeftAdapter, type PeftAdapter } from "./lora/readPeftAdapter.js";
import { assertReadable, SafetensorsModel } from "./safetensors/index.js";

export interface ExportGgufOptions {
  /** A Hugging Face model folder (config.json, safetensors, tokenizer.json, tokenizer_config.json). */
  model: string;
  /** A PEFT LoRA adapter folder, merged into the weights on the way. */
  adapter?: string;
  out: string;
  /** Weight type. Default f16, as llama.cpp's converter. */
  type?: ExportType;
  /** `general.name`. Default: the model's `_name_or_path`, else its folder name. */
  name?: string;
  onProgress?: (written: number, total: number) => void;
}

export interface ExportGgufResult {
  path: string;
  bytes: number;
  architecture: HfArchitecture;
  type: ExportType;
  name: string;
  tensorCount: number;
  parameterCount: number;
  /** LoRA modules merged (0 without an adapter). */
  mergedModules: number;
  seconds: number;
}

/**
 * Convert a Hugging Face qwen2 / llama model folder (optionally with a PEFT LoRA adapter merged in) to a
 * GGUF file llama.cpp loads: metadata and tokenizer as llama.cpp's converter writes them, tensors renamed
 * (llama's q/k rows permuted), encoded as `type`. Everything is checked before anything is written;
 * tensors are streamed a block of rows at a time and the file appears atomically.
 */
export async function exportGguf(options: ExportGgufOptions): Promise<ExportGgufResult> {
  const started = performance.now();
  const type = options.type ?? "f16";
  if (!isExportType(type)) throw new HammerError("INPUT_INVALID", `type: unknown type "${String(type)}" (expected ${EXPORT_TYPES.join(", ")})`, { location: "type" });
  const dir = path.resolve(options.model);
  const config = await readHfConfig(dir);
  const tokenizer = await readHfTokenizer(dir, config.vocabSize, config.tokenIds);
  const weights = await SafetensorsModel.open(dir);
  let adapter: PeftAdapter | undefined;
  try {
    adapter = options.adapter === undefined ? undefined : await readPeftAdapter(path.resolve(options.adapter));
    const plans = planHfTensors(config, weights, adapter);
    assertReadable(plans.map((p) => p.source));
    assertReadable([...(adapter?.modules.values() ?? [])].flatMap((m) => [m.a, m.b]));
    const name = options.name ?? path.basename(config.nameOrPath ?? dir);
    const sources = plans.map((p) => {
      const t = exportTensorType(p.ggufName, p.shape, type);
      return { name: p.ggufName, dims: [...p.shape].reverse(), type: t, data: () => hfTensorChunks(p, t) };
    });
    // No sha256 on the way: it would cost ~1.5 s per GB, a fifth of the whole export.
    const written = await writeGguf(path.resolve(options.out), hfGgufMetadata(config, tokenizer, type, name), sources, { onProgress: options.onProgress, sha256: false });
    return {
      path: written.path,
      bytes: written.bytes,
      architecture: config.architecture,
      type,
      name,
      tensorCount: plans.length,
      parameterCount: plans.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0),
      mergedModules: adapter?.modules.size ?? 0,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await weights.close();
    await adapter?.close();
  }
}
