/**
 * Arbitrary-precision binary floating point, the subset of mpmath's `libmpf` that BFCL's
 * `MathAPI.logarithm` exercises: exact conversion of Python ints and floats, correctly rounded
 * division and logarithm at a chosen number of bits, and the constants ln 2 and π.
 * A finite value is `man · 2^exp` (`man` signed); mpmath has no negative zero.
 */
export type BinaryFloat = { readonly man: bigint; readonly exp: number } | "inf" | "-inf" | "nan";

export const ZERO: BinaryFloat = { man: 0n, exp: 0 };

/** mpmath's rounding modes that the port needs: to nearest (ties to even), and toward zero. */
export type Rounding = "nearest" | "down";

export function bitLength(n: bigint): number {
  const a = n < 0n ? -n : n;
  return a === 0n ? 0 : a.toString(2).length;
}

/** The exact value of a JavaScript double (which Python's float is). */
export function fromDouble(x: number): BinaryFloat {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let man = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) man |= 1n << 52n;
  const exp = (biased === 0 ? 1 : biased) - 1075;
  return { man: x < 0 ? -man : man, exp };
}

export function fromBigInt(n: bigint): BinaryFloat {
  return { man: n, exp: 0 };
}

/** `man · 2^exp`, plus a sticky flag for discarded nonzero bits below it, rounded to `prec` bits. */
export function roundTo(man: bigint, exp: number, prec: number, rounding: Rounding = "nearest", sticky = false): BinaryFloat {
  if (man === 0n) return ZERO;
  const neg = man < 0n;
  let m = neg ? -man : man;
  let e = exp;
  const drop = bitLength(m) - prec;
  if (drop > 0) {
    const low = m & ((1n << BigInt(drop)) - 1n);
    const half = 1n << BigInt(drop - 1);
    m >>= BigInt(drop);
    e += drop;
    if (rounding === "nearest" && (low > half || (low === half && (sticky || (m & 1n) === 1n)))) m += 1n;
  }
  // The canonical form keeps the mantissa odd, as mpmath does; the value is what matters.
  while (m !== 0n && (m & 1n) === 0n) {
    m >>= 1n;
    e += 1;
  }
  return { man: neg ? -m : m, exp: e };
}

export function isFiniteFloat(x: BinaryFloat): x is { man: bigint; exp: number } {
  return typeof x !== "string";
}

export function isZero(x: BinaryFloat): boolean {
  return isFiniteFloat(x) && x.man === 0n;
}

export function negate(x: BinaryFloat): BinaryFloat {
  if (x === "inf") return "-inf";
  if (x === "-inf") return "inf";
  if (x === "nan") return x;
  return { man: -x.man, exp: x.exp };
}

function signOf(x: BinaryFloat): number {
  if (x === "inf") return 1;
  if (x === "-inf") return -1;
  if (x === "nan") return 0;
  return x.man > 0n ? 1 : x.man < 0n ? -1 : 0;
}

/** Python's ZeroDivisionError, as mpmath raises it (with an empty message). */
export class MpfZeroDivision extends Error {}

/** mpmath `mpf_div`: the quotient correctly rounded to `prec` bits. */
export function divide(a: BinaryFloat, b: BinaryFloat, prec: number, rounding: Rounding = "nearest"): BinaryFloat {
  if (isZero(b)) throw new MpfZeroDivision("");
  if (a === "nan" || b === "nan") return "nan";
  if (!isFiniteFloat(a)) {
    if (!isFiniteFloat(b)) return "nan";
    return signOf(a) * signOf(b) > 0 ? "inf" : "-inf";
  }
  if (!isFiniteFloat(b)) return ZERO;
  if (a.man === 0n) return ZERO;
  const na = a.man < 0n ? -a.man : a.man;
  const nb = b.man < 0n ? -b.man : b.man;
  const shift = Math.max(0, prec + bitLength(nb) - bitLength(na) + 3);
  const scaled = na << BigInt(shift);
  const q = scaled / nb;
  const sticky = scaled % nb !== 0n;
  const neg = a.man < 0n !== b.man < 0n;
  return roundTo(neg ? -q : q, a.exp - b.exp - shift, prec, rounding, sticky);
}

/** Exact product (mpmath `mpf_mul` without a precision). */
export function multiplyExact(a: BinaryFloat, b: BinaryFloat): BinaryFloat {
  if (!isFiniteFloat(a) || !isFiniteFloat(b)) {
    if (a === "nan" || b === "nan" || isZero(a) || isZero(b)) return "nan";
    return signOf(a) * signOf(b) > 0 ? "inf" : "-inf";
  }
  return { man: a.man * b.man, exp: a.exp + b.exp };
}

/** mpmath `mpf_add` at `prec` bits (finite operands). */
export function add(a: BinaryFloat, b: BinaryFloat, prec: number, rounding: Rounding): BinaryFloat {
  if (!isFiniteFloat(a) || !isFiniteFloat(b)) return !isFiniteFloat(a) ? a : b;
  const e = Math.min(a.exp, b.exp);
  const sum = (a.man << BigInt(a.exp - e)) + (b.man << BigInt(b.exp - e));
  return roundTo(sum, e, prec, rounding);
}

// ---- natural logarithm ------------------------------------------------------------------------

/** 2·atanh(t) for a fixed-point t (scale 2^scale, |t| ≤ 1/3), by its series. */
function twoAtanh(t: bigint, scale: number): bigint {
  const one = 1n << BigInt(scale);
  const t2 = (t * t) / one;
  let term = t;
  let sum = 0n;
  // BigInt division truncates toward zero, so a negative t's terms reach 0 too (>> would stick at −1).
  for (let n = 1n; term !== 0n; n += 2n) {
    sum += term / n;
    term = (term * t2) / one;
  }
  return 2n * sum;
}

const ln2Cache = new Map<number, bigint>();

/** ln 2 in fixed point at scale 2^scale (within a few units): 2·atanh(1/3). */
export function ln2Fixed(scale: number): bigint {
  let v = ln2Cache.get(scale);
  if (v === undefined) {
    v = twoAtanh((1n << BigInt(scale)) / 3n, scale);
    ln2Cache.set(scale, v);
  }
  return v;
}

/** ln(x) for a positive finite x, in fixed point at scale 2^scale, within about `scale/2` units. */
export function lnFixed(x: { man: bigint; exp: number }, scale: number): bigint {
  const bits = bitLength(x.man);
  // x = y · 2^k with y in [2/3, 4/3): then t = (y−1)/(y+1) is small and the series short.
  let k = bits + x.exp;
  let yShift = scale - bits; // y = man · 2^(yShift) / 2^scale ∈ [1/2, 1)
  if (x.man * 3n < 2n << BigInt(bits)) {
    k -= 1;
    yShift += 1;
  }
  const y = yShift >= 0 ? x.man << BigInt(yShift) : x.man >> BigInt(-yShift);
  const one = 1n << BigInt(scale);
  const t = ((y - one) << BigInt(scale)) / (y + one);
  return twoAtanh(t, scale) + BigInt(k) * ln2Fixed(scale);
}

/**
 * A transcendental value from its fixed-point approximations `approx(scale)` (within a few units),
 * rounded to nearest at `prec` bits: more bits until the rounding is certain (a transcendental
 * value is never exactly halfway).
 */
function roundApproximation(approx: (scale: number) => bigint, prec: number): BinaryFloat {
  const guard = 40;
  let scale = prec + guard + 24;
  for (;;) {
    const v = approx(scale);
    const n = bitLength(v);
    if (n >= prec + guard + 8) {
      const drop = BigInt(n - prec);
      const low = (v < 0n ? -v : v) & ((1n << drop) - 1n);
      const half = 1n << (drop - 1n);
      if ((low > half ? low - half : half - low) > 1n << BigInt(guard)) return roundTo(v, -scale, prec, "nearest", true);
    }
    scale += Math.max(prec + guard + 8 - n, 0) + 64;
  }
}

/** mpmath `mpf_ln(x, prec)`: throws {@link NegativeLogarithm} for x < 0 (mpmath goes complex). */
export function naturalLog(x: BinaryFloat, prec: number): BinaryFloat {
  if (x === "nan") return x;
  if (x === "inf") return x;
  if (x === "-inf") throw new NegativeLogarithm();
  if (x.man === 0n) return "-inf";
  if (x.man < 0n) throw new NegativeLogarithm();
  if (x.man === 1n && x.exp === 0) return ZERO;
  return roundApproximation((scale) => lnFixed(x, scale + 16) >> 16n, prec);
}

export class NegativeLogarithm extends Error {}

/** π in fixed point at scale 2^scale, by Machin's formula 16·atan(1/5) − 4·atan(1/239). */
function piFixed(scale: number): bigint {
  const s = BigInt(scale);
  const atanInv = (q: bigint): bigint => {
    const q2 = q * q;
    let term = (1n << s) / q;
    let sum = 0n;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
      sum += (sign * term) / n;
      term /= q2;
    }
    return sum;
  };
  return 16n * atanInv(5n) - 4n * atanInv(239n);
}

/** mpmath `mpf_pi(prec)`. */
export function pi(prec: number): BinaryFloat {
  return roundApproximation((scale) => piFixed(scale + 16) >> 16n, prec);
}
