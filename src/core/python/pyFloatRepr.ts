/**
 * Python's text for numbers. JS and Python agree on the shortest round-trip digits of a double;
 * only the layout differs (`1.0`, `1e-05`, `1e+16`).
 */

/** `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| < 1e16, else `1e-05`/`1e+16`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expPart] = x.toExponential().split("e") as [string, string];
  const exp = Number(expPart);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= digits.length - 1) body = digits + "0".repeat(exp - digits.length + 1) + ".0";
    else if (exp >= 0) body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    else body = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exp < 0 ? "-" : "+";
    const e = Math.abs(exp);
    body = `${m}e${sign}${e < 10 ? `0${e}` : e}`;
  }
  return neg ? `-${body}` : body;
}

/**
 * Python `json.dumps` of a number: `asFloat` says whether Python holds it as a float (so an
 * integral value prints `5.0`). Integers print every digit, never in exponent notation (integers
 * past 2^53 have already lost precision in parsing — a documented limit of JS numbers).
 */
export function pyJsonNumber(n: number, asFloat: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  if (asFloat || !Number.isInteger(n)) {
    // In [1e-4, 1e16) JS and Python print the same digits; only integral floats need ".0".
    const a = Math.abs(n);
    if (a >= 1e-4 && a < 1e16) return Number.isInteger(n) ? `${n}.0` : String(n);
    return pyFloatRepr(n);
  }
  // Past 2^53 the digits are already approximate; JS's shortest form (zero-padded up to 1e21)
  // reproduces the usual source lexeme, where BigInt would print the binary value's digits.
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}
