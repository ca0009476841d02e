import { HammerError } from "../../core/errors.js";
import { pyInList, pyRepr, pyReprAt, pyTypeAt, type PyType } from "../../core/python/index.js";
import type { BfclLanguage } from "./categories.js";
import { dictChecker, listDictChecker } from "./dictChecker.js";
import { fail, VALID, type CheckResult } from "./errorTypes.js";
import { javaTypeConverter } from "./javaTypeConverter.js";
import { jsTypeConverter } from "./jsTypeConverter.js";
import { listChecker } from "./listChecker.js";
import { boxed, slotValue, type Slot } from "./slot.js";
import { stringChecker } from "./stringChecker.js";
import { typeChecker } from "./typeChecker.js";
import {
  JAVA_TYPE_CONVERSION,
  JS_TYPE_CONVERSION,
  NESTED_CONVERSION_TYPE_LIST,
  PYTHON_NESTED_TYPE_CHECK_LIST,
  PYTHON_TYPE_MAPPING,
} from "./typeMappings.js";
import type { BfclExpectedCall, BfclFunctionDoc, DecodedCall } from "./types.js";

export interface CheckerOptions {
  /**
   * The evaluated model saw tool names with `.` replaced by `_` (BFCL's `underscore_to_dot` for
   * OpenAI-style FC models), so expected names are converted the same way. Default false.
   */
  underscoreToDot?: boolean;
}

/** BFCL's `convert_func_name`. */
export function convertFuncName(name: string, options: CheckerOptions): string {
  return options.underscoreToDot && name.includes(".") ? name.replace(/\./g, "_") : name;
}

function docError(doc: BfclFunctionDoc, message: string): never {
  throw new HammerError("INPUT_INVALID", `BFCL function doc ${JSON.stringify(doc.name)}: ${message}`);
}

/**
 * Port of BFCL's `simple_function_checker`: one model call against one expected call, checking
 * in BFCL's order and stopping at the first failure — name, required params, unexpected params,
 * then per param (in the model's order) type and value, then params missing from the model
 * whose alternatives lack `""`. Java/JavaScript values must be strings and are converted first.
 */
export function simpleFunctionChecker(
  doc: BfclFunctionDoc,
  call: DecodedCall,
  expected: BfclExpectedCall,
  language: BfclLanguage,
  options: CheckerOptions = {},
): CheckResult {
  const answer = Object.values(expected)[0] ?? {};
  const details = doc.parameters.properties;
  const funcName = convertFuncName(doc.name, options);

  if (call.name !== funcName) {
    return fail("simple_function_checker:wrong_func_name", `Function name ${pyRepr(funcName)} not found in model output.`);
  }
  const params = call.args;
  const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

  for (const p of doc.parameters.required) {
    if (!has(params, p)) return fail("simple_function_checker:missing_required", `Missing required parameter: ${pyRepr(p)}.`);
  }

  for (const param of Object.keys(params)) {
    if (!has(details, param) || !has(answer, param)) {
      return fail("simple_function_checker:unexpected_param", `Unexpected parameter: ${pyRepr(param)}.`);
    }
    const r = checkParam(doc, param, { container: params, key: param }, answer[param] as unknown[], language);
    if (!r.valid) return r;
  }

  for (const param of Object.keys(answer)) {
    if (!has(params, param) && !pyInList("", answer[param] as unknown[])) {
      return fail(
        "simple_function_checker:missing_optional",
        `Optional parameter ${pyRepr(param)} not provided and not marked as optional.`,
      );
    }
  }
  return VALID;
}

function checkParam(doc: BfclFunctionDoc, param: string, given: Slot, alternatives: unknown[], language: BfclLanguage): CheckResult {
  const detail = doc.parameters.properties[param] as BfclFunctionDoc["parameters"]["properties"][string];
  const typeDescription = detail.type;
  let value = given;
  let expected: PyType | "set";
  let nested: PyType | "set" | null = null;

  if (language === "Java" || language === "JavaScript") {
    const table = language === "Java" ? JAVA_TYPE_CONVERSION : JS_TYPE_CONVERSION;
    const conv = table[typeDescription];
    if (conv === undefined) docError(doc, `parameter ${JSON.stringify(param)} has type ${JSON.stringify(typeDescription)}, unknown to BFCL's ${language} checker`);
    expected = conv;
    const raw = slotValue(given);
    if (typeof raw !== "string") {
      return fail(
        language === "Java" ? "type_error:java" : "type_error:js",
        `Incorrect type for parameter ${pyRepr(param)}. Expected type String, got ${pyTypeAt(given.container, given.key)}. Parameter value: ${pyReprAt(given.container, given.key)}.`,
      );
    }
    const convert = language === "Java" ? javaTypeConverter : jsTypeConverter;
    if (NESTED_CONVERSION_TYPE_LIST.includes(typeDescription)) {
      const nestedType = detail.items?.type;
      if (nestedType === undefined || table[nestedType] === undefined) docError(doc, `parameter ${JSON.stringify(param)} needs items.type known to BFCL's ${language} checker`);
      nested = table[nestedType] as PyType | "set";
      value = convert(raw, typeDescription, nestedType);
    } else {
      value = convert(raw, typeDescription);
    }
  } else {
    const conv = PYTHON_TYPE_MAPPING[typeDescription];
    if (conv === undefined) docError(doc, `parameter ${JSON.stringify(param)} has type ${JSON.stringify(typeDescription)}, unknown to BFCL's Python checker`);
    expected = conv;
    if (PYTHON_NESTED_TYPE_CHECK_LIST.includes(typeDescription)) {
      const nestedType = detail.items?.type;
      const n = nestedType === undefined ? undefined : PYTHON_TYPE_MAPPING[nestedType];
      if (n === undefined) docError(doc, `parameter ${JSON.stringify(param)} needs items.type known to BFCL's Python checker`);
      nested = n;
    }
    // (BFCL also turns tuple values into lists here; JSON-decoded values are never tuples.)
    value = intToFloat(language, typeDescription, value);
  }

  const t = typeChecker(param, value, alternatives, typeDescription, expected, nested);
  if (!t.valid) return fail(t.errorType ?? "type_error:simple", t.error ?? "");

  if (!t.isVariable) {
    const v = slotValue(value);
    if (expected === "dict") return dictChecker(param, v as Record<string, unknown>, alternatives);
    if (expected === "list" && nested === "dict") return listDictChecker(param, v as unknown[], alternatives);
    if (expected === "str") return stringChecker(param, v as string, alternatives);
    if (expected === "list") return listChecker(param, v as unknown[], alternatives);
  }
  if (!pyInList(slotValue(value), alternatives)) {
    return fail(
      "value_error:others",
      `Invalid value for parameter ${pyRepr(param)}: ${pyReprAt(value.container, value.key)}. Expected one of ${pyRepr(alternatives)}.`,
    );
  }
  return VALID;
}

/**
 * Parity quirk: for a Python `float` parameter an `int` is accepted and becomes a float
 * (`5` for `5.0`), but there is no float→int conversion (`5.0` for an `integer` fails).
 */
export function intToFloat(language: BfclLanguage, typeDescription: string, value: Slot): Slot {
  if (language === "Python" && typeDescription === "float" && pyTypeAt(value.container, value.key) === "int") {
    return boxed(slotValue(value), true);
  }
  return value;
}
