import { HammerError } from "../../core/errors.js";
import type { HfTensorSpec } from "../hf/hfTensorLayout.js";
import type { LoraModule, PeftAdapter } from "./readPeftAdapter.js";

const shapeText = (s: readonly number[]) => `[${s.join(", ")}]`;

/**
 * Pair each LoRA module of `adapter` with the base weight it changes, checking that the weight exists and
 * that A is [r, in] and B is [out, r] for it. An adapter trained on another base fails here, naming the
 * first module that does not fit.
 */
export function matchLoraModules(specs: readonly HfTensorSpec[], adapter: PeftAdapter, base: string, tiedEmbeddings: boolean): Map<string, { spec: HfTensorSpec; module: LoraModule }> {
  const byName = new Map(specs.map((s) => [s.hfName, s]));
  const matched = new Map<string, { spec: HfTensorSpec; module: LoraModule }>();
  const hint = `an adapter for another base model${adapter.baseModel ? ` (it names ${adapter.baseModel})` : ""}?`;
  for (const module of adapter.modules.values()) {
    const spec = byName.get(module.baseTensor);
    const where = `${adapter.dir}:${module.baseTensor}`;
    if (module.baseTensor === "lm_head.weight" && tiedEmbeddings) {
      throw new HammerError("MODEL_INVALID", `${adapter.dir}: the adapter changes lm_head, which ${base} ties to the token embeddings; adapters on a tied lm_head are not supported`, { location: where });
    }
    if (spec === undefined || spec.shape.length !== 2) {
      throw new HammerError("MODEL_INVALID", `${adapter.dir}: the adapter changes "${module.baseTensor}", and ${base} has no linear weight of that name (${hint})`, { location: where });
    }
    const [out, inp] = spec.shape as [number, number];
    if (module.a.info.shape[1] !== inp || module.b.info.shape[0] !== out) {
      throw new HammerError(
        "MODEL_INVALID",
        `${adapter.dir}: LoRA of "${module.baseTensor}" has A ${shapeText(module.a.info.shape)} and B ${shapeText(module.b.info.shape)}, which do not fit the base weight ${shapeText(spec.shape)} of ${base} (needs A [r, ${inp}] and B [${out}, r]; ${hint})`,
        { location: where },
      );
    }
    matched.set(module.baseTensor, { spec, module });
  }
  return matched;
}
