import type { ValidateFunction } from "ajv";
import { HammerError } from "../errors.js";
import { formatErrors } from "./formatErrors.js";
import type { ValidationResult } from "./types.js";

/** Deepest value checked (parseJson's default cap): ajv recurses once per level of a recursive schema. */
export const MAX_VALUE_DEPTH = 512;

/**
 * Run a compiled validator, failing closed: a value nested deeper than {@link MAX_VALUE_DEPTH} is
 * invalid without running ajv, and a stack overflow inside ajv becomes a HammerError
 * (LIMIT_EXCEEDED) at `location` instead of escaping as a RangeError.
 */
export function runValidator(validate: ValidateFunction, value: unknown, prefix: string, location: string, topNoun?: string): ValidationResult {
  const deep = deepestPath(value, MAX_VALUE_DEPTH);
  if (deep !== null) return { valid: false, errors: [{ path: `${prefix}${deep}`, message: `nested deeper than ${MAX_VALUE_DEPTH} levels` }] };
  let ok: boolean;
  try {
    ok = validate(value) as boolean;
  } catch (e) {
    if (e instanceof RangeError) throw new HammerError("LIMIT_EXCEEDED", "the value nests too deeply to be validated", { location, cause: e });
    throw e;
  }
  if (ok) return { valid: true, errors: [] };
  return { valid: false, errors: formatErrors(validate.errors ?? [], prefix, topNoun) };
}

/** Pointer to a container nested past `max` levels (checked without recursion), or null. */
function deepestPath(value: unknown, max: number): string | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, ""]];
  // A shared sub-value is walked again only when met higher up (linear for DAGs, no blow-up).
  const shallowest = new Map<object, number>();
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop() as [unknown, number, string];
    if (v === null || typeof v !== "object" || (shallowest.get(v) ?? Infinity) <= depth) continue;
    if (depth >= max) return path;
    shallowest.set(v, depth);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, depth + 1, `${path}/${i}`]));
    else for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`]);
  }
  return null;
}
