import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { f16BitsToF32 } from "./f16.js";
import { dequantizeQ4_0, quantizeQ4_0, Q4_0_BYTES } from "./quantizeQ4_0.js";

describe("quantizeQ4_0", () => {
  it("matches hand-computed bytes for one block", () => {
    // x_j = (j - 15.5) * 0.1; the first value of largest magnitude is x_0 = -1.55, so d = -1.55 / -8 =
    // 0.19375 (f16 0x3233); byte j = q(x_j) | q(x_{j+16}) << 4 with q = min(15, trunc(x/d + 8.5)).
    const x = Float32Array.from({ length: 32 }, (_, j) => (j - 15.5) * 0.1);
    const bytes = quantizeQ4_0(x);
    expect(bytes.length).toBe(Q4_0_BYTES);
    expect(Buffer.from(bytes).toString("hex")).toBe("3332809191a2a2b3b3c4c4d5d5e6e6f7f7f8");
  });

  it("puts value j in the low nibble and value j+16 in the high nibble", () => {
    const x = new Float32Array(32);
    x[0] = -8; // max magnitude, negative → d = 1
    x[16] = 7;
    x[1] = 3;
    const q = quantizeQ4_0(x);
    expect(f16BitsToF32(q[0]! | (q[1]! << 8))).toBe(1);
    expect(q[2]).toBe(0x0 | (0xf << 4)); // -8 → 0, 7 → 15
    expect(q[3]).toBe(0xb | (0x8 << 4)); // 3 → 11, 0 → 8
  });

  it("dequantises to within one step of the input", () => {
    const rng = new Rng(11);
    const x = Float32Array.from({ length: 32 * 64 }, () => (rng.next() - 0.5) * 2);
    const y = dequantizeQ4_0(quantizeQ4_0(x), x.length);
    for (let b = 0; b < x.length; b += 32) {
      const amax = Math.max(...x.subarray(b, b + 32).map(Math.abs));
      // The extreme of the opposite sign clips to 7·d, so the bound is one full step.
      for (let j = b; j < b + 32; j++) expect(Math.abs(y[j]! - x[j]!)).toBeLessThanOrEqual(amax / 8 + amax * 1e-3);
    }
  });

  it("rejects a length that is not whole blocks", () => {
    expect(() => quantizeQ4_0(new Float32Array(48))).toThrow(/multiple of 32/);
  });
});
