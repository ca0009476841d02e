import { pyReprAt } from "../../../core/python/index.js";
import type { ApiCall } from "../types.js";

/**
 * BFCL's `convert_to_function_call` form of a model's call: `name(k=repr(v),…)` (comma without a
 * space, arguments in the order given). The official runner evaluates this text; here it is what
 * reports show as the decoded calls.
 */
export function callString(call: ApiCall): string {
  const args = Object.keys(call.arguments).map((k) => `${k}=${pyReprAt(call.arguments, k)}`);
  return `${call.name}(${args.join(",")})`;
}
