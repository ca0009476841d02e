import { describe, expect, it } from "vitest";
import { pyEquals } from "../../../core/python/index.js";
import { loadRecordedCases, recordedState, replay } from "../../../../test/support/multiTurnParity.js";
import { API_CLASSES } from "./registry.js";
import { VehicleControlAPI } from "./VehicleControlAPI.js";

// Recorded by scripts/bfcl/record_api_fixture.py from BFCL's official vehicle_control.py: every ground-truth
// call sequence of the 200 multi-turn entries involving VehicleControlAPI, plus scripts/bfcl/api_cases/vehicle_control.jsonl.
const cases = loadRecordedCases("vehicleControlApi");

describe("VehicleControlAPI (parity with BFCL's vehicle_control.py)", () => {
  it("has the recorded cases: 200 entries and the hand-written error paths", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(200);
    expect(cases.filter((c) => c.id.startsWith("vehicle_errors_")).length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replay(recorded);
    expect(ours.results).toEqual(recorded.results);
    const state = ours.instances.get("VehicleControlAPI")?.publicState();
    if (!pyEquals(state, recordedState(recorded, "VehicleControlAPI"))) expect(state).toEqual(recordedState(recorded, "VehicleControlAPI"));
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.VehicleControlAPI?.().className).toBe("VehicleControlAPI");
  });
});
