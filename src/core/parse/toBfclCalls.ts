import { HammerError } from "../errors.js";
import { cloneJson } from "../json/index.js";
import type { ToolCall } from "../types.js";

/** BFCL's decoded call shape: `{"func_name": {arg: value}}`. */
export type BfclCall = Record<string, Record<string, unknown>>;

/** Calls in BFCL's `[{func: {arg: val}}]` shape (what `decode_ast` returns), float marks kept. */
export function toBfclCalls(calls: readonly ToolCall[]): BfclCall[] {
  return calls.map((c) => {
    const out: BfclCall = {};
    // A function named "__proto__" must become an own key, not the prototype.
    Object.defineProperty(out, c.name, { value: cloneJson(c.arguments), enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** The inverse of {@link toBfclCalls}; throws INPUT_INVALID naming the bad item. */
export function fromBfclCalls(value: unknown): ToolCall[] {
  if (!Array.isArray(value)) throw new HammerError("INPUT_INVALID", "BFCL calls must be a list of {func: {args}} objects", { location: "/" });
  return value.map((item, i) => {
    const keys = item !== null && typeof item === "object" && !Array.isArray(item) ? Object.keys(item) : [];
    const name = keys[0];
    const args = name === undefined ? undefined : (item as Record<string, unknown>)[name];
    if (keys.length !== 1 || name === undefined || args === null || typeof args !== "object" || Array.isArray(args)) {
      throw new HammerError("INPUT_INVALID", `BFCL call ${i} must be an object with exactly one key mapping a function name to its arguments object`, {
        location: `/${i}`,
      });
    }
    return { name, arguments: cloneJson(args as Record<string, unknown>) };
  });
}
