import { HammerError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { isPlainObject } from "./slots.js";
import type { WorkCall } from "./types.js";

/**
 * Work view of gold calls `{name, arguments}` (ToolCall or xLAM answer objects). Argument values
 * are shared with the source, not copied: masking only ever replaces whole values.
 */
export function readWorkCalls(calls: readonly unknown[]): WorkCall[] {
  return calls.map((call, i) => {
    if (!isPlainObject(call) || typeof call.name !== "string") {
      throw new HammerError("INPUT_INVALID", "a call must be an object with a string \"name\"", { location: `/calls/${i}` });
    }
    const args = call.arguments ?? {};
    if (!isPlainObject(args)) {
      throw new HammerError("INPUT_INVALID", `call ${JSON.stringify(call.name)}: "arguments" must be an object`, { location: `/calls/${i}/arguments` });
    }
    return {
      name: call.name,
      source: i,
      args: Object.keys(args).map((key) => ({ key, value: args[key], float: isFloatAt(args, key) })),
    };
  });
}
