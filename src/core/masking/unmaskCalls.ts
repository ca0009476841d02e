import { cloneJson, isFloatAt } from "../json/index.js";
import type { ToolCall } from "../types.js";
import { setSlot } from "./slots.js";
import type { MaskMapping, ValueRewrite } from "./types.js";

/**
 * Map calls made against masked tools back to the original names, parameter keys and default
 * values (the evaluator scores a masked prompt's predictions against the original gold).
 * Unknown names and keys pass through unchanged. A value is restored only when it is exactly a
 * masked value of that parameter — same JSON type, same number and same int/float kind.
 * Key order and float marks are kept. `fixed`-mode mappings are always invertible; a
 * `faithful` mapping can be ambiguous (random names may collide) and argument order may differ.
 */
export function unmaskCalls(calls: readonly ToolCall[], mapping: MaskMapping): ToolCall[] {
  const fnBack = new Map<string, string>();
  for (const f of mapping.functions) if (!fnBack.has(f.masked)) fnBack.set(f.masked, f.original);
  const paramBack = new Map<string, string>();
  for (const p of mapping.params) {
    const k = pairKey(p.function, p.masked);
    if (!paramBack.has(k)) paramBack.set(k, p.original);
  }
  const rewrites = new Map<string, ValueRewrite[]>();
  for (const v of mapping.values) {
    const k = pairKey(v.function, v.param);
    rewrites.set(k, [...(rewrites.get(k) ?? []), ...v.rewrites]);
  }
  return calls.map((call) => {
    const name = fnBack.get(call.name) ?? call.name;
    const args: Record<string, unknown> = {};
    const src = call.arguments;
    for (const key of Object.keys(src)) {
      const original = paramBack.get(pairKey(name, key)) ?? key;
      const hit = rewrites.get(pairKey(name, original))?.find((r) => sameScalar(src, key, r));
      if (hit) setSlot(args, original, cloneJson(hit.original), isFloatAt(hit, "original"));
      else setSlot(args, original, cloneJson(src[key]), isFloatAt(src, key));
    }
    const out: ToolCall = { name, arguments: args };
    if (call.id !== undefined) out.id = call.id;
    return out;
  });
}

function pairKey(fn: string, param: string): string {
  return `${fn}\u0000${param}`;
}

/** `container[key]` is exactly `r.masked`: same type and value, and for numbers the same int/float kind. */
function sameScalar(container: Record<string, unknown>, key: string, r: ValueRewrite): boolean {
  const v = container[key];
  if (typeof v !== typeof r.masked || v !== r.masked) return false;
  return typeof v !== "number" || isFloatAt(container, key) === isFloatAt(r, "masked");
}
