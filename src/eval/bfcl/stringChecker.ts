import { fail, VALID, type CheckResult } from "./errorTypes.js";
import { pyRepr } from "../../core/python/index.js";
import { standardizeString } from "./standardizeString.js";

/** BFCL's `string_checker`: the standardized string must equal a standardized string alternative. */
export function stringChecker(param: string, value: string, alternatives: readonly unknown[]): CheckResult {
  const want = standardizeString(value);
  for (const alt of alternatives) {
    if (typeof alt === "string" && standardizeString(alt) === want) return VALID;
  }
  return fail(
    "value_error:string",
    `Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(alternatives)}. Case insensitive.`,
  );
}
