import { HammerError } from "../../core/errors.js";
import { markFloat } from "../../core/json/index.js";
import { PY_DOT, PY_END, PY_S, PY_W, pyFloat, pyInt, pyRegExp as RE, pySlice, pyStrip } from "../../core/python/index.js";
import { boxed, pyValFloat as flt, pyValInt as int, pyValList as listOf, pyValStr as str, type PyVal, type Slot } from "./slot.js";
import { matchJavaAddBlock, matchJavaHashMap } from "./patternMatchers.js";
import { JAVA_TYPE_CONVERSION, JAVA_UNCONVERTIBLE_TYPES, MAX_CONVERTIBLE_LENGTH } from "./typeMappings.js";

/**
 * Port of BFCL's `java_type_converter`: Java/BFCL sends every Java parameter as a string of Java
 * source (`"123L"`, `new ArrayList<>(Arrays.asList("a"))`) and the checker turns it back into a
 * Python value with regexes. Anything the regexes do not recognise stays the original string
 * ("default to string"), which then usually fails the type check. Quirks kept on purpose:
 * `char` never converts (its regex `^'.$'` cannot match), String elements of an `Array` keep
 * their quotes, elements are split on every comma.
 */
export function javaTypeConverter(value: string, expectedType: string, nestedType?: string): Slot {
  if (!Object.prototype.hasOwnProperty.call(JAVA_TYPE_CONVERSION, expectedType) || JAVA_UNCONVERTIBLE_TYPES.includes(expectedType)) unsupported(expectedType);
  // Hostile sizes: BFCL's regexes are quadratic on some texts; longer values stay text.
  if (value.length > MAX_CONVERTIBLE_LENGTH) return boxed(value);
  const r = convert(value, expectedType, nestedType);
  return boxed(r.v, r.float);
}

const INT_RE = RE(`^-?\\d+${PY_END}`);
const FLOAT_F_RE = RE(`^-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[fF]${PY_END}`);
const DOUBLE_RE = RE(`^-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?${PY_END}`);
const LONG_RE = RE(`^-?\\d+[lL]${PY_END}`);
const TRAILING_F = RE(`[fF]${PY_END}`);
const TRAILING_L = RE(`[lL]${PY_END}`);

function unsupported(expectedType: string): never {
  throw new HammerError("INPUT_INVALID", `BFCL's Java type converter does not support type ${JSON.stringify(expectedType)}`);
}

function convert(value: string, expectedType: string, nestedType?: string): PyVal {
  if (!Object.prototype.hasOwnProperty.call(JAVA_TYPE_CONVERSION, expectedType)) unsupported(expectedType);
  switch (expectedType) {
    case "byte":
    case "short":
    case "integer": {
      if (!INT_RE.test(value)) return str(value);
      return orString(value, pyInt(value), false);
    }
    case "float": {
      if (!FLOAT_F_RE.test(value)) return str(value);
      return orString(value, pyFloat(value.replace(TRAILING_F, "")), true);
    }
    case "double": {
      if (!DOUBLE_RE.test(value)) return str(value);
      return orString(value, pyFloat(value), true);
    }
    case "long": {
      if (!LONG_RE.test(value)) return str(value);
      return orString(value, pyInt(value.replace(TRAILING_L, "")), false);
    }
    case "boolean":
      return value === "true" || value === "false" ? { v: value === "true", float: false } : str(value);
    case "char":
      // BFCL's regex `^\'.$\'` needs text after the end of the string, so it never matches.
      return str(value);
    case "Array":
      return parseArray(value, nestedType);
    case "ArrayList":
      return parseArrayList(value, nestedType);
    case "HashMap":
      return parseHashMap(value);
    case "String":
    case "any":
      return str(value);
    default:
      // Set, Hashtable, Queue, Stack: BFCL raises NotImplementedError for these.
      return unsupported(expectedType);
  }
}

/** Where Python's int()/float() would raise after the regex matched, keep the string. */
function orString(value: string, n: number | undefined, asFloat: boolean): PyVal {
  if (n === undefined) return str(value);
  return asFloat ? flt(n) : int(n);
}

const AS_LIST_RE = RE(`new${PY_S}+ArrayList<${PY_W}*>\\(Arrays\\.asList\\((${PY_DOT}+?)\\)\\)`);
const ADD_CALL_RE = RE(`add\\((${PY_DOT}+?)\\)`, "g");
const EMPTY_LIST_RE = RE(`new${PY_S}+ArrayList<${PY_W}*>\\(\\)`);

function element(text: string, nestedType: string | undefined): PyVal {
  if (nestedType === "char" || nestedType === "String") return str(pySlice(text, 1, -1));
  return nestedType ? convert(text, nestedType) : parseJavaValue(text);
}

function parseArrayList(input: string, nestedType?: string): PyVal {
  const asList = AS_LIST_RE.exec(input);
  if (asList) {
    const items = (asList[1] as string).split(",").map((e) => element(pyStrip(e), nestedType));
    return { v: listOf(items), float: false };
  }
  const addBlock = matchJavaAddBlock(input);
  if (addBlock !== null) {
    const items = [...addBlock.matchAll(ADD_CALL_RE)].map((m) => element(pyStrip(m[1] as string), nestedType));
    return { v: listOf(items), float: false };
  }
  if (EMPTY_LIST_RE.test(input)) return { v: [], float: false };
  return str(input);
}

const ARRAY_RE = RE(`new${PY_S}+${PY_W}+\\[\\]${PY_S}*\\{(${PY_DOT}*?)\\}`);

function parseArray(input: string, nestedType?: string): PyVal {
  const m = ARRAY_RE.exec(input);
  if (!m) return str(input);
  const parts = (m[1] as string).split(",").map(pyStrip).filter((x) => x !== "");
  // Unlike ArrayList, Array elements go through the converter even for String (quotes kept).
  const items = parts.map((x) => (nestedType ? convert(x, nestedType) : parseJavaValue(x)));
  return { v: listOf(items), float: false };
}

const PUT_RE = RE(`put\\("(${PY_DOT}*?)",${PY_S}*(${PY_DOT}*?)\\)`, "g");
const EMPTY_MAP_RE = RE(`new${PY_S}+HashMap<${PY_DOT}*?>${PY_S}*\\(\\)`);

function parseHashMap(input: string): PyVal {
  const puts = matchJavaHashMap(input);
  if (puts !== null) {
    const out: Record<string, unknown> = {};
    if (pyStrip(puts) !== "") {
      for (const p of puts.matchAll(PUT_RE)) {
        const key = p[1] as string;
        const val = parseJavaValue(pyStrip(p[2] as string));
        setKey(out, key, val);
      }
    }
    return { v: out, float: false };
  }
  if (EMPTY_MAP_RE.test(input)) return { v: {}, float: false };
  return str(input);
}

function setKey(out: Record<string, unknown>, key: string, val: PyVal): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value: val.v, enumerable: true, writable: true, configurable: true });
  else out[key] = val.v;
  if (val.float && typeof val.v === "number") markFloat(out, key);
}

const LONG_VALUE_RE = RE(`^-?\\d+[lL]${PY_END}`);

/** BFCL's `parse_java_value`: a Java literal without a declared type. */
export function parseJavaValueAt(text: string): Slot {
  const r = parseJavaValue(text);
  return boxed(r.v, r.float);
}

function parseJavaValue(s: string): PyVal {
  if (s === "true") return { v: true, float: false };
  if (s === "false") return { v: false, float: false };
  if (s.startsWith('"') && s.endsWith('"')) return str(pySlice(s, 1, -1));
  if (LONG_VALUE_RE.test(s)) return orString(s, pyInt(pySlice(s, 0, -1)), false);
  if (FLOAT_F_RE.test(s)) return orString(s, pyFloat(s.replace(TRAILING_F, "")), true);
  const i = pyInt(s);
  if (i !== undefined) return int(i);
  const f = pyFloat(s);
  if (f !== undefined) return flt(f);
  return str(s);
}
