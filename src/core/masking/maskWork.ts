import type { Rng } from "../rng.js";
import { maskDefaultValues } from "./maskDefaultValues.js";
import { checkMaskLimits } from "./maskLimits.js";
import { maskFunctionNames } from "./maskFunctionNames.js";
import { maskParamNames } from "./maskParamNames.js";
import type { MaskMapping, ResolvedMaskOptions, WorkSample } from "./types.js";

/**
 * Hammer's masking pipeline on the work model, in its order: function names (a), parameter
 * names (b), default values (c) — each step optional. Mutates `sample`; returns the mapping.
 * Throws LIMIT_EXCEEDED for a sample beyond MASK_LIMITS.
 */
export function maskWork(sample: WorkSample, options: ResolvedMaskOptions, rng: Rng): MaskMapping {
  checkMaskLimits(sample);
  const mapping: MaskMapping = { functions: [], params: [], values: [] };
  if (options.names) maskFunctionNames(sample, options.mode, rng, mapping);
  if (options.params) maskParamNames(sample, options.mode, rng, mapping);
  if (options.defaults) maskDefaultValues(sample, options.mode, rng, mapping);
  return mapping;
}
