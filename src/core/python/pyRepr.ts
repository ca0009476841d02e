import { isFloatAt } from "../json/index.js";
import { pyFloatRepr, pyJsonNumber } from "./pyFloatRepr.js";

/**
 * Python `repr()` and `str()` of JSON-loaded values. Hammer's metric compares `str()` texts and
 * its HF template prints tools with jinja's `|string`, so the output must match CPython's byte
 * for byte. A number needs its container: only the container's float marks (core/json) know
 * whether an integral number is `5` or `5.0`.
 */

// Characters Python's str.isprintable() rejects: controls, format, surrogates, private use,
// unassigned, and separators other than the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;

/** Python `repr(str)`. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (NON_PRINTABLE.test(ch)) {
      const cp = ch.codePointAt(0) as number;
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a JSON-loaded value (strings quoted, `True`, `None`, `1.0`). */
export function pyRepr(value: unknown): string {
  return reprIn(value, null, null);
}

/** Python `repr()` of the value at `container[key]`, so a float mark on an integral number prints `5.0`. */
export function pyReprAt(container: object, key: string | number): string {
  return reprIn((container as Record<string | number, unknown>)[key], container, key);
}

/**
 * Python `str()` of the value found at `container[key]` (pass the container so a float mark on
 * an integral number prints `5.0`). A bare string prints unquoted, like Python.
 */
export function pyStr(value: unknown, container?: object, key?: string | number): string {
  if (typeof value === "string") return value;
  return reprIn(value, container ?? null, key ?? null);
}

/** Python `str()` of a value whose integral-float status is `float` (`5.0` vs `5`). */
export function pyStrOf(value: unknown, float: boolean): string {
  if (typeof value === "string") return value;
  // str() of a finite int or float is its JSON text (JSON input has no inf/nan)
  if (typeof value === "number" && Number.isFinite(value)) return pyJsonNumber(value, float);
  return pyStr(value);
}

function reprIn(v: unknown, container: object | null, key: string | number | null): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return reprNumber(container, key, v);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => reprIn(x, v, i)).join(", ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    return `{${keys.map((k) => `${pyStrRepr(k)}: ${reprIn((v as Record<string, unknown>)[k], v, k)}`).join(", ")}}`;
  }
  throw new TypeError(`pyRepr: cannot represent ${typeof v}`);
}

function reprNumber(container: object | null, key: string | number | null, n: number): string {
  if (!Number.isFinite(n)) return pyFloatRepr(n);
  const asFloat = container !== null && key !== null ? isFloatAt(container, key) : !Number.isInteger(n);
  return pyJsonNumber(n, asFloat);
}
