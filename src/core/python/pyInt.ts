import { pyStrip } from "./pyStrMethods.js";

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
