import { markFloat, type JsonValue } from "../../../../core/json/index.js";
import { pyFloatRepr } from "../../../../core/python/index.js";
import { PyException, PyOpaque, type ApiReturn } from "../SimulatedApi.js";
import { bitLength, divide, fromBigInt, fromDouble } from "./BinaryFloat.js";
import { correctlyRoundedPow } from "./correctlyRoundedPow.js";

/**
 * Python numbers as MathAPI's arithmetic sees them: ints exact (BigInt, as Python's are unbounded;
 * a bool is the int 0 or 1 that keeps its own spelling when returned untouched) and floats as
 * doubles, with Python's result types (`int + int` is an int, `/` always a float).
 */
export type PyNum = { readonly kind: "int"; readonly v: bigint } | { readonly kind: "float"; readonly v: number };

/** A JSON argument as a Python number; `undefined` for str, None, list, dict. */
export function asPyNum(x: JsonValue | undefined, isFloat: boolean): PyNum | undefined {
  if (typeof x === "boolean") return { kind: "int", v: x ? 1n : 0n };
  if (typeof x !== "number") return undefined;
  if (isFloat || !Number.isInteger(x)) return { kind: "float", v: x };
  return { kind: "int", v: BigInt(x) };
}

/** `float(int)`, which raises OverflowError past the largest double. */
export function toDouble(n: PyNum): number {
  if (n.kind === "float") return n.v;
  const d = Number(n.v);
  if (!Number.isFinite(d)) throw new PyException("int too large to convert to float");
  return d;
}

export const float = (v: number): PyNum => ({ kind: "float", v });

export function isZero(n: PyNum): boolean {
  return n.kind === "int" ? n.v === 0n : n.v === 0;
}

export function pyAdd(a: PyNum, b: PyNum): PyNum {
  return a.kind === "int" && b.kind === "int" ? { kind: "int", v: a.v + b.v } : float(toDouble(a) + toDouble(b));
}

export function pySub(a: PyNum, b: PyNum): PyNum {
  return a.kind === "int" && b.kind === "int" ? { kind: "int", v: a.v - b.v } : float(toDouble(a) - toDouble(b));
}

export function pyMul(a: PyNum, b: PyNum): PyNum {
  return a.kind === "int" && b.kind === "int" ? { kind: "int", v: a.v * b.v } : float(toDouble(a) * toDouble(b));
}

/** `a / b` for b ≠ 0 (true division); int / int is the exact quotient rounded once, as Python's is. */
export function pyTrueDiv(a: PyNum, b: PyNum): PyNum {
  if (a.kind === "int" && b.kind === "int" && (!Number.isSafeInteger(Number(a.v)) || !Number.isSafeInteger(Number(b.v)))) {
    const q = divide(fromBigInt(a.v), fromBigInt(b.v), 53);
    if (typeof q === "string") return float(NaN);
    const n = bitLength(q.man);
    // Past the largest double Python raises; below the normal range the rounding is rare enough to leave.
    if (q.exp + n - 1 > 1023) throw new PyException("integer division result too large for a float");
    return float(Number(q.man) * Math.pow(2, q.exp));
  }
  return float(toDouble(a) / toDouble(b));
}

/** Upper bound on the bits of an int power the port computes (Python would too, slowly). */
const MAX_POWER_BITS = 1_000_000;

/** Python's complex `repr`: `(1+2j)`, real part left out when it is +0.0. */
function complexRepr(re: number, im: number): string {
  const imText = `${pyFloatRepr(im)}j`;
  if (re === 0 && !Object.is(re, -0)) return imText;
  return `(${pyFloatRepr(re)}${im >= 0 || Number.isNaN(im) ? "+" : ""}${imText})`;
}

/** `base ** exponent`; a complex result comes back as its `repr` text. */
export function pyPow(base: PyNum, exponent: PyNum): PyNum | { complex: string } {
  if (base.kind === "int" && exponent.kind === "int" && exponent.v >= 0n) {
    const bits = (base.v < 0n ? -base.v : base.v).toString(2).length * Number(exponent.v);
    if (bits > MAX_POWER_BITS) throw new PyException(`${String(base.v)} ** ${String(exponent.v)} is beyond what this port computes`);
    return { kind: "int", v: base.v ** exponent.v };
  }
  const x = toDouble(base);
  const y = toDouble(exponent);
  if (x === 0 && y < 0) throw new PyException("0.0 cannot be raised to a negative power");
  if (x < 0 && Number.isFinite(y) && !Number.isInteger(y)) {
    // float.__pow__ hands a negative base with a fractional exponent to complex.__pow__, which
    // multiplies by glibc's cos/sin: neither V8's nor correctly rounded ones always agree with those
    // in the last digit (a documented limit; the parity test allows one ulp per part here).
    const len = correctlyRoundedPow(-x, y);
    const phase = Math.PI * y;
    return { complex: complexRepr(len * Math.cos(phase), len * Math.sin(phase)) };
  }
  return float(correctlyRoundedPow(x, y));
}

/** `abs(n)`. */
export function pyAbs(n: PyNum): PyNum {
  return n.kind === "int" ? { kind: "int", v: n.v < 0n ? -n.v : n.v } : float(Math.abs(n.v));
}

/** Round the rational num/den (den > 0) to an integer, ties to even. */
function roundRational(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  const twice = 2n * r;
  if (twice > den || (twice === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** `round(n, ndigits)`; `ndigits` undefined is `round(n)` (an int). */
export function pyRound(n: PyNum, ndigits: bigint | undefined): PyNum {
  if (n.kind === "int") {
    if (ndigits === undefined || ndigits >= 0n) return n;
    const unit = 10n ** -ndigits;
    const neg = n.v < 0n;
    const q = roundRational(neg ? -n.v : n.v, unit) * unit;
    return { kind: "int", v: neg ? -q : q };
  }
  const x = n.v;
  if (ndigits === undefined) return { kind: "int", v: roundFloatScaled(x, 0) };
  // float_round's range: past 323 digits nothing changes, below −308 everything becomes zero.
  if (ndigits > 323n) return n;
  if (ndigits < -308n) return float(0 * x);
  const nd = Number(ndigits);
  const q = roundFloatScaled(Math.abs(x), nd);
  const r = Number(`${x < 0 || Object.is(x, -0) ? "-" : ""}${q}e${-nd}`);
  if (!Number.isFinite(r)) throw new PyException("rounded value too large to represent");
  return float(r);
}

/** round_half_even(|x| · 10^nd) exactly, on the double's binary value; the sign of x is kept. */
function roundFloatScaled(x: number, nd: number): bigint {
  const b = fromDouble(Math.abs(x));
  if (typeof b === "string") throw new PyException("cannot convert float infinity to integer");
  let num = b.man;
  let den = 1n;
  if (b.exp >= 0) num <<= BigInt(b.exp);
  else den <<= BigInt(-b.exp);
  if (nd >= 0) num *= 10n ** BigInt(nd);
  else den *= 10n ** BigInt(-nd);
  const q = roundRational(num, den);
  return x < 0 ? -q : q;
}

/** The method's `{"result": n}`, as the runner will `json.dumps` it (ints of any size kept exact). */
export function resultOf(n: PyNum): ApiReturn {
  if (n.kind === "int") {
    if (n.v >= BigInt(Number.MIN_SAFE_INTEGER) && n.v <= BigInt(Number.MAX_SAFE_INTEGER)) return { result: Number(n.v) };
    const digits = n.v.toString();
    // Python 3.11 refuses to print an int of more than 4300 digits; the runner reports the ValueError.
    if (digits.replace("-", "").length > 4300) {
      throw new PyException("Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    }
    return new PyOpaque(`{"result": ${digits}}`);
  }
  const out: Record<string, JsonValue> = { result: n.v };
  if (Number.isInteger(n.v)) markFloat(out, "result");
  return out;
}
