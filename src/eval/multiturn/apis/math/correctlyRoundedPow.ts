import { PyException } from "../SimulatedApi.js";
import { bitLength, divide, fromDouble, lnFixed, ln2Fixed, roundTo } from "./BinaryFloat.js";

/**
 * Python's `float ** float` calls the C library's `pow`, which glibc rounds correctly (to the
 * nearest double); V8's `Math.pow` is off by an ulp now and then, which shows in printed results.
 * So the power is computed here from exact values: integer exponents exactly, others as
 * exp(y·ln x) with enough bits to decide the rounding.
 */

const OVERFLOW = "(34, 'Numerical result out of range')";

/** A nonnegative `man · 2^exp` (sticky: nonzero bits were dropped below it) rounded to a double. */
function roundToDouble(man: bigint, exp: number, sticky: boolean): number {
  if (man === 0n) return 0;
  const n = bitLength(man);
  const top = exp + n - 1;
  if (top > 1023) throw new PyException(OVERFLOW);
  let prec = 53;
  if (top < -1022) prec = 53 - (-1022 - top);
  if (prec <= 0) {
    // Below half the smallest subnormal it is zero (pow underflows silently); above it, that subnormal.
    const aboveHalf = top === -1075 && (man > 1n << BigInt(n - 1) || sticky);
    return aboveHalf ? 5e-324 : 0;
  }
  const r = roundTo(man, exp, prec, "nearest", sticky);
  if (typeof r === "string") return 0;
  if (r.exp + bitLength(r.man) - 1 > 1023) throw new PyException(OVERFLOW);
  return Number(r.man) * Math.pow(2, r.exp);
}

/** x^n for a positive double x and an integer n, exactly then rounded once. */
function integerPower(x: number, n: number): number {
  const b = fromDouble(x);
  if (typeof b === "string") return Math.pow(x, n);
  const k = BigInt(Math.abs(n));
  const man = b.man ** k;
  const exp = b.exp * Math.abs(n);
  if (n >= 0) return roundToDouble(man, exp, false);
  const q = divide({ man: 1n, exp: 0 }, { man, exp }, 1200);
  if (typeof q === "string") return 0;
  // 1200 bits ≫ 53 (+ the subnormal range): the rounding to a double below sees a sticky tail.
  return roundToDouble(q.man, q.exp, true);
}

/** exp(y·ln x) for positive x, in about `scale` bits: `{man, exp}` with a small relative error. */
function expOfProduct(x: number, y: number, scale: number): { man: bigint; exp: number } {
  const b = fromDouble(x);
  const yb = fromDouble(y);
  if (typeof b === "string" || typeof yb === "string") throw new Error("finite operands expected");
  const one = 1n << BigInt(scale);
  const lnx = lnFixed(b, scale);
  const prod = lnx * yb.man;
  const z = yb.exp >= 0 ? prod << BigInt(yb.exp) : prod / (1n << BigInt(-yb.exp));
  const ln2 = ln2Fixed(scale);
  // z = k·ln2 + r with |r| ≤ ln2/2, then exp(r) by its series.
  let k = z / ln2;
  let r = z - k * ln2;
  if (2n * r > ln2) {
    k += 1n;
    r -= ln2;
  } else if (2n * r < -ln2) {
    k -= 1n;
    r += ln2;
  }
  let term = one;
  let sum = one;
  for (let i = 1n; term !== 0n; i++) {
    term = (term * r) / (one * i);
    sum += term;
  }
  return { man: sum, exp: Number(k) - scale };
}

/** The correctly rounded double x^y for x > 0 (finite y). */
function positivePower(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (Number.isInteger(y) && Math.abs(y) <= 2048) return integerPower(x, y);
  const magnitude = Math.abs(y) * 800 + 1;
  const errorBits = Math.ceil(Math.log2(magnitude)) + 16;
  for (let scale = 53 + errorBits + 64; ; scale += 64) {
    const { man, exp } = expOfProduct(x, y, scale);
    const n = bitLength(man);
    const top = exp + n - 1;
    const prec = top < -1022 ? Math.max(53 - (-1022 - top), 1) : 53;
    const drop = BigInt(n - prec);
    const low = man & ((1n << drop) - 1n);
    const half = 1n << (drop - 1n);
    const distance = low > half ? low - half : half - low;
    // The approximation's error is below 2^errorBits units of its last bit: decide or refine.
    if (distance > 1n << BigInt(errorBits) || scale > 4000) return roundToDouble(man, exp, true);
  }
}

/** C `pow(x, y)` for finite doubles with a real result (the caller sends 0^negative and complex cases elsewhere). */
export function correctlyRoundedPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === 0) return y > 0 ? (Object.is(x, -0) && Number.isInteger(y) && Math.abs(y % 2) === 1 ? -0 : 0) : Infinity;
  if (x > 0) return positivePower(x, y);
  const r = positivePower(-x, y);
  return Math.abs(y % 2) === 1 ? -r : r;
}
