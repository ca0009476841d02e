import { HammerError } from "../../core/errors.js";
import { matchLoraModules } from "../lora/matchLoraModules.js";
import type { LoraModule, PeftAdapter } from "../lora/readPeftAdapter.js";
import type { SafetensorsModel, SafetensorsTensorRef } from "../safetensors/index.js";
import { hfTensorLayout, isIgnoredHfTensor, type HfTensorSpec } from "./hfTensorLayout.js";
import type { HfModelConfig } from "./readHfConfig.js";

/** A tensor to export: where its values are, and what to do to them on the way. */
export interface HfTensorPlan extends HfTensorSpec {
  source: SafetensorsTensorRef;
  lora: LoraModule | undefined;
}

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/**
 * Match a checkpoint's tensors to what `config` says the model is: every expected tensor present with
 * its exact shape, nothing unexplained left over, and every LoRA module fitting the weight it changes.
 * All of it is checked before a byte is written, so a qwen2 config over llama weights, a truncated layer
 * list or an adapter for another base fails with the tensor named.
 */
export function planHfTensors(config: HfModelConfig, weights: SafetensorsModel, adapter?: PeftAdapter): HfTensorPlan[] {
  const specs = hfTensorLayout(config);
  const arch = `${config.architecture} config (${config.layers} layers, hidden ${config.hiddenSize}, vocab ${config.vocabSize})`;
  const fail = (message: string, tensor: string): never => {
    throw new HammerError("MODEL_INVALID", `${weights.dir}: ${message}`, { location: `${weights.dir}:${tensor}` });
  };
  const expected = new Set(specs.map((s) => s.hfName));
  for (const name of weights.names()) {
    if (expected.has(name) || isIgnoredHfTensor(name)) continue;
    if (name === "lm_head.weight" && config.tieEmbeddings) continue;
    fail(`tensor "${name}" is not part of a ${arch}`, name);
  }
  const plans: HfTensorPlan[] = specs.map((spec) => {
    const source = weights.get(spec.hfName);
    if (source === undefined) return fail(`tensor "${spec.hfName}" is missing: a ${arch} needs it`, spec.hfName);
    if (shapeText(source.info.shape) !== shapeText(spec.shape)) {
      fail(`tensor "${spec.hfName}" has shape ${shapeText(source.info.shape)}; a ${arch} needs ${shapeText(spec.shape)}`, spec.hfName);
    }
    return { ...spec, source, lora: undefined };
  });
  if (adapter !== undefined) attachLora(plans, config, adapter, weights);
  return plans;
}

function attachLora(plans: HfTensorPlan[], config: HfModelConfig, adapter: PeftAdapter, weights: SafetensorsModel): void {
  const byName = new Map(plans.map((p) => [p.hfName, p]));
  for (const [name, { module }] of matchLoraModules(plans, adapter, weights.dir, config.tieEmbeddings)) byName.get(name)!.lora = module;
  for (const [name, ref] of adapter.baseWeights) {
    const plan = byName.get(name)!;
    if (shapeText(ref.info.shape) !== shapeText(plan.shape)) {
      throw new HammerError("MODEL_INVALID", `${adapter.dir}: the adapter's copy of "${name}" has shape ${shapeText(ref.info.shape)}, the base model's ${shapeText(plan.shape)} (a resized vocabulary is not supported)`, {
        location: `${ref.file.path}:${ref.info.name}`,
      });
    }
    plan.source = ref;
  }
}
