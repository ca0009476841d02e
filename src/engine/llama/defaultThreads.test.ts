import os from "node:os";
import { describe, expect, it } from "vitest";
import { defaultThreads } from "./defaultThreads.js";

describe("defaultThreads", () => {
  it("uses one thread on up to 2 cores, where a second busy process stalls every barrier", () => {
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(2)).toBe(1);
  });

  it("uses half the cores above that (rounded down), leaving the rest to competing work", () => {
    expect([3, 4, 6, 8, 16, 17, 64].map((n) => defaultThreads(n))).toEqual([1, 2, 3, 4, 8, 8, 32]);
  });

  it("defaults to this machine's cores and never returns less than 1", () => {
    expect(defaultThreads()).toBe(defaultThreads(os.availableParallelism()));
    expect(defaultThreads(0)).toBe(1);
    expect(defaultThreads(Number.NaN)).toBe(1);
  });
});
