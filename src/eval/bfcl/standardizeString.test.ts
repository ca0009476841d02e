import { describe, expect, it } from "vitest";
import { standardizeString } from "./standardizeString.js";

describe("standardize_string", () => {
  it("drops spaces and punctuation, lower-cases, turns ' into \"", () => {
    expect(standardizeString("San Francisco, CA")).toBe("sanfranciscoca");
    expect(standardizeString("it's 2*3^2/1-0_0.")).toBe('it"s232100');
  });
});
