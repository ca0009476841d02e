import { cloneJson, isFloatAt, markFloat, unmarkFloat } from "../../core/json/index.js";
import type { Rng } from "../../core/rng.js";
import type { ToolCall } from "../../core/types.js";

/** Ways to spoil a correct prediction, one checker rule each (for tests and benchmarks). */
export const MUTATIONS = [
  "none",
  "wrong_type",
  "float_for_int",
  "drop_arg",
  "extra_arg",
  "wrong_value",
  "swap_order",
  "extra_call",
  "drop_call",
  "wrong_name",
] as const;

export type Mutation = (typeof MUTATIONS)[number];

/**
 * A copy of `calls` with one seeded mutation applied; `applied` is false when the mutation does
 * not fit (no argument to drop, no integer to turn into a float, a single call to swap…).
 */
export function mutateCalls(calls: readonly ToolCall[], mutation: Mutation, rng: Rng): { calls: ToolCall[]; applied: boolean } {
  const out = calls.map((c) => ({ name: c.name, arguments: cloneJson(c.arguments) }));
  const withArgs = out.filter((c) => Object.keys(c.arguments).length > 0);
  const pickArg = (filter: (v: unknown, c: ToolCall, k: string) => boolean): [ToolCall, string] | null => {
    const cands: Array<[ToolCall, string]> = [];
    for (const c of out) for (const k of Object.keys(c.arguments)) if (filter(c.arguments[k], c, k)) cands.push([c, k]);
    return cands.length === 0 ? null : rng.pick(cands);
  };
  switch (mutation) {
    case "none":
      return { calls: out, applied: true };
    case "wrong_type": {
      const hit = pickArg(() => true);
      if (!hit) return { calls: out, applied: false };
      const [c, k] = hit;
      const v = c.arguments[k];
      unmarkFloat(c.arguments, k);
      c.arguments[k] = typeof v === "string" ? 12345 : typeof v === "number" ? String(v) : typeof v === "boolean" ? String(v) : JSON.stringify(v);
      return { calls: out, applied: true };
    }
    case "float_for_int": {
      const hit = pickArg((v, c, k) => typeof v === "number" && Number.isInteger(v) && !isFloatAt(c.arguments, k));
      if (!hit) return { calls: out, applied: false };
      markFloat(hit[0].arguments, hit[1]);
      return { calls: out, applied: true };
    }
    case "drop_arg": {
      if (withArgs.length === 0) return { calls: out, applied: false };
      const c = rng.pick(withArgs);
      delete c.arguments[rng.pick(Object.keys(c.arguments))];
      return { calls: out, applied: true };
    }
    case "extra_arg": {
      if (out.length === 0) return { calls: out, applied: false };
      rng.pick(out).arguments.unexpected_extra_param = "x";
      return { calls: out, applied: true };
    }
    case "wrong_value": {
      const hit = pickArg((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
      if (!hit) return { calls: out, applied: false };
      const [c, k] = hit;
      const v = c.arguments[k];
      if (typeof v === "string") c.arguments[k] = `${v} zzz wrong`;
      else if (typeof v === "number") c.arguments[k] = v + 7;
      else c.arguments[k] = !v;
      return { calls: out, applied: true };
    }
    case "swap_order":
      if (out.length < 2) return { calls: out, applied: false };
      return { calls: out.reverse(), applied: true };
    case "extra_call":
      if (out.length === 0) return { calls: out, applied: false };
      return { calls: [...out, { name: (out[0] as ToolCall).name, arguments: cloneJson((out[0] as ToolCall).arguments) }], applied: true };
    case "drop_call":
      if (out.length === 0) return { calls: out, applied: false };
      out.splice(rng.int(0, out.length - 1), 1);
      return { calls: out, applied: true };
    case "wrong_name":
      if (out.length === 0) return { calls: out, applied: false };
      rng.pick(out).name += "_x";
      return { calls: out, applied: true };
  }
}
