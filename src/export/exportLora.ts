import path from "node:path";
import { HammerError } from "../core/errors.js";
import { ggufValue, type GgufValue } from "../core/gguf/index.js";
import { encodeTensor, type EncodableTensorType } from "./gguf/encodeTensor.js";
import { writeGguf, type GgufTensorSource } from "./gguf/writeGguf.js";
import { hfTensorLayout } from "./hf/hfTensorLayout.js";
import { permuteRotaryRows } from "./hf/hfTensorChunks.js";
import { readHfConfig, type HfArchitecture } from "./hf/readHfConfig.js";
import { matchLoraModules } from "./lora/matchLoraModules.js";
import { readPeftAdapter, type LoraModule } from "./lora/readPeftAdapter.js";
import { assertReadable } from "./safetensors/index.js";

export const LORA_EXPORT_TYPES = ["f32", "f16", "bf16"] as const;
export type LoraExportType = (typeof LORA_EXPORT_TYPES)[number];

const TENSOR_TYPE: Record<LoraExportType, EncodableTensorType> = { f32: "F32", f16: "F16", bf16: "BF16" };

export interface ExportLoraOptions {
  /** A PEFT LoRA adapter folder. */
  adapter: string;
  /** The Hugging Face folder of the base model (only its config.json is read). */
  base: string;
  out: string;
  /** Type of the A/B matrices. Default f32 (adapters are small; the base decides the speed). */
  type?: LoraExportType;
  /** `general.name`. Default: the adapter folder's name. */
  name?: string;
}

export interface ExportLoraResult {
  path: string;
  bytes: number;
  sha256: string;
  architecture: HfArchitecture;
  name: string;
  modules: number;
  /** `adapter.lora.alpha`; 0 when each module's scale is folded into its B matrix. */
  alpha: number;
  seconds: number;
}

/**
 * Write a PEFT LoRA adapter as a GGUF LoRA adapter (llama.cpp's format: `general.type = adapter`,
 * `adapter.type = lora`, `adapter.lora.alpha`, tensors `<base tensor>.lora_a` [in, r] and `.lora_b`
 * [r, out]), so llama.cpp applies it at run time on top of the base model's GGUF. llama.cpp scales
 * every module by alpha / rank; when PEFT's scales differ between modules (rank or alpha patterns, rsLoRA
 * with mixed ranks) each scale is folded into B and alpha is written as 0, which llama.cpp reads as 1.
 */
export async function exportLora(options: ExportLoraOptions): Promise<ExportLoraResult> {
  const started = performance.now();
  const type = options.type ?? "f32";
  if (!Object.hasOwn(TENSOR_TYPE, type)) throw new HammerError("INPUT_INVALID", `type: unknown type "${String(type)}" (expected ${LORA_EXPORT_TYPES.join(", ")})`, { location: "type" });
  const baseDir = path.resolve(options.base);
  const config = await readHfConfig(baseDir);
  const adapter = await readPeftAdapter(path.resolve(options.adapter));
  try {
    const copied = [...adapter.baseWeights.keys()];
    if (copied.length > 0) {
      throw new HammerError("MODEL_INVALID", `${adapter.dir}: the adapter carries full weights for ${copied.join(", ")} (PEFT save_embedding_layers), which a GGUF adapter cannot hold: merge it with hammer export gguf --adapter, or save the adapter with save_embedding_layers=False`, {
        location: adapter.dir,
      });
    }
    const specs = hfTensorLayout(config);
    const matched = matchLoraModules(specs, adapter, baseDir, config.tieEmbeddings);
    assertReadable([...matched.values()].flatMap(({ module }) => [module.a, module.b]));
    const modules = [...matched.values()].map((m) => m.module);
    const products = new Set(modules.map((m) => m.scale * m.rank));
    const alpha = products.size === 1 ? ([...products][0] as number) : 0;
    const t = TENSOR_TYPE[type];
    const sources: GgufTensorSource[] = [];
    for (const spec of specs) {
      const m = matched.get(spec.hfName);
      if (m === undefined) continue;
      const [out, inp] = spec.shape as [number, number];
      const fold = alpha === 0 ? m.module.scale : 1;
      sources.push(
        { name: `${spec.ggufName}.lora_a`, dims: [inp, m.module.rank], type: t, data: () => loraA(m.module, t) },
        { name: `${spec.ggufName}.lora_b`, dims: [m.module.rank, out], type: t, data: () => loraB(m.module, t, spec.permuteHeads, fold) },
      );
    }
    const name = options.name ?? path.basename(adapter.dir);
    const metadata: Array<[string, GgufValue]> = [
      ["general.architecture", ggufValue.string(config.architecture)],
      ["general.type", ggufValue.string("adapter")],
      ["general.name", ggufValue.string(name)],
      ["adapter.type", ggufValue.string("lora")],
      ["adapter.lora.alpha", ggufValue.f32(alpha)],
    ];
    const written = await writeGguf(path.resolve(options.out), metadata, sources);
    return { ...written, architecture: config.architecture, name, modules: modules.length, alpha, seconds: (performance.now() - started) / 1000 };
  } finally {
    await adapter.close();
  }
}

async function* loraA(m: LoraModule, type: EncodableTensorType): AsyncGenerator<Uint8Array> {
  yield encodeTensor(type, await m.a.file.readAll(m.a.info));
}

async function* loraB(m: LoraModule, type: EncodableTensorType, permuteHeads: number | undefined, fold: number): AsyncGenerator<Uint8Array> {
  let b = await m.b.file.readAll(m.b.info);
  if (fold !== 1) b = b.map((v) => v * fold);
  // B's rows are the base weight's output rows, so llama's q/k reordering applies to them.
  if (permuteHeads !== undefined) b = permuteRotaryRows(b, (m.b.info.shape[0] as number) / permuteHeads, m.rank);
  yield encodeTensor(type, b);
}
