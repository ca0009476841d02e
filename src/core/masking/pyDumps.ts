import { isFloatAt, pyFloatRepr } from "../json/index.js";

// JSON.stringify escapes `"`, `\` and controls exactly like Python's json.dumps; with Python's
// default ensure_ascii, DEL and every non-ASCII UTF-16 unit also become \uXXXX.
const NEEDS_ASCII_ESCAPE = /[\u007f-\uffff]/;
const NON_ASCII = /[\u007f-\uffff]/g;

// printable ASCII other than `"` and `\`: the string is its own JSON body
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

/** Python `json.dumps(str)` (ensure_ascii=True): native escaping, then a pass only when needed. */
export function pyDumpsString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  const j = JSON.stringify(s);
  return NEEDS_ASCII_ESCAPE.test(j) ? j.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : j;
}

/** Python `repr(float)` with a fast path: in [1e-4, 1e16) JS and Python print the same digits. */
export function pyDumpsFloat(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e16) {
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  return pyFloatRepr(x);
}

/** Python `json.dumps` of a number whose integral-float status is `float`. */
export function pyDumpsNumber(n: number, float: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  if (float || !Number.isInteger(n)) return pyDumpsFloat(n);
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/**
 * Python `json.dumps(value)` (default separators, ensure_ascii) of a value from parseJson — the
 * same text as core's pyJsonDumps, faster on the data pipeline's hot path (masked tool lists).
 */
export function pyDumps(value: unknown): string {
  return dumpsIn(value, null, "");
}

function dumpsIn(v: unknown, container: object | null, key: string | number): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "string":
      return pyDumpsString(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return pyDumpsNumber(v, container !== null && isFloatAt(container, key));
    case "object": {
      if (Array.isArray(v)) {
        if (v.length === 0) return "[]";
        let out = "[";
        for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ", ") + dumpsIn(v[i], v, i);
        return `${out}]`;
      }
      const keys = Object.keys(v);
      if (keys.length === 0) return "{}";
      let out = "{";
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        out += `${i === 0 ? "" : ", "}${pyDumpsString(k)}: ${dumpsIn((v as Record<string, unknown>)[k], v, k)}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`pyDumps: cannot serialise ${typeof v}`);
  }
}
