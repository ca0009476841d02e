import { isFloatAt } from "../../../core/json/index.js";
import type { ApiCall } from "../types.js";

/**
 * Are two calls the same to a simulated API: the same name and the same arguments in the same
 * key order (a binding error names the first unknown keyword), each value of the same type and
 * spelling (`5` is not `5.0`, `1` is not `True`, `-0.0` is not `0.0`). Only plain JSON-like data
 * (arrays, plain objects, scalars) can be the same; anything else counts as different, which is
 * always safe: a caller treats "different" as "run both".
 */
export function sameCall(a: ApiCall, b: ApiCall): boolean {
  return a === b || (a.name === b.name && sameValue(a.arguments, b.arguments, 0));
}

/** Element-wise `sameCall` of two call lists. */
export function sameCalls(a: readonly ApiCall[], b: readonly ApiCall[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCall(a[i] as ApiCall, b[i] as ApiCall)) return false;
  return true;
}

/** Deeper than JSON parsing allows (512): such values are not compared, only called different. */
const MAX_DEPTH = 600;

function sameValue(x: unknown, y: unknown, depth: number): boolean {
  if (typeof x !== "object" || x === null || typeof y !== "object" || y === null) return typeof x === typeof y && Object.is(x, y);
  if (depth > MAX_DEPTH) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.getPrototypeOf(y) || (proto !== Array.prototype && proto !== Object.prototype)) return false;
  if (Array.isArray(x)) {
    const ya = y as unknown[];
    if (x.length !== ya.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameSlot(x, ya, i, depth)) return false;
    return true;
  }
  const xk = Object.keys(x);
  const yk = Object.keys(y);
  if (xk.length !== yk.length) return false;
  for (let i = 0; i < xk.length; i++) {
    const k = xk[i] as string;
    if (k !== yk[i] || !sameSlot(x, y, k, depth)) return false;
  }
  return true;
}

/** The same value at `key` of both containers, float marks included. */
function sameSlot(x: object, y: object, key: string | number, depth: number): boolean {
  const a = (x as Record<string | number, unknown>)[key];
  if (!sameValue(a, (y as Record<string | number, unknown>)[key], depth + 1)) return false;
  return typeof a !== "number" || isFloatAt(x, key) === isFloatAt(y, key);
}
