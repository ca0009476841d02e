import { describe, expect, it } from "vitest";
import { readApiFixture, replayCase, runCall, statesEqual } from "../../../../test/support/apiParity.js";
import { API_CLASSES } from "./registry.js";
import { TravelAPI } from "./TravelAPI.js";

// Recorded by scripts/bfcl/record_api_fixture.py from BFCL's official travel_booking.py: every ground-truth
// call sequence of the 200 multi-turn entries involving TravelAPI, plus scripts/bfcl/api_cases/travel.jsonl.
// The official code reads today's date in verify_traveler_information; the recorded birth dates give the same
// verdicts on any day from 2008 to 2038, and the replay fixes "today" to the recording day.
const cases = readApiFixture(new URL("../__fixtures__/travelApi.jsonl.gz", import.meta.url));
const RECORDED_ON = { year: 2026, month: 12, day: 5 };

describe("TravelAPI (parity with BFCL's travel_booking.py)", () => {
  it("has the recorded cases: 200 entries and the hand-written error paths", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(200);
    expect(cases.filter((c) => c.id.startsWith("travel_errors_")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replayCase(() => new TravelAPI({ today: () => RECORDED_ON }), recorded);
    expect(ours.results).toEqual(recorded.results);
    const state = recorded.state.TravelAPI ?? {};
    if (!statesEqual(ours.state, state)) expect(ours.state).toEqual(state);
  });

  it("computes the traveler's age from the injected today, a day before and on the 18th birthday", () => {
    const verify = (today: { year: number; month: number; day: number }): string => {
      const api = new TravelAPI({ today: () => today });
      api.loadScenario({ user_first_name: "Ada", user_last_name: "Lovelace" }, false);
      return runCall(api, "verify_traveler_information(first_name='Ada', last_name='Lovelace', date_of_birth='2008-03-15', passport_number='US1')");
    };
    expect(verify({ year: 2026, month: 3, day: 14 })).toContain("at least 18 years old");
    expect(verify({ year: 2026, month: 3, day: 15 })).toBe('{"verification_status": true}');
  });

  it("names the valid classes as a Python set (whose order Python varies per process)", () => {
    const api = new TravelAPI();
    api.loadScenario({ credit_card_list: { c: { balance: 1000 } }, access_token: "t", token_expires_in: 2 }, false);
    const text = runCall(api, "book_flight(access_token='t', card_id='c', travel_date='2024-01-01', travel_from='SFO', travel_to='LAX', travel_class='coach')");
    const set = /Must be one of \{(.*)\}"\}$/.exec(text)?.[1]?.split(", ").sort();
    expect(set).toEqual(["'business'", "'economy'", "'first'"]);
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.TravelAPI?.().className).toBe("TravelAPI");
  });
});
