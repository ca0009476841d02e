import type { JsonValue } from "../../../core/json/index.js";
import type { ApiMethod, ApiReturn, PyParam } from "./SimulatedApi.js";

/**
 * One simulated method from its Python signature, written as names in order with `=` marking a
 * parameter that has a default (`["symbol", "start_date=", …]`).
 */
export function apiMethod(signature: readonly string[], call: (args: Readonly<Record<string, JsonValue>>) => ApiReturn): ApiMethod {
  const params: PyParam[] = signature.map((p) => (p.endsWith("=") ? { name: p.slice(0, -1), hasDefault: true } : { name: p, hasDefault: false }));
  return { params, call };
}
