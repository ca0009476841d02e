import { bitLength, type BinaryFloat } from "./BinaryFloat.js";

/**
 * mpmath's precision bookkeeping and `repr()` of `mpf` / `mpc`, as mpmath 1.3.0 (the version BFCL
 * pins) prints them: `mpf('2.0')`, `mpc(real='0.5', imag='1.25')`.
 */

/** Python's `math.log(10, 2)` and mpmath's `blog2_10` (the same double). */
const LOG2_10 = 3.3219280948873626;

/** Python `round(x)` of a float to an int: ties to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** `mp.dps = n` sets the binary precision to this (n already made an int). */
export function dpsToPrec(n: number): number {
  return Math.max(1, roundHalfEven((n + 1) * LOG2_10));
}

function precToDps(prec: number): number {
  return Math.max(1, roundHalfEven(prec / LOG2_10) - 1);
}

/** How many digits `repr()` prints at a binary precision. */
export function reprDigits(prec: number): number {
  const dps = precToDps(prec);
  return dps === 15 ? 17 : dps + 3;
}

/** Digits of |x| rounded toward zero to about `dps` places, and the decimal exponent of the first. */
function digitsAndExponent(x: { man: bigint; exp: number }, dps: number): { digits: string; exponent: number } {
  const man = x.man < 0n ? -x.man : x.man;
  // mpmath first rescales values past 10^±1050; log results never get there.
  const bitprec = Math.trunc(dps * LOG2_10) + 10;
  const fixprec = Math.max(bitprec - x.exp - bitLength(man), 0);
  const fixdps = Math.trunc(fixprec / LOG2_10 + 0.5);
  const offset = x.exp + fixprec;
  const fixed = offset >= 0 ? man << BigInt(offset) : man >> BigInt(-offset);
  const decimal = (fixed * 10n ** BigInt(fixdps)) >> BigInt(fixprec);
  const digits = decimal.toString();
  return { digits, exponent: digits.length - fixdps - 1 };
}

/** mpmath 1.3.0 `to_str(x, dps)` with its defaults (trailing zeros stripped). */
export function mpfToStr(x: BinaryFloat, dps: number): string {
  if (x === "inf") return "+inf";
  if (x === "-inf") return "-inf";
  if (x === "nan") return "nan";
  if (x.man === 0n) return dps ? "0.0" : ".0";
  const sign = x.man < 0n ? "-" : "";
  const minFixed = Math.min(-Math.floor(dps / 3), -5);
  const maxFixed = dps;
  let { digits, exponent } = digitsAndExponent(x, dps + 3);
  // Round half up on the digits, which were cut toward zero.
  if (digits.length > dps && digits.charCodeAt(dps) >= 0x35) {
    const kept = digits.slice(0, dps);
    let i = dps - 1;
    while (i >= 0 && kept[i] === "9") i--;
    if (i >= 0) digits = kept.slice(0, i) + String(Number(kept[i]) + 1) + "0".repeat(dps - i - 1);
    else {
      digits = "1" + "0".repeat(dps - 1);
      exponent += 1;
    }
  } else digits = digits.slice(0, dps);
  let split = 1;
  if (minFixed < exponent && exponent < maxFixed) {
    if (exponent < 0) digits = "0".repeat(-exponent) + digits;
    else {
      split = exponent + 1;
      if (split > dps) digits += "0".repeat(split - dps);
    }
    exponent = 0;
  }
  let text = `${digits.slice(0, split)}.${digits.slice(split)}`.replace(/0+$/, "");
  if (text.endsWith(".")) text += "0";
  if (exponent === 0) return sign + text;
  return `${sign}${text}e${exponent > 0 ? "+" : ""}${exponent}`;
}

/** Python `repr()` of an mpf at the context's binary precision. */
export function mpfRepr(x: BinaryFloat, prec: number): string {
  return `mpf('${mpfToStr(x, reprDigits(prec))}')`;
}

/** Python `repr()` of an mpc. */
export function mpcRepr(re: BinaryFloat, im: BinaryFloat, prec: number): string {
  const digits = reprDigits(prec);
  return `mpc(real='${mpfToStr(re, digits)}', imag='${mpfToStr(im, digits)}')`;
}
