import { describe, expect, it } from "vitest";
import { pyEquals } from "../../../core/python/index.js";
import { loadRecordedCases, recordedState, replay, resultText } from "../../../../test/support/multiTurnParity.js";
import type { JsonValue } from "../../../core/json/index.js";
import { PyException, type ApiMethod, type SimulatedApi } from "./SimulatedApi.js";
import { API_CLASSES } from "./registry.js";
import { TravelAPI } from "./TravelAPI.js";

// Recorded by scripts/bfcl/record_api_fixture.py from BFCL's official travel_booking.py: every ground-truth
// call sequence of the 200 multi-turn entries involving TravelAPI, plus scripts/bfcl/api_cases/travel.jsonl.
// The official code reads today's date in verify_traveler_information; the recorded birth dates give the same
// verdicts on any day from 2008 to 2038, and the replay fixes "today" to the recording day.
const cases = loadRecordedCases("travelApi");
const RECORDED_ON = { year: 2026, month: 12, day: 5 };

/** One call's result text, as the official runner writes it. */
function call(api: SimulatedApi, method: string, args: Record<string, JsonValue>): string {
  try {
    return resultText((api.methods.get(method) as ApiMethod).call(args, api));
  } catch (e) {
    if (e instanceof PyException) return `Error during execution: ${e.message}`;
    throw e;
  }
}

describe("TravelAPI (parity with BFCL's travel_booking.py)", () => {
  it("has the recorded cases: 200 entries and the hand-written error paths", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(200);
    expect(cases.filter((c) => c.id.startsWith("travel_errors_")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replay(recorded, () => new TravelAPI({ today: () => RECORDED_ON }));
    expect(ours.results).toEqual(recorded.results);
    const state = ours.instances.get("TravelAPI")?.publicState();
    if (!pyEquals(state, recordedState(recorded, "TravelAPI"))) expect(state).toEqual(recordedState(recorded, "TravelAPI"));
  });

  it("computes the traveler's age from the injected today, a day before and on the 18th birthday", () => {
    const verify = (today: { year: number; month: number; day: number }): string => {
      const api = new TravelAPI({ today: () => today });
      api.loadScenario({ user_first_name: "Ada", user_last_name: "Lovelace" }, false);
      return call(api, "verify_traveler_information", { first_name: "Ada", last_name: "Lovelace", date_of_birth: "2008-03-15", passport_number: "US1" });
    };
    expect(verify({ year: 2026, month: 3, day: 14 })).toContain("at least 18 years old");
    expect(verify({ year: 2026, month: 3, day: 15 })).toBe('{"verification_status": true}');
  });

  it("names the valid classes as a Python set (whose order Python varies per process)", () => {
    const api = new TravelAPI();
    api.loadScenario({ credit_card_list: { c: { balance: 1000 } }, access_token: "t", token_expires_in: 2 }, false);
    const args = { access_token: "t", card_id: "c", travel_date: "2024-01-01", travel_from: "SFO", travel_to: "LAX", travel_class: "coach" };
    const text = call(api, "book_flight", args);
    const set = /Must be one of \{(.*)\}"\}$/.exec(text)?.[1]?.split(", ").sort();
    expect(set).toEqual(["'business'", "'economy'", "'first'"]);
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.TravelAPI?.().className).toBe("TravelAPI");
  });
});
