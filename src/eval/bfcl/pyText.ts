/**
 * The bits of Python string and regex behaviour BFCL's Java/JavaScript converters rely on, so
 * the TypeScript ports give the same results on the same model outputs.
 */

/** Characters `str.strip()` / `\s` treat as whitespace (str.isspace), as a regex class body. */
export const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** Python `\s`. */
export const PY_S = `[${PY_WS}]`;
/** Python `\w` (str.isalnum() or "_"). */
export const PY_W = "[\\p{L}\\p{N}_]";
/** Python `.` without DOTALL: anything but "\n" (JavaScript's `.` also stops at \r, U+2028, U+2029). */
export const PY_DOT = "[^\\n]";
/** Python `$` without MULTILINE: end of text, or just before a final "\n". */
export const PY_END = "(?=\\n?$)";

const STRIP_RE = new RegExp(`^${PY_S}+|${PY_S}+$`, "gu");

/** `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(STRIP_RE, "");
}

/** `s.strip(chars)`. */
export function pyStripChars(s: string, chars: string): string {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && chars.includes(cps[a] as string)) a++;
  while (b > a && chars.includes(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join("");
}

/** `s[start:end]` on code points (JavaScript slices UTF-16 units). */
export function pySlice(s: string, start: number, end?: number): string {
  // Fast path: no surrogates, code units are code points.
  if (!/[\ud800-\udfff]/.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join("");
}

const INT_RE = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT_RE = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.\d+(?:_\d+)*|\d+(?:_\d+)*\.?)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const FLOAT_SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * `int(s)`: surrounding whitespace, a sign, digits with single underscores. `undefined` where
 * Python raises ValueError. (Python also accepts non-ASCII decimal digits; those are not
 * recognised here.)
 */
export function pyInt(s: string): number | undefined {
  const t = pyStrip(s);
  if (!INT_RE.test(t)) return undefined;
  return Number(t.replace(/_/g, "")) + 0; // + 0 turns -0 into 0, as Python ints have no sign of zero
}

/** `float(s)`; `undefined` where Python raises ValueError. */
export function pyFloat(s: string): number | undefined {
  const t = pyStrip(s);
  if (FLOAT_RE.test(t)) return Number(t.replace(/_/g, ""));
  const m = FLOAT_SPECIAL_RE.exec(t);
  if (!m) return undefined;
  if ((m[2] as string).toLowerCase() === "nan") return NaN;
  return m[1] === "-" ? -Infinity : Infinity;
}
