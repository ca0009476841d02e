import { HammerError } from "../../core/errors.js";

/**
 * What serves a request's `adapter`: the base model's `base` when none is named, else the named
 * LoRA adapter's entry. A name the backend did not load is INPUT_INVALID listing those it did.
 */
export function selectAdapter<T>(adapter: string | undefined, base: T, adapters: ReadonlyMap<string, T>): T {
  if (adapter === undefined) return base;
  const found = adapters.get(adapter);
  if (found === undefined) {
    const known = [...adapters.keys()];
    throw new HammerError("INPUT_INVALID", `adapter: "${adapter}" is not loaded (${known.length > 0 ? `loaded: ${known.join(", ")}` : "no adapters loaded"})`, {
      location: "adapter",
    });
  }
  return found;
}
