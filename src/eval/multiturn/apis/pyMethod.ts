import type { JsonValue } from "../../../core/json/index.js";
import { copySlot } from "./pyValueOps.js";
import type { ApiMethod, ApiReturn, PyParam } from "./SimulatedApi.js";

/** A parameter's Python default: a value, or a function giving the (possibly shared, mutable) default object. */
export type PyDefault = JsonValue | (() => JsonValue);

/**
 * One simulated method from its Python signature: `params` in order, each `name` or
 * `[name, default]`. The body receives every parameter bound: passed ones as given (float marks
 * kept), left-out ones set to their default. A passed `null` stays `null` (Python's None).
 */
export function pyMethod(params: ReadonlyArray<string | readonly [string, PyDefault]>, body: (a: Record<string, JsonValue>) => ApiReturn): ApiMethod {
  const signature: PyParam[] = params.map((p) => ({ name: typeof p === "string" ? p : p[0], hasDefault: typeof p !== "string" }));
  const defaults = params.filter((p): p is readonly [string, PyDefault] => typeof p !== "string");
  return {
    params: signature,
    call(args) {
      const bound: Record<string, JsonValue> = {};
      for (const { name } of signature) if (Object.prototype.hasOwnProperty.call(args, name)) copySlot(bound, name, args, name);
      for (const [name, value] of defaults) {
        if (!Object.prototype.hasOwnProperty.call(bound, name)) bound[name] = typeof value === "function" ? value() : value;
      }
      return body(bound);
    },
  };
}
