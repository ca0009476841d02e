/**
 * GBNF for exactly the decimal integers in [min, max], written the canonical way (no leading
 * zeros, no `-0`). Built digit position by digit position, the way regex range generators do:
 * a range of equal-length numbers splits into "same first digit", "full middle digits" and
 * "last first digit" parts. Bounds are bigints so 16-digit limits stay exact.
 */
export function integerRangeGbnf(min: bigint, max: bigint): string {
  const alts = integerRangeAlternatives(min, max);
  if (alts.length === 0) throw new RangeError(`empty integer range [${min}, ${max}]`);
  return alts.join(" | ");
}

export function integerRangeAlternatives(min: bigint, max: bigint): string[] {
  if (min > max) return [];
  const out: string[] = [];
  if (min < 0n) {
    const negHi = max < -1n ? max : -1n; // the negative part is [min, negHi]
    for (const alt of naturalRange(-negHi, -min)) out.push(`"-" ${alt}`);
  }
  if (max >= 0n) out.push(...naturalRange(min > 0n ? min : 0n, max));
  return out;
}

/** Alternatives for [a, b], 0 ≤ a ≤ b. */
function naturalRange(a: bigint, b: bigint): string[] {
  const out: string[] = [];
  const la = a.toString().length;
  const lb = b.toString().length;
  let L = la;
  while (L <= lb) {
    const lo = L === 1 ? 0n : 10n ** BigInt(L - 1);
    const hi = 10n ** BigInt(L) - 1n;
    const from = a > lo ? a : lo;
    const to = b < hi ? b : hi;
    // Whole lengths L..L2 in a row fold into one `[1-9] [0-9]{m,n}`.
    if (L > 1 && from === lo && to === hi) {
      let L2 = L;
      while (L2 + 1 <= lb && (L2 + 1 < lb || b === 10n ** BigInt(L2 + 1) - 1n)) L2++;
      out.push(L2 === L ? `[1-9] [0-9]{${L - 1}}` : `[1-9] [0-9]{${L - 1},${L2 - 1}}`);
      L = L2 + 1;
      continue;
    }
    out.push(...sameLength(from.toString(), to.toString()));
    L++;
  }
  return out;
}

/** Alternatives for the numbers between x and y, two digit strings of equal length. */
function sameLength(x: string, y: string): string[] {
  const n = x.length;
  if (n === 0) return [""];
  const x0 = Number(x[0]);
  const y0 = Number(y[0]);
  if (n === 1) return [digitClass(x0, y0)];
  const xr = x.slice(1);
  const yr = y.slice(1);
  if (x0 === y0) return sameLength(xr, yr).map((s) => join(`"${x0}"`, s));
  const out: string[] = [];
  const xLow = /^0*$/.test(xr);
  const yHigh = /^9*$/.test(yr);
  if (!xLow) for (const s of sameLength(xr, "9".repeat(n - 1))) out.push(join(`"${x0}"`, s));
  const midLo = xLow ? x0 : x0 + 1;
  const midHi = yHigh ? y0 : y0 - 1;
  if (midLo <= midHi) out.push(join(digitClass(midLo, midHi), n - 1 === 1 ? "[0-9]" : `[0-9]{${n - 1}}`));
  if (!yHigh) for (const s of sameLength("0".repeat(n - 1), yr)) out.push(join(`"${y0}"`, s));
  return out;
}

function digitClass(lo: number, hi: number): string {
  return lo === hi ? `"${lo}"` : `[${lo}-${hi}]`;
}

function join(a: string, b: string): string {
  return b === "" ? a : `${a} ${b}`;
}
