import path from "node:path";
import { HammerError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json/index.js";
import { asObject, readJsonFile } from "../hf/readJsonFile.js";
import { SafetensorsModel, type SafetensorsTensorRef } from "../safetensors/index.js";

/** One adapted linear layer: W' = W + scale · B·A. */
export interface LoraModule {
  /** The base weight it changes, by its Hugging Face name (`model.layers.0.self_attn.q_proj.weight`). */
  baseTensor: string;
  /** A: [rank, in]. */
  a: SafetensorsTensorRef;
  /** B: [out, rank]. */
  b: SafetensorsTensorRef;
  rank: number;
  alpha: number;
  /** alpha / rank, or alpha / √rank with rsLoRA: what PEFT multiplies B·A by. */
  scale: number;
}

export interface PeftAdapter {
  dir: string;
  /** `base_model_name_or_path` of adapter_config.json, for messages. */
  baseModel: string | undefined;
  modules: Map<string, LoraModule>;
  /**
   * Full weights the adapter carries for an adapted layer (`<module>.base_layer.weight`: PEFT saves them
   * with `save_embedding_layers`, e.g. when lm_head is a target); they replace the base model's values.
   */
  baseWeights: Map<string, SafetensorsTensorRef>;
  weights: SafetensorsModel;
  close(): Promise<void>;
}

type Obj = { [key: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const LORA_TENSOR = /^base_model\.model\.(.+)\.lora_([AB])(?:\.[^.]+)?\.weight$/;
const BASE_LAYER = /^base_model\.model\.(.+)\.base_layer\.weight$/;

/**
 * Read a PEFT LoRA adapter folder (`adapter_config.json` + `adapter_model.safetensors`). Only what a GGUF
 * can hold is accepted: plain LoRA on linear layers (rank and alpha patterns and rsLoRA included);
 * DoRA, LoRA biases, embedding LoRA, Conv1D fan-in/fan-out layouts and full replacement weights
 * (`modules_to_save`) are clear errors.
 */
export async function readPeftAdapter(dir: string): Promise<PeftAdapter> {
  const cfgFile = path.join(dir, "adapter_config.json");
  const cfg = asObject(await readJsonFile(cfgFile), cfgFile);
  const unsupported = (what: string): never => {
    throw new HammerError("MODEL_INVALID", `${cfgFile}: ${what}`, { location: cfgFile });
  };
  if (cfg.peft_type !== undefined && cfg.peft_type !== "LORA") unsupported(`peft_type ${JSON.stringify(cfg.peft_type)} is not supported (only LORA)`);
  if (cfg.use_dora === true) unsupported("use_dora is true: DoRA adapters cannot be exported");
  if (cfg.fan_in_fan_out === true) unsupported("fan_in_fan_out is true: only nn.Linear layouts are supported");
  if (cfg.bias !== undefined && cfg.bias !== null && cfg.bias !== "none") unsupported(`bias "${String(cfg.bias)}": adapters that train biases cannot be exported`);
  if (cfg.lora_bias === true) unsupported("lora_bias is true: LoRA biases cannot be exported");
  if (Array.isArray(cfg.target_parameters) && cfg.target_parameters.length > 0) unsupported("target_parameters: LoRA on raw parameters cannot be exported");
  const r = cfg.r;
  const alpha = cfg.lora_alpha ?? r;
  if (typeof r !== "number" || !Number.isSafeInteger(r) || r <= 0) return unsupported(`r must be a positive integer, got ${JSON.stringify(r)}`);
  if (typeof alpha !== "number" || !Number.isFinite(alpha)) return unsupported(`lora_alpha must be a number, got ${JSON.stringify(alpha)}`);
  const rsLora = cfg.use_rslora === true;
  const rankPattern = isObj(cfg.rank_pattern) ? cfg.rank_pattern : {};
  const alphaPattern = isObj(cfg.alpha_pattern) ? cfg.alpha_pattern : {};

  const weights = await SafetensorsModel.open(dir, "adapter_model");
  try {
    const pairs = new Map<string, { a?: SafetensorsTensorRef; b?: SafetensorsTensorRef }>();
    const baseWeights = new Map<string, SafetensorsTensorRef>();
    for (const name of weights.names()) {
      const base = BASE_LAYER.exec(name);
      if (base !== null) {
        baseWeights.set(`${base[1]}.weight`, weights.get(name)!);
        continue;
      }
      const m = LORA_TENSOR.exec(name);
      if (m === null) {
        throw new HammerError("MODEL_INVALID", `${weights.get(name)!.file.path}: tensor "${name}" is not a LoRA A/B matrix of a linear layer (embedding LoRA, trained biases and modules_to_save cannot be exported)`, {
          location: `${weights.get(name)!.file.path}:${name}`,
        });
      }
      const module = m[1] as string;
      const pair = pairs.get(module) ?? {};
      pair[m[2] === "A" ? "a" : "b"] = weights.get(name)!;
      pairs.set(module, pair);
    }
    if (pairs.size === 0) unsupported("adapter_model.safetensors holds no LoRA tensors");
    const modules = new Map<string, LoraModule>();
    for (const [module, { a, b }] of pairs) {
      const file = (a ?? b)!.file.path;
      const bad = (what: string): never => {
        throw new HammerError("MODEL_INVALID", `${file}: LoRA of ${module}: ${what}`, { location: `${file}:${module}` });
      };
      if (a === undefined || b === undefined) return bad(`lora_${a === undefined ? "A" : "B"} is missing`);
      if (a.info.shape.length !== 2 || b.info.shape.length !== 2) return bad(`A ${JSON.stringify(a.info.shape)} and B ${JSON.stringify(b.info.shape)} must be matrices`);
      const rank = a.info.shape[0] as number;
      if (b.info.shape[1] !== rank) bad(`A is ${JSON.stringify(a.info.shape)} but B is ${JSON.stringify(b.info.shape)}: their ranks differ`);
      const key = (pattern: Obj) => Object.keys(pattern).find((k) => patternMatches(k, module, cfgFile));
      const rKey = key(rankPattern);
      const moduleRank = rKey === undefined ? r : rankPattern[rKey];
      if (moduleRank !== rank) bad(`A has rank ${rank}, but adapter_config.json says ${JSON.stringify(moduleRank)}`);
      const aKey = key(alphaPattern);
      const moduleAlpha = aKey === undefined ? alpha : alphaPattern[aKey];
      if (typeof moduleAlpha !== "number") return bad(`alpha_pattern gives ${JSON.stringify(moduleAlpha)}, not a number`);
      const scale = rsLora ? moduleAlpha / Math.sqrt(rank) : moduleAlpha / rank;
      modules.set(`${module}.weight`, { baseTensor: `${module}.weight`, a, b, rank, alpha: moduleAlpha, scale });
    }
    const baseModel = typeof cfg.base_model_name_or_path === "string" ? cfg.base_model_name_or_path : undefined;
    for (const name of baseWeights.keys()) {
      if (!modules.has(name)) unsupported(`adapter_model.safetensors carries a full weight for ${name.slice(0, -".weight".length)}, which it does not adapt`);
    }
    return { dir, baseModel, modules, baseWeights, weights, close: () => weights.close() };
  } catch (e) {
    await weights.close();
    throw e;
  }
}

/** PEFT's rule for rank_pattern / alpha_pattern keys: a regex matching the module name's tail. */
function patternMatches(key: string, module: string, cfgFile: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(`(^|\\.)(${key})$`);
  } catch (e) {
    throw new HammerError("INPUT_INVALID", `${cfgFile}: pattern key ${JSON.stringify(key)} is not a valid regular expression`, { location: cfgFile, cause: e });
  }
  return re.test(module);
}
