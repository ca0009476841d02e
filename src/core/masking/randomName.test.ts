import { describe, expect, it } from "vitest";
import { Rng } from "../rng.js";
import { MASK_ALPHABET, randomName, uniqueRandomName } from "./randomName.js";

describe("randomName", () => {
  it("uses Hammer's 64-character alphabet in its order", () => {
    expect(MASK_ALPHABET).toHaveLength(64);
    expect(new Set(MASK_ALPHABET).size).toBe(64);
    expect(MASK_ALPHABET).toBe("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz" + "_." + "0123456789");
  });

  it("draws lengths over the whole inclusive range and only alphabet characters", () => {
    const rng = new Rng(1);
    const lengths = new Set<number>();
    const firsts = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const n = randomName(rng, 5, 15, "faithful");
      lengths.add(n.length);
      firsts.add(n[0] as string);
      expect(n).toMatch(/^[A-Za-z_.0-9]{5,15}$/);
    }
    expect([...lengths].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    // faithful names may start with a digit, "_" or "." (Hammer's `.67xDKY`)
    expect([...firsts].some((c) => /[0-9_.]/.test(c))).toBe(true);
  });

  it("starts fixed-mode names with a letter", () => {
    const rng = new Rng(2);
    for (let i = 0; i < 3000; i++) expect(randomName(rng, 4, 10, "fixed")).toMatch(/^[A-Za-z][A-Za-z_.0-9]{3,9}$/);
  });

  it("never returns a taken name", () => {
    const rng = new Rng(3);
    const taken = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const before = taken.size;
      const n = uniqueRandomName(rng, 4, 4, taken);
      expect(taken.size).toBe(before + 1);
      expect(taken.has(n)).toBe(true);
    }
  });
});
