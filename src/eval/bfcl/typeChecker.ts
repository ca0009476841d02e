import type { BfclErrorType } from "./errorTypes.js";
import { pyReprAt, pyTypeAt, type PyType } from "../../core/python/index.js";
import { slotValue, type Slot } from "./slot.js";

export interface TypeCheckResult {
  valid: boolean;
  /** The value matched the possible answers' type instead of the doc type (BFCL's "variable" case). */
  isVariable: boolean;
  errorType?: BfclErrorType;
  error?: string;
}

/**
 * `get_possible_answer_type`: the Python type of the first alternative that is not `""`, or
 * null when every alternative is `""` (then the type cannot be inferred).
 */
export function possibleAnswerType(alternatives: readonly unknown[]): PyType | null {
  for (let i = 0; i < alternatives.length; i++) {
    if (alternatives[i] !== "") return pyTypeAt(alternatives, i);
  }
  return null;
}

/**
 * Port of BFCL's `type_checker`. Exact Python type equality (`bool` is not `int`, `5.0` is not
 * `int`), a one-level check of list items against each list-valued alternative, and the
 * "variable" escape: a value whose type equals the possible answers' type passes even when it
 * differs from the doc type. Two quirks kept for parity:
 * - an alternative that is not a list (e.g. `""` for optional) passes the nested check outright;
 * - after a failed nested check the value may still be "a variable" of the answers' type, and
 *   then the result is invalid with `type_error:nested` (the flag is set but not cleared).
 */
export function typeChecker(
  param: string,
  value: Slot,
  alternatives: readonly unknown[],
  expectedDescription: string,
  expected: PyType | "set",
  nested: PyType | "set" | null,
): TypeCheckResult {
  let result: TypeCheckResult = { valid: true, isVariable: false };
  const answerType = possibleAnswerType(alternatives);
  const isVariable = answerType !== null && answerType !== expected;
  const valueType = pyTypeAt(value.container, value.key);

  if (valueType === expected) {
    if (nested === null) return { valid: true, isVariable };
    const items = slotValue(value) as unknown[];
    for (const alt of alternatives) {
      let flag = true;
      if (Array.isArray(alt)) {
        for (let i = 0; i < items.length; i++) {
          const r = typeChecker(param, { container: items, key: i }, alt, nested, nested, null);
          if (!r.valid) {
            flag = false;
            break;
          }
        }
      }
      if (flag) return { valid: true, isVariable };
    }
    result = {
      valid: false,
      isVariable: false,
      errorType: "type_error:nested",
      error: `Nested type checking failed for parameter ${JSON.stringify(param)}. Expected outer type ${expectedDescription} with inner type ${nested}. Parameter value: ${pyReprAt(value.container, value.key)}.`,
    };
  }

  if (answerType !== null && valueType === answerType) return { ...result, isVariable: true };

  return {
    valid: false,
    isVariable: result.isVariable,
    errorType: "type_error:simple",
    error: `Incorrect type for parameter ${JSON.stringify(param)}. Expected type ${expectedDescription}, got ${valueType}. Parameter value: ${pyReprAt(value.container, value.key)}.`,
  };
}
