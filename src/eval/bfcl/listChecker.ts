import { pyIndexable, pyInList, pyRepr } from "../../core/python/index.js";
import { fail, VALID, type CheckResult } from "./errorTypes.js";
import { standardizeString } from "./standardizeString.js";

const standardizeTop = (x: unknown): unknown => (typeof x === "string" ? standardizeString(x) : x);

/**
 * BFCL's `list_checker`: the whole list, with its top-level strings standardized, must equal one
 * alternative (order matters; nested strings are compared as they are). Quirk kept: BFCL builds
 * each alternative by indexing it, so the optional marker `""` becomes `[]` and an empty list
 * matches an optional parameter, and a string alternative becomes its characters.
 */
export function listChecker(param: string, value: readonly unknown[], alternatives: readonly unknown[]): CheckResult {
  const want = value.map(standardizeTop);
  const candidates: unknown[] = [];
  for (const alt of alternatives) {
    const items = pyIndexable(alt);
    // Python raises on a non-indexable alternative; such an alternative can never equal a list.
    if (items !== undefined) candidates.push(items.map(standardizeTop));
  }
  if (pyInList(want, candidates)) return VALID;
  return fail(
    "value_error:list/tuple",
    `Invalid value for parameter ${pyRepr(param)}: ${pyRepr(value)}. Expected one of ${pyRepr(alternatives)}.`,
  );
}
