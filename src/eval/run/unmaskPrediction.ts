import { renameKey } from "../../core/json/index.js";
import { unmaskCalls, type MaskMapping } from "../../core/masking/index.js";
import type { ToolCall } from "../../core/types.js";

/** Marks a function name or parameter key the model used although the prompt never showed it. */
export const UNSHOWN_PREFIX = "unshown:";

/**
 * Map a masked prompt's calls back to the original names (`unmaskCalls`), except that a name
 * or key the prompt did not show — an original that masking replaced — is kept apart as
 * `unshown:<name>`. Without this, a model that ignores the masked tools and writes the original
 * names from its training data would be scored as correct.
 */
export function unmaskPrediction(calls: readonly ToolCall[], mapping: MaskMapping): ToolCall[] {
  const maskedNames = new Map(mapping.functions.map((f) => [f.masked, f.original]));
  const hiddenNames = new Set(mapping.functions.filter((f) => f.masked !== f.original).map((f) => f.original));
  const guarded = calls.map((call): ToolCall => {
    const unshownName = !maskedNames.has(call.name) && hiddenNames.has(call.name);
    const fn = maskedNames.get(call.name) ?? (unshownName ? undefined : call.name);
    let args = call.arguments;
    if (fn !== undefined) {
      const params = mapping.params.filter((p) => p.function === fn && p.masked !== p.original);
      const shown = new Set(params.map((p) => p.masked));
      for (const p of params) if (!shown.has(p.original) && Object.prototype.hasOwnProperty.call(args, p.original)) args = renameKey(args, p.original, UNSHOWN_PREFIX + p.original);
    }
    const out: ToolCall = { name: unshownName ? UNSHOWN_PREFIX + call.name : call.name, arguments: args };
    if (call.id !== undefined) out.id = call.id;
    return out;
  });
  return unmaskCalls(guarded, mapping);
}
