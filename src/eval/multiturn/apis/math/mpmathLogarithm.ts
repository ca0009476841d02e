import type { JsonValue } from "../../../../core/json/index.js";
import { pyInt, pyRepr, pyTypeOf } from "../../../../core/python/index.js";
import { PyException, PyOpaque, type ApiReturn } from "../SimulatedApi.js";
import {
  add,
  divide,
  fromBigInt,
  fromDouble,
  multiplyExact,
  naturalLog,
  negate,
  NegativeLogarithm,
  pi,
  roundTo,
  MpfZeroDivision,
  type BinaryFloat,
} from "./BinaryFloat.js";
import { dpsToPrec, mpcRepr, mpfRepr } from "./mpmathText.js";

/**
 * `MathAPI.logarithm`: `mp.dps = precision; log(value) / log(base)` in mpmath, whose result is an
 * `mpf` (or an `mpc` for a negative operand) that `json.dumps` cannot write, so the runner prints
 * the dict with `str()`: `{'result': mpf('2.0')}`. Each logarithm is rounded to the context's
 * binary precision, then the quotient is.
 */

/**
 * Beyond this many bits (about 6,000 digits, a second or two here) the port declines: its series
 * would take minutes where mpmath switches to faster algorithms. No real call asks for as much.
 */
const MAX_PREC = 20_000;

type Complex = { re: BinaryFloat; im: BinaryFloat };
type MpValue = BinaryFloat | Complex;

const isComplex = (v: MpValue): v is Complex => typeof v === "object" && "re" in v;

/** Python `int(x)` for `mp.dps = x`; throws the message Python's exception carries. */
function pyIntOf(x: JsonValue, isFloat: boolean): number {
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "number") return isFloat ? Math.trunc(x) : x;
  if (typeof x === "string") {
    const n = pyInt(x);
    if (n === undefined) throw new Error(`invalid literal for int() with base 10: ${pyRepr(x)}`);
    return n;
  }
  throw new Error(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeOf(x, false)}'`);
}

/** Python float() syntax after mpmath lower-cases and strips it: digits with single underscores. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT_TEXT = new RegExp(String.raw`^([+-]?)(${DIGITS})?(?:\.(${DIGITS})?)?(?:e([+-]?${DIGITS}))?$`);
const SPECIAL_TEXT: Readonly<Record<string, BinaryFloat>> = { inf: "inf", "+inf": "inf", "-inf": "-inf", nan: "nan" };

/**
 * mpmath 1.3.0 `from_str(x, prec)`: `inf`/`nan`, a fraction `p/q` of Python ints, or a decimal literal,
 * rounded to `prec` bits (exactly; mpmath's own path for exponents past ±400 may differ in the last bit).
 * `undefined` where mpmath gives up on the text.
 */
function fromText(x: string, prec: number): BinaryFloat | undefined {
  const t = x.toLowerCase().trim();
  const special = SPECIAL_TEXT[t];
  if (special !== undefined) return special;
  if (t.includes("/")) {
    const parts = t.split("/");
    const p = parts.length === 2 ? pyInt((parts[0] as string).replace(/l+$/, "")) : undefined;
    const q = parts.length === 2 ? pyInt((parts[1] as string).replace(/l+$/, "")) : undefined;
    if (p === undefined || q === undefined) return undefined;
    return divide(fromBigInt(BigInt(p)), fromBigInt(BigInt(q)), prec);
  }
  const m = FLOAT_TEXT.exec(t.replace(/l+$/, ""));
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const frac = (m[3] ?? "").replace(/_/g, "").replace(/0+$/, "");
  const man = BigInt(`${(m[2] ?? "0").replace(/_/g, "")}${frac}`) * (m[1] === "-" ? -1n : 1n);
  const exp = Number((m[4] ?? "0").replace(/_/g, "")) - frac.length;
  if (exp >= 0) return roundTo(man * 10n ** BigInt(exp), 0, prec);
  return divide(fromBigInt(man), fromBigInt(10n ** BigInt(-exp)), prec);
}

/** mpmath `convert(x)`: ints and floats exactly, text rounded to `prec` bits. */
function toMpf(x: JsonValue, isFloat: boolean, prec: number): BinaryFloat {
  if (typeof x === "boolean") return fromBigInt(x ? 1n : 0n);
  if (typeof x === "number") return isFloat || !Number.isInteger(x) ? fromDouble(x) : fromBigInt(BigInt(x));
  const parsed = typeof x === "string" ? fromText(x, prec) : undefined;
  if (parsed !== undefined) return parsed;
  throw new Error(`cannot create mpf from ${x === null ? "None" : pyRepr(x)}`);
}

/** mpmath `ln(x)` at `prec` bits; a negative x gives ln|x| + iπ. */
function ln(x: BinaryFloat, prec: number): MpValue {
  try {
    return naturalLog(x, prec);
  } catch (e) {
    if (!(e instanceof NegativeLogarithm)) throw e;
    return { re: naturalLog(negate(x), prec), im: pi(prec) };
  }
}

/** mpmath `mpc_div`: the sums at prec+10 bits rounded toward zero, the quotients to nearest. */
function complexDivide(a: Complex, b: Complex, prec: number): Complex {
  const wp = prec + 10;
  const mag = add(multiplyExact(b.re, b.re), multiplyExact(b.im, b.im), wp, "down");
  const t = add(multiplyExact(a.re, b.re), multiplyExact(a.im, b.im), wp, "down");
  const u = add(multiplyExact(a.im, b.re), negate(multiplyExact(a.re, b.im)), wp, "down");
  return { re: divide(t, mag, prec), im: divide(u, mag, prec) };
}

function quotient(a: MpValue, b: MpValue, prec: number): MpValue {
  if (!isComplex(a) && !isComplex(b)) return divide(a, b, prec);
  if (isComplex(a) && !isComplex(b)) return { re: divide(a.re, b, prec), im: divide(a.im, b, prec) };
  const za = isComplex(a) ? a : { re: a, im: fromBigInt(0n) };
  return complexDivide(za, b as Complex, prec);
}

/** The whole method: the dict it returns, as the runner will print it. */
export function mpmathLogarithm(
  value: JsonValue,
  valueIsFloat: boolean,
  base: JsonValue,
  baseIsFloat: boolean,
  precision: JsonValue,
  precisionIsFloat: boolean,
): ApiReturn {
  let prec: number;
  let result: MpValue;
  try {
    prec = dpsToPrec(pyIntOf(precision, precisionIsFloat));
    if (prec > MAX_PREC) throw new PyException(`precision ${String(precision)} is beyond what this port computes (at most 6000 digits)`);
    result = quotient(ln(toMpf(value, valueIsFloat, prec), prec), ln(toMpf(base, baseIsFloat, prec), prec), prec);
  } catch (e) {
    if (e instanceof PyException) throw e;
    // mpmath's ZeroDivisionError carries no message; the method returns {"error": str(e)}.
    return { error: e instanceof MpfZeroDivision ? "" : (e as Error).message };
  }
  const text = isComplex(result) ? mpcRepr(result.re, result.im, prec) : mpfRepr(result, prec);
  return new PyOpaque(`{'result': ${text}}`);
}
