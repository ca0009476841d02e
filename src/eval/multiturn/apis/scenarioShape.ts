import { HammerError } from "../../../core/errors.js";
import type { JsonValue } from "../../../core/json/index.js";

/**
 * Shape checks for a BFCL entry's `initial_config` as a port loads it. The official loader would
 * crash on a malformed scenario (a KeyError, a bad `int()`); here the entry is refused with a
 * message naming the class and the place, before any call runs.
 */

export function scenarioError(className: string, where: string, problem: string): HammerError {
  return new HammerError("INPUT_INVALID", `${className} initial_config: ${where}: ${problem}`);
}

/** `value` as a JSON object, or INPUT_INVALID. */
export function expectDict(value: JsonValue | undefined, className: string, where: string): Record<string, JsonValue> {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) throw scenarioError(className, where, "expected an object");
  return value;
}

/** `value` as a JSON array, or INPUT_INVALID. */
export function expectList(value: JsonValue | undefined, className: string, where: string): JsonValue[] {
  if (!Array.isArray(value)) throw scenarioError(className, where, "expected a list");
  return value;
}
