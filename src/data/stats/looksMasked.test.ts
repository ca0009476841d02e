import { describe, expect, it } from "vitest";
import { randomName } from "../../core/masking/index.js";
import { Rng } from "../../core/rng.js";
import { looksMaskedRow, looksRandomName } from "./looksMasked.js";

describe("looksRandomName", () => {
  it("takes human names for human and Hammer's masked names for random", () => {
    for (const n of ["get_weather", "live_giveaways_by_type", "is_id", "getPetById", "FindBus", "API_KEY", "lat1", "get_4d_results"]) expect(looksRandomName(n)).toBe(false);
    for (const n of ["LxOm64zLyg", "_ErVZ.BD4gF96H", ".67xDKY", "TDpjPd", "78th2U3lFj", "hF.1", "uk_kxpSQhE"]) expect(looksRandomName(n)).toBe(true);
  });

  it("misses few random names, and rows of several names hardly ever", () => {
    const rng = new Rng(1);
    let missed = 0;
    let rowsMissed = 0;
    for (let i = 0; i < 2000; i++) {
      if (!looksRandomName(randomName(rng, 4, 15, i % 2 ? "fixed" : "faithful"))) missed++;
      const row = Array.from({ length: 6 }, () => randomName(rng, 4, 15, "fixed"));
      if (!looksMaskedRow(row)) rowsMissed++;
    }
    expect(missed / 2000).toBeLessThan(0.1);
    expect(rowsMissed).toBeLessThan(10);
    expect(looksMaskedRow([])).toBe(false);
  });
});
