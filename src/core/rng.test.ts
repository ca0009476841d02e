import { describe, expect, it } from "vitest";
import { Rng } from "./rng.js";

describe("Rng", () => {
  it("draws integers in [min, max] and is reproducible from its seed", () => {
    const a = new Rng(7);
    const draws = Array.from({ length: 200 }, () => a.int(-2, 3));
    expect(draws.every((x) => Number.isInteger(x) && x >= -2 && x <= 3)).toBe(true);
    expect(new Set(draws).size).toBe(6);
    const b = new Rng(7);
    expect(Array.from({ length: 200 }, () => b.int(-2, 3))).toEqual(draws);
  });

  it("a call that breaks its contract is a bug (INTERNAL), not a bare RangeError", () => {
    const rng = new Rng(1);
    expect(() => rng.int(3, 2)).toThrow(expect.objectContaining({ name: "HammerError", code: "INTERNAL", message: "Rng.int: invalid range [3, 2]" }));
    expect(() => rng.int(0.5, 2)).toThrow(expect.objectContaining({ code: "INTERNAL" }));
    expect(() => rng.pick([])).toThrow(expect.objectContaining({ code: "INTERNAL", message: "Rng.pick: empty array" }));
  });
});
