import { describe, expect, it } from "vitest";
import type { MaskMapping } from "../../core/masking/index.js";
import { unmaskPrediction } from "./unmaskPrediction.js";

const mapping: MaskMapping = {
  functions: [{ original: "get_weather", masked: "Qzxkvt" }],
  params: [
    { function: "get_weather", original: "city", masked: "mbrw" },
    { function: "get_weather", original: "unit", masked: "pfoa" },
  ],
  values: [{ function: "get_weather", param: "unit", originalDefault: "celsius", maskedDefault: "xkqwe", rewrites: [{ original: "celsius", masked: "xkqwe" }] }],
};

describe("unmaskPrediction", () => {
  it("maps masked names, keys and default values back", () => {
    expect(unmaskPrediction([{ name: "Qzxkvt", arguments: { mbrw: "Paris", pfoa: "xkqwe" } }], mapping)).toEqual([{ name: "get_weather", arguments: { city: "Paris", unit: "celsius" } }]);
  });

  it("keeps names and keys the prompt never showed apart, so they cannot match the gold", () => {
    expect(unmaskPrediction([{ name: "get_weather", arguments: { city: "Paris" } }], mapping)).toEqual([{ name: "unshown:get_weather", arguments: { city: "Paris" } }]);
    expect(unmaskPrediction([{ name: "Qzxkvt", arguments: { city: "Paris", pfoa: "c" } }], mapping)).toEqual([{ name: "get_weather", arguments: { "unshown:city": "Paris", unit: "c" } }]);
    // Unknown names pass through.
    expect(unmaskPrediction([{ name: "other", arguments: { city: "x" } }], mapping)).toEqual([{ name: "other", arguments: { city: "x" } }]);
  });

  it("with only parameters masked, original function names are the shown ones", () => {
    const params: MaskMapping = { functions: [], params: mapping.params, values: [] };
    expect(unmaskPrediction([{ name: "get_weather", arguments: { mbrw: "Paris", unit: "c" } }], params)).toEqual([{ name: "get_weather", arguments: { city: "Paris", "unshown:unit": "c" } }]);
  });
});
