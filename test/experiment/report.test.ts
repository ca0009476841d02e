import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bootstrap, crc32, encodePng, lineChartPng } from "../../src/experiment/index.js";

/** The chunks of a PNG file, checked against their CRCs. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    out.push({ type, data });
    at += 12 + len;
  }
  return out;
}

describe("PNG encoding", () => {
  it("CRC-32 matches the standard check value and IEND's known CRC", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("IEND"))).toBe(0xae426082);
  });

  it("an RGB image round-trips through IHDR and the inflated IDAT", () => {
    const rgb = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const c = chunks(encodePng(2, 2, rgb));
    expect(c.map((x) => x.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([c[0]!.data.readUInt32BE(0), c[0]!.data.readUInt32BE(4), c[0]!.data[8], c[0]!.data[9]]).toEqual([2, 2, 8, 2]);
    expect([...inflateSync(c[1]!.data)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30]);
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow(RangeError);
  });

  it("a loss chart draws both series' colours on a white canvas", () => {
    const png = lineChartPng([{ color: [230, 120, 20], points: [[1, 3], [2, 2.5], [3, 2]] }, { color: [30, 90, 200], points: [[1, 3.2], [2, 2.9], [3, 2.4]] }], 200, 120);
    const c = chunks(png);
    const raw = inflateSync(c.find((x) => x.type === "IDAT")!.data);
    const pixels = new Set<string>();
    for (let y = 0; y < 120; y++) for (let x = 0; x < 200; x++) pixels.add(raw.subarray(y * 601 + 1 + x * 3, y * 601 + 4 + x * 3).join(","));
    expect(pixels.has("255,255,255")).toBe(true);
    expect(pixels.has("230,120,20")).toBe(true);
    expect(pixels.has("30,90,200")).toBe(true);
  });
});

describe("bootstrap intervals", () => {
  const values = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 0 : 1)); // mean 0.75
  const mean = (idx: readonly number[]) => idx.reduce((a, i) => a + values[i]!, 0) / idx.length;

  it("gives the statistic on all samples and a 95% interval around it, the same for the same seed", () => {
    const a = bootstrap(values.length, mean, 1000, 7);
    expect(a.value).toBe(0.75);
    expect(a.low!).toBeLessThan(0.75);
    expect(a.high!).toBeGreaterThan(0.75);
    expect(a.low!).toBeGreaterThan(0.5);
    expect(bootstrap(values.length, mean, 1000, 7)).toEqual(a);
  });

  it("a constant statistic has a zero-width interval; no samples give no value", () => {
    expect(bootstrap(10, () => 1, 100, 1)).toEqual({ value: 1, low: 1, high: 1 });
    expect(bootstrap(0, mean, 100, 1)).toEqual({ value: null, low: null, high: null });
  });
});
