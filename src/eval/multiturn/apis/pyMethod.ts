import type { JsonValue } from "../../../core/json/index.js";
import { copySlot } from "./pyValueOps.js";
import type { ApiMethod, ApiReturn, PyParam, SimulatedApi } from "./SimulatedApi.js";

/** A parameter's Python default: a value, or a function giving the (possibly shared, mutable) default object of `self`. */
export type PyDefault<T = SimulatedApi> = JsonValue | ((self: T) => JsonValue);

/**
 * One simulated method from its Python signature: `params` in order, each `name` or
 * `[name, default]`. The body receives every parameter bound: passed ones as given (float marks
 * kept), left-out ones set to their default; and the instance called (`T`: the port's class, for
 * a method table shared by its instances). A passed `null` stays `null` (Python's None).
 */
export function pyMethod<T = SimulatedApi>(params: ReadonlyArray<string | readonly [string, PyDefault<T>]>, body: (a: Record<string, JsonValue>, self: T) => ApiReturn): ApiMethod {
  const signature: PyParam[] = params.map((p) => ({ name: typeof p === "string" ? p : p[0], hasDefault: typeof p !== "string" }));
  const defaults = params.filter((p): p is readonly [string, PyDefault<T>] => typeof p !== "string");
  return {
    params: signature,
    call(args, instance) {
      const self = instance as unknown as T;
      const bound: Record<string, JsonValue> = {};
      for (const { name } of signature) if (Object.prototype.hasOwnProperty.call(args, name)) copySlot(bound, name, args, name);
      for (const [name, value] of defaults) {
        if (!Object.prototype.hasOwnProperty.call(bound, name)) bound[name] = typeof value === "function" ? value(self) : value;
      }
      return body(bound, self);
    },
  };
}
