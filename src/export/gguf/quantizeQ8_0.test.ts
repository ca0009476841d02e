import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { f16BitsToF32 } from "./f16.js";
import { dequantizeQ8_0, quantizeQ8_0, Q8_0_BYTES } from "./quantizeQ8_0.js";

describe("quantizeQ8_0", () => {
  it("matches hand-computed bytes for one block", () => {
    // x_j = (j - 15.5) * 0.1 as float32; bytes computed independently in Python with float32 rounding:
    // d = f16(1.55 / 127) = 0x2240, q_j = roundf(x_j / d).
    const x = Float32Array.from({ length: 32 }, (_, j) => (j - 15.5) * 0.1);
    const bytes = quantizeQ8_0(x);
    expect(bytes.length).toBe(Q8_0_BYTES);
    expect(Buffer.from(bytes).toString("hex")).toBe(
      "40228189919aa2aab2bac3cbd3dbe3ecf4fc040c141d252d353d464e565e666f777f",
    );
    expect(bytes[2]).toBe(0x81); // -127
    expect(bytes[33]).toBe(0x7f); // +127
  });

  it("rounds halves away from zero like C roundf", () => {
    // amax 127 → d = 1: q is the value itself, rounded.
    const x = new Float32Array(32);
    x[0] = 127;
    x[1] = 2.5;
    x[2] = -2.5;
    x[3] = -0.5;
    const q = quantizeQ8_0(x);
    expect(f16BitsToF32(q[0]! | (q[1]! << 8))).toBe(1);
    expect([q[3], q[4], q[5]]).toEqual([3, 0xfd, 0xff]);
  });

  it("writes an all-zero block as zero scale and zeros", () => {
    expect([...quantizeQ8_0(new Float32Array(32))]).toEqual(new Array(34).fill(0));
  });

  it("dequantises to within half a step of the input", () => {
    const rng = new Rng(7);
    const x = Float32Array.from({ length: 32 * 64 }, () => (rng.next() - 0.5) * 6);
    const y = dequantizeQ8_0(quantizeQ8_0(x), x.length);
    for (let b = 0; b < x.length; b += 32) {
      const amax = Math.max(...x.subarray(b, b + 32).map(Math.abs));
      for (let j = b; j < b + 32; j++) expect(Math.abs(y[j]! - x[j]!)).toBeLessThanOrEqual((amax / 127) * 0.5 + amax * 1e-3);
    }
  });

  it("rejects a length that is not whole blocks", () => {
    expect(() => quantizeQ8_0(new Float32Array(33))).toThrow(/multiple of 32/);
  });
});
