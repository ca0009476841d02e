import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxWeightAssignment } from "./maxWeightAssignment.js";

function bruteForce(w: number[][]): number {
  const rows = w.length;
  const cols = w[0]?.length ?? 0;
  let best = 0;
  const used = new Array<boolean>(cols).fill(false);
  const go = (i: number, acc: number): void => {
    if (i === rows) {
      best = Math.max(best, acc);
      return;
    }
    go(i + 1, acc); // row i unassigned
    for (let j = 0; j < cols; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + (w[i]?.[j] ?? 0));
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe("maxWeightAssignment", () => {
  it("matches brute force on small matrices, both orientations", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 25, maxLength: 25 }), (r, c, xs) => {
        const w = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => xs[i * 5 + j] as number));
        expect(maxWeightAssignment(w)).toBe(bruteForce(w));
      }),
      { numRuns: 300 },
    );
  });
  it("handles empty input and a hostile number of rows quickly", () => {
    expect(maxWeightAssignment([])).toBe(0);
    const many = Array.from({ length: 5000 }, (_, i) => [i % 3, (i + 1) % 3, 2]);
    expect(maxWeightAssignment(many)).toBe(6);
  });
});
