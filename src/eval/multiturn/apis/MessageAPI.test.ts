import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../core/json/index.js";
import { pyEquals } from "../../../core/python/index.js";
import { loadRecordedCases, replay, type RecordedCase } from "../../../../test/support/multiTurnParity.js";
import { MessageAPI } from "./MessageAPI.js";
import { pyKeyText } from "./pyValueOps.js";
import { API_CLASSES } from "./registry.js";

// Recorded by scripts/bfcl/record_api_fixture.py (command in scripts/bfcl/make_mtapi2_cases.py) from BFCL's
// official message_api.py: every ground-truth call sequence of the 160 multi-turn entries involving MessageAPI,
// hand-written error paths and seeded random call sequences.
const cases = loadRecordedCases("messageApi");

/**
 * The recorded state in our representation: the recorder writes a set as its repr (`{12345, 67890}`), which
 * publicState gives as the sorted ints; user_map keys as publicState writes them ({@link pyKeyText}; the
 * recorded keys are all strs).
 */
function recordedMessageState(c: RecordedCase): Record<string, JsonValue> {
  const state = { ...(c.state.MessageAPI as Record<string, JsonValue>) };
  const ids = state.generated_ids as JsonValue;
  if (ids !== null && typeof ids === "object" && !Array.isArray(ids) && typeof ids.__repr__ === "string") {
    const repr = ids.__repr__;
    state.generated_ids = repr === "set()" ? [] : repr.slice(1, -1).split(", ").map(Number).sort((a, b) => a - b);
  }
  const userMap = state.user_map as Record<string, JsonValue>;
  state.user_map = Object.fromEntries(Object.entries(userMap).map(([k, v]) => [pyKeyText(k), v]));
  return state;
}

describe("MessageAPI (parity with BFCL's message_api.py)", () => {
  it("has the recorded cases: 160 entries, the error paths and the generated sequences", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(160);
    expect(cases.filter((c) => c.id.startsWith("message_edge_")).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.id.startsWith("message_generated_")).length).toBe(40);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replay(recorded);
    expect(ours.results).toEqual(recorded.results);
    const state = ours.instances.get("MessageAPI")?.publicState();
    const want = recordedMessageState(recorded);
    if (!pyEquals(state, want)) expect(state).toEqual(want);
  });

  it("keeps a non-str contact name as Python's dict would (an int key prints as an int)", () => {
    const api = new MessageAPI();
    api.loadScenario({}, false);
    const add = api.methods.get("add_contact");
    expect(add?.call({ user_name: 7 }, api)).toMatchObject({ added_status: true, user_id: "USR005" });
    expect(api.methods.get("list_users")?.call({}, api)).toEqual({ user_list: ["Alice", "Bob", "Catherine", "Daniel", 7] });
    expect(add?.call({ user_name: 7 }, api)).toEqual({ error: "User name '7' already exists." });
  });

  it("refuses a scenario whose random_seed Python would take from the clock", () => {
    expect(() => new MessageAPI().loadScenario({ random_seed: null }, false)).toThrow(/random_seed/);
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.MessageAPI?.().className).toBe("MessageAPI");
  });
});
