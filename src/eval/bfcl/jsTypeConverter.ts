import { HammerError } from "../../core/errors.js";
import { markFloat } from "../../core/json/index.js";
import { PY_DOT, PY_END, PY_S, pyFloat, pyInt, pyRegExp as RE, pySlice, pyStrip, pyStripChars } from "../../core/python/index.js";
import { boxed, pyValList as listOf, pyValStr as str, type PyVal, type Slot } from "./slot.js";
import { matchJsArray2d } from "./patternMatchers.js";
import { JS_TYPE_CONVERSION, MAX_CONVERTIBLE_LENGTH } from "./typeMappings.js";

/**
 * Port of BFCL's `js_type_converter`: JavaScript parameters arrive as strings of JS source
 * (`"[1, 2]"`, `"{a: 1}"`, `"10n"`) and are turned back into Python values with regexes;
 * unrecognised text stays a string. Quirks kept: arrays are split on every comma, a 2-D array's
 * items are never converted to the nested type, a String is unquoted only when quoted at both
 * ends, and any error inside array/dict parsing returns the original text.
 */
export function jsTypeConverter(value: string, expectedType: string, nestedType?: string): Slot {
  if (!Object.prototype.hasOwnProperty.call(JS_TYPE_CONVERSION, expectedType)) throw new ConverterError(expectedType);
  // Hostile sizes: BFCL's regexes are quadratic on some texts; longer values stay text.
  if (value.length > MAX_CONVERTIBLE_LENGTH) return boxed(value);
  const r = convert(value, expectedType, nestedType);
  return boxed(r.v, r.float);
}

const INT_RE = RE(`^-?\\d+${PY_END}`);
const FLOAT_RE = RE(`^-?\\d+(\\.\\d+)?${PY_END}`);
const BIGINT_RE = RE(`^-?\\d+n${PY_END}`);

class ConverterError extends HammerError {
  constructor(type: string) {
    super("INPUT_INVALID", `BFCL's JavaScript type converter does not support type ${JSON.stringify(type)}`);
  }
}

function convert(value: string, expectedType: string, nestedType?: string): PyVal {
  if (!Object.prototype.hasOwnProperty.call(JS_TYPE_CONVERSION, expectedType)) throw new ConverterError(expectedType);
  switch (expectedType) {
    case "String":
      if (!(value.startsWith('"') && value.endsWith('"')) && !(value.startsWith("'") && value.endsWith("'"))) return str(value);
      return str(pySlice(value, 1, -1));
    case "integer": {
      if (!INT_RE.test(value)) return str(value);
      const n = pyInt(value);
      return n === undefined ? str(value) : { v: n, float: false };
    }
    case "float": {
      if (!FLOAT_RE.test(value)) return str(value);
      const n = pyFloat(value);
      return n === undefined ? str(value) : { v: n, float: true };
    }
    case "Bigint": {
      if (!BIGINT_RE.test(value)) return str(value);
      const n = pyInt(pySlice(value, 0, -1));
      return n === undefined ? str(value) : { v: n, float: false };
    }
    case "Boolean":
      return value === "true" || value === "false" ? { v: value === "true", float: false } : str(value);
    case "dict":
      return parseJsCollection(value, "dict", nestedType);
    case "array":
      return parseJsCollection(value, "array", nestedType);
    case "any":
      return str(value);
    default:
      throw new ConverterError(expectedType);
  }
}

const INNER_ARRAY_RE = RE(`\\[(${PY_DOT}*?)\\]`, "g");
const ARRAY_RE = RE(`\\[(${PY_DOT}*?)\\]|\\bnew${PY_S}+Array\\((${PY_DOT}*?)\\)`, "y");
const DICT_RE = RE(`\\{(${PY_DOT}*?)\\}`, "y");
const PAIR_RE = RE(`([^:]+):${PY_S}*(${PY_DOT}*?)(?:,${PY_S}*(?=[^,]+:)|${PY_END})`, "g");

function parseJsCollection(input: string, typeStr: "array" | "dict", nestedType?: string): PyVal {
  const code = pyStrip(input);
  if (typeStr === "array") {
    try {
      const m2 = matchJsArray2d(code);
      if (m2 !== null) {
        const rows: PyVal[] = [];
        [...m2.matchAll(INNER_ARRAY_RE)].forEach((inner, idx) => {
          let s = pyStrip(inner[1] as string);
          if (idx === 0 && s.startsWith("[")) s = pySlice(s, 1);
          const cells = s.split(",").map((e) => parseJsValue(pyStrip(e)));
          rows.push({ v: listOf(cells), float: false });
        });
        return { v: listOf(rows), float: false };
      }
      ARRAY_RE.lastIndex = 0;
      const m = ARRAY_RE.exec(code);
      if (!m) return str(code);
      const body = m[1] !== undefined ? pyStrip(m[1]) : m[2] !== undefined ? pyStrip(m[2]) : "";
      const parts = body ? body.split(",") : [];
      const items = parts.map((e) => {
        const t = pyStrip(e);
        if (!nestedType) return parseJsValue(t);
        return t.startsWith("'") || t.startsWith('"') ? convert(t, nestedType, "String") : convert(t, nestedType);
      });
      return { v: listOf(items), float: false };
    } catch {
      // BFCL wraps array parsing in a bare `except` and falls back to the text.
      return str(code);
    }
  }
  if (code === "{}") return { v: {}, float: false };
  DICT_RE.lastIndex = 0;
  const m = DICT_RE.exec(code);
  if (!m) return str(code);
  try {
    const out: Record<string, unknown> = {};
    for (const p of (m[1] as string).matchAll(PAIR_RE)) {
      const key = pyStripChars(pyStrip(p[1] as string), "'\"");
      const value = pyStrip(p[2] as string);
      let val: PyVal;
      if (value.startsWith("[") && value.endsWith("]")) val = parseJsCollection(value, "array");
      else if (value.startsWith("{") && value.endsWith("}")) val = parseJsCollection(value, "dict");
      else val = parseJsValue(pyStripChars(value, "'\""));
      if (key === "__proto__") Object.defineProperty(out, key, { value: val.v, enumerable: true, writable: true, configurable: true });
      else out[key] = val.v;
      if (val.float && typeof val.v === "number") markFloat(out, key);
    }
    return { v: out, float: false };
  } catch {
    return str(code);
  }
}

/** BFCL's `parse_js_value`: a JS literal without a declared type. */
export function parseJsValueAt(text: string): Slot {
  const r = parseJsValue(text);
  return boxed(r.v, r.float);
}

function parseJsValue(input: string): PyVal {
  const s = pyStrip(input);
  if (s === "true") return { v: true, float: false };
  if (s === "false") return { v: false, float: false };
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) return str(pySlice(s, 1, -1));
  const i = pyInt(s);
  if (i !== undefined) return { v: i, float: false };
  const f = pyFloat(s);
  if (f !== undefined) return { v: f, float: true };
  return str(s);
}
