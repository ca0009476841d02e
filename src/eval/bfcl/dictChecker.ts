import { pyContains, pyIndexable, pyInList, pyLen, pyRepr } from "../../core/python/index.js";
import { fail, VALID, type CheckResult } from "./errorTypes.js";
import { standardizeString } from "./standardizeString.js";

const standardizeTop = (x: unknown): unknown => (typeof x === "string" ? standardizeString(x) : x);

function isDict(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/**
 * BFCL's `dict_checker` (one level deep): for some alternative, every model key must be a key of
 * the alternative with a value among that key's allowed values (strings standardized), and every
 * alternative key whose allowed values lack `""` must be present. Quirks kept: the missing-key
 * loop runs even after a bad value was found, so its `value_error:dict_key` overwrites
 * `value_error:dict_value`; the error reported is the last alternative's; with only `""`
 * alternatives the result is `dict_checker:unclear`.
 */
export function dictChecker(param: string, value: Record<string, unknown>, alternatives: readonly unknown[]): CheckResult {
  let result: CheckResult = fail("dict_checker:unclear", `No dict alternative for parameter ${pyRepr(param)}.`);
  for (const alt of alternatives) {
    if (alt === "") continue;
    result = fail("dict_checker:unclear", `No dict alternative for parameter ${pyRepr(param)}.`);
    let flag = true;
    for (const key of Object.keys(value)) {
      if (pyContains(alt, key) !== true) {
        result = fail("value_error:dict_key", `Unexpected dict key parameter: '${key}'.`);
        flag = false;
        break;
      }
      const allowed = isDict(alt) ? pyIndexable(alt[key]) : undefined;
      const want = standardizeTop(value[key]);
      if (allowed === undefined || !pyInList(want, allowed.map(standardizeTop))) {
        result = fail(
          "value_error:dict_value",
          `Invalid value for parameter ${pyRepr(key)}: ${pyRepr(value[key])}. Expected one of ${pyRepr(allowed ?? null)}.`,
        );
        flag = false;
        break;
      }
    }
    if (isDict(alt)) {
      for (const key of Object.keys(alt)) {
        if (!Object.prototype.hasOwnProperty.call(value, key) && pyContains(alt[key], "") !== true) {
          result = fail("value_error:dict_key", `Missing dict key parameter: '${key}'.`);
          flag = false;
          break;
        }
      }
    }
    if (flag) return VALID;
  }
  return result;
}

/**
 * BFCL's `list_dict_checker`: for some alternative (a list of dicts), the model's list has the
 * same length and each dict passes `dict_checker` against the alternative's dict at the same
 * index. The optional marker `""` has length 0, so an empty list matches it. A model item that
 * is not a dict would crash BFCL; here it fails the sample as `type_error:nested`.
 */
export function listDictChecker(param: string, value: readonly unknown[], alternatives: readonly unknown[]): CheckResult {
  let result: CheckResult = fail("list_dict_checker:unclear", `No list-of-dict alternative for parameter ${pyRepr(param)}.`);
  for (const alt of alternatives) {
    if (pyLen(alt) !== value.length) {
      result = fail("value_error:list_dict_count", "Wrong number of dictionaries in the list.");
      continue;
    }
    const items = pyIndexable(alt);
    if (items === undefined) {
      // A non-empty dict alternative: BFCL would raise indexing it by position.
      result = fail("list_dict_checker:unclear", `Alternative ${pyRepr(alt)} of parameter ${pyRepr(param)} is not a list.`);
      continue;
    }
    let flag = true;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (!isDict(item)) {
        result = fail("type_error:nested", `Item ${i} of parameter ${pyRepr(param)} is not a dict: ${pyRepr(item)}.`);
        flag = false;
        break;
      }
      result = dictChecker(param, item, [items[i]]);
      if (!result.valid) {
        flag = false;
        break;
      }
    }
    if (flag) return VALID;
  }
  return result;
}
