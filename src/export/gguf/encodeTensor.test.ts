import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { decodeTensor, encodedSize, encodeTensor, ENCODABLE_TENSOR_TYPES } from "./encodeTensor.js";

describe("encodeTensor / decodeTensor", () => {
  const rng = new Rng(3);
  const x = Float32Array.from({ length: 256 }, () => (rng.next() - 0.5) * 4);
  const tolerance = { F32: 0, F16: 2e-3, BF16: 0.016, Q8_0: 0.02, Q4_0: 0.3 } as const;

  it.each(ENCODABLE_TENSOR_TYPES)("%s round-trips within its precision", (type) => {
    const bytes = encodeTensor(type, x);
    expect(bytes.length).toBe({ F32: 1024, F16: 512, BF16: 512, Q8_0: 8 * 34, Q4_0: 8 * 18 }[type]);
    const y = decodeTensor(type, bytes, x.length);
    const maxErr = Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
    expect(maxErr).toBeLessThanOrEqual(tolerance[type]);
  });

  it.each(ENCODABLE_TENSOR_TYPES)("%s writes the same bytes into a reused buffer", (type) => {
    const into = new Uint8Array(2048).fill(0xaa);
    const fresh = encodeTensor(type, x);
    expect(encodedSize(type, x.length)).toBe(fresh.length);
    expect([...encodeTensor(type, x, into)]).toEqual([...fresh]);
    expect([...encodeTensor(type, x.subarray(0, 64), into)]).toEqual([...encodeTensor(type, x.slice(0, 64))]);
  });

  it("rejects a quantised tensor that is not whole blocks with a typed error", () => {
    expect(() => encodeTensor("Q4_0", new Float32Array(40))).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });

  it("stores F32 little-endian", () => {
    expect([...encodeTensor("F32", Float32Array.of(1))]).toEqual([0, 0, 0x80, 0x3f]);
  });

  it("stores BF16 little-endian, rounding to nearest even as ggml does, NaN kept quiet", () => {
    const bits = (...u: number[]) => new Float32Array(new Uint32Array(u).buffer);
    // 1.0; a tie rounding down to even (0x3f80); a tie rounding up to even (0x3f82); above a tie; a signalling NaN
    const bytes = encodeTensor("BF16", bits(0x3f800000, 0x3f808000, 0x3f818000, 0x3f808001, 0x7f800001, 0xff7fffff));
    expect([...new Uint16Array(bytes.buffer)]).toEqual([0x3f80, 0x3f80, 0x3f82, 0x3f81, 0x7fc0, 0xff80]);
  });

  it("stores F16 little-endian", () => {
    expect([...encodeTensor("F16", Float32Array.of(1, -2))]).toEqual([0x00, 0x3c, 0x00, 0xc0]);
  });
});
