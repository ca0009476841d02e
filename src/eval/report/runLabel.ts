import type { RunResults } from "../run/types.js";

/** `unmasked`, or `masked: names, params` — how a run's tools were shown to the model. */
export function maskLabel(r: RunResults): string {
  const m = r.run.mask;
  if (!m) return "unmasked";
  const on = (["names", "params", "defaults"] as const).filter((k) => m[k]);
  return `masked: ${on.join(", ")}`;
}
