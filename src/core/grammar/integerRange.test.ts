import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { integerRangeGbnf } from "./integerRange.js";
import { GbnfRecognizer } from "./testing/GbnfRecognizer.js";
import { parseGbnf } from "./testing/parseGbnf.js";

const recognizer = (min: bigint, max: bigint): GbnfRecognizer => new GbnfRecognizer(parseGbnf(`root ::= ${integerRangeGbnf(min, max)}`));

describe("integerRangeGbnf", () => {
  it.each([
    [0n, 0n], [0n, 9n], [1n, 9n], [0n, 150n], [-5n, 5n], [-150n, -3n], [7n, 1000n], [99n, 101n], [-1000n, 0n], [10n, 99n], [-9n, -1n],
  ])("[%s, %s] is exact on -1100..1100", (min, max) => {
    const r = recognizer(min, max);
    for (let n = -1100n; n <= 1100n; n++) expect(r.accepts(n.toString()), `${n}`).toBe(n >= min && n <= max);
  });

  it("rejects non-canonical spellings", () => {
    const r = recognizer(-20n, 20n);
    for (const s of ["-0", "00", "01", "+1", "1.0", "1e1", " 1", ""]) expect(r.accepts(s), s).toBe(false);
  });

  it("is exact on random ranges (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.array(fc.integer({ min: -7000, max: 7000 }), { maxLength: 40 }), (lo, span, probes) => {
        const min = BigInt(lo);
        const max = BigInt(lo + span);
        const r = recognizer(min, max);
        for (const p of [...probes, lo, lo - 1, lo + span, lo + span + 1]) expect(r.accepts(String(p))).toBe(BigInt(p) >= min && BigInt(p) <= max);
      }),
      { numRuns: 60 },
    );
  });

  it("handles 16-digit bounds", () => {
    const cap = 10n ** 16n - 1n;
    const r = recognizer(1n, cap);
    expect(r.accepts("1")).toBe(true);
    expect(r.accepts(cap.toString())).toBe(true);
    expect(r.accepts((cap + 1n).toString())).toBe(false);
    expect(r.accepts("0")).toBe(false);
    const r2 = recognizer(123456789012345n, 123456789012399n);
    expect(r2.accepts("123456789012345")).toBe(true);
    expect(r2.accepts("123456789012400")).toBe(false);
  });

  it("refuses an empty range", () => {
    expect(() => integerRangeGbnf(5n, 4n)).toThrow(RangeError);
  });
});
