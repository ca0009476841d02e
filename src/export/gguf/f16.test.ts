import { describe, expect, it } from "vitest";
import { encodeF16, f16BitsToF32, f32ToF16Bits, roundToF16 } from "./f16.js";

describe("f32ToF16Bits", () => {
  // Expected bits from Python's struct.pack("<e", x) (IEEE round-half-to-even).
  const cases: Array<[number, number]> = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2.5, 0xc100],
    [65504, 0x7bff],
    [65519.99, 0x7bff],
    [6.1035156e-5, 0x0400], // smallest normal
    [5.9604645e-8, 0x0001], // smallest subnormal
    [2.9802322e-8, 0x0000], // exactly half the smallest subnormal: ties to even (0)
    [2.98023259e-8, 0x0001], // just above the tie
    [8.940697e-8, 0x0002], // 1.5 × smallest subnormal: ties to even (2)
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [1 + 2 ** -10 + 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02 → even
    [1 + 5 * 2 ** -11, 0x3c02], // tie between 0x3c02 and 0x3c03 → even
  ];
  it.each(cases)("%d → %i", (x, bits) => {
    expect(f32ToF16Bits(x)).toBe(bits);
  });

  it("overflows to infinity and keeps NaN a NaN", () => {
    expect(f32ToF16Bits(65520)).toBe(0x7c00);
    expect(f32ToF16Bits(-1e9)).toBe(0xfc00);
    expect(f32ToF16Bits(Infinity)).toBe(0x7c00);
    const nan = f32ToF16Bits(NaN);
    expect(nan & 0x7c00).toBe(0x7c00);
    expect(nan & 0x03ff).not.toBe(0);
    expect(f32ToF16Bits(1e-30)).toBe(0);
    expect(f32ToF16Bits(-1e-30)).toBe(0x8000);
  });

  it("round-trips every finite half value", () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) !== 0x7c00 && f32ToF16Bits(f16BitsToF32(h)) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it("roundToF16 is within half a unit in the last place", () => {
    for (const x of [0.1234, -3.75e-3, 1234.567, 7e-6]) {
      const r = roundToF16(x);
      const ulp = 2 ** (Math.floor(Math.log2(Math.abs(x))) - 10);
      expect(Math.abs(r - x)).toBeLessThanOrEqual(Math.max(ulp, 2 ** -24) / 2);
    }
  });
});

describe("encodeF16", () => {
  it("gives f32ToF16Bits's bits for every bfloat16 value and for random float32 values", () => {
    const bf = new Uint32Array(65536 + 4096);
    for (let h = 0; h < 65536; h++) bf[h] = h << 16;
    let seed = 12345;
    for (let i = 65536; i < bf.length; i++) bf[i] = seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const values = new Float32Array(bf.buffer);
    const out = new Uint16Array(encodeF16(values).buffer);
    const wrong: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const want = f32ToF16Bits(values[i]!);
      // NaN payloads may differ; both must be NaN.
      const bothNaN = Number.isNaN(values[i]!) && (out[i]! & 0x7c00) === 0x7c00 && (out[i]! & 0x3ff) !== 0;
      if (out[i] !== want && !bothNaN) wrong.push(i);
    }
    expect(wrong).toEqual([]);
  });
});
