/**
 * Python's `decimal` square root, as `MathAPI.square_root` uses it: `Decimal(number)` (exact for
 * ints and floats), `.sqrt()` correctly rounded to the context's precision with ties to even and
 * the exact result written at its ideal exponent, and `str()` of the result. A Decimal is
 * `(-1)^sign · coefficient · 10^exp`.
 */
export interface PyDecimal {
  readonly negative: boolean;
  readonly coefficient: bigint;
  readonly exp: number;
}

/** `Decimal(int)`. */
export function decimalFromInt(n: bigint): PyDecimal {
  return { negative: n < 0n, coefficient: n < 0n ? -n : n, exp: 0 };
}

/** `Decimal(float)`: the double's exact value, numerator·5^k at exponent −k for x = numerator / 2^k. */
export function decimalFromDouble(x: number): PyDecimal {
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (Number.isInteger(a)) return { negative, coefficient: BigInt(a), exp: 0 };
  let numerator = a;
  let k = 0;
  // Scaling by 2 is exact; a finite double reaches an integer within 1074 doublings.
  while (!Number.isInteger(numerator)) {
    numerator *= 2;
    k++;
  }
  return { negative, coefficient: BigInt(numerator) * 5n ** BigInt(k), exp: -k };
}

/** floor(√n). */
function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Round to `prec` digits, ties to even (Decimal's `_fix` under ROUND_HALF_EVEN). */
function fitPrecision(coefficient: bigint, exp: number, prec: number): { coefficient: bigint; exp: number } {
  const digits = coefficient.toString().length;
  if (digits <= prec) return { coefficient, exp };
  const drop = digits - prec;
  const unit = 10n ** BigInt(drop);
  let kept = coefficient / unit;
  const rest = coefficient % unit;
  const half = unit / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  let e = exp + drop;
  if (kept.toString().length > prec) {
    kept /= 10n;
    e += 1;
  }
  return { coefficient: kept, exp: e };
}

/** `x.sqrt()` in a context of `prec` digits, for x ≥ 0 (−0 stays −0). */
export function decimalSqrt(x: PyDecimal, prec: number): PyDecimal {
  if (x.coefficient === 0n) return { negative: x.negative, coefficient: 0n, exp: Math.floor(x.exp / 2) };
  const workPrec = prec + 1;
  const odd = (x.exp & 1) !== 0;
  let e = x.exp >> 1;
  const c0 = odd ? x.coefficient * 10n : x.coefficient;
  const len = x.coefficient.toString().length;
  const l = odd ? (len >> 1) + 1 : (len + 1) >> 1;
  const shift = workPrec - l;
  let c: bigint;
  let exact: boolean;
  if (shift >= 0) {
    c = c0 * 100n ** BigInt(shift);
    exact = true;
  } else {
    const unit = 100n ** BigInt(-shift);
    c = c0 / unit;
    exact = c0 % unit === 0n;
  }
  e -= shift;
  let n = integerSqrt(c);
  exact = exact && n * n === c;
  if (exact) {
    if (shift >= 0) n /= 10n ** BigInt(shift);
    else n *= 10n ** BigInt(-shift);
    e += shift;
  } else if (n % 5n === 0n) n += 1n;
  const fitted = fitPrecision(n, e, prec);
  return { negative: false, ...fitted };
}

/** Python `str(Decimal)` (scientific notation when the exponent is positive or the value tiny). */
export function decimalToString(d: PyDecimal): string {
  const digits = d.coefficient.toString();
  const leftDigits = d.exp + digits.length;
  const dot = d.exp <= 0 && leftDigits > -6 ? leftDigits : 1;
  let intPart: string;
  let fracPart: string;
  if (dot <= 0) {
    intPart = "0";
    fracPart = `.${"0".repeat(-dot)}${digits}`;
  } else if (dot >= digits.length) {
    intPart = digits + "0".repeat(dot - digits.length);
    fracPart = "";
  } else {
    intPart = digits.slice(0, dot);
    fracPart = `.${digits.slice(dot)}`;
  }
  const e = leftDigits - dot;
  const expPart = e === 0 ? "" : `E${e > 0 ? "+" : ""}${e}`;
  return `${d.negative ? "-" : ""}${intPart}${fracPart}${expPart}`;
}
