import { describe, expect, it } from "vitest";
import { pyEquals } from "../../../src/core/python/index.js";
import { loadRecordedCases, recordedState, replay } from "../../support/multiTurnParity.js";

// Recorded from BFCL's official TicketAPI: every ground-truth call sequence of the 124
// entries that use it, plus error paths (scripts/bfcl/make_mtapi1_cases.py).
const cases = loadRecordedCases("TicketAPI");

describe("TicketAPI port matches the official implementation", () => {
  it("has the recorded cases", () => {
    expect(cases.length).toBeGreaterThan(90);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { results, instances } = replay(c);
    expect(results).toEqual(c.results);
    const ours = instances.get("TicketAPI")!.publicState();
    const theirs = recordedState(c, "TicketAPI");
    expect(pyEquals(ours, theirs), JSON.stringify({ ours, theirs }).slice(0, 2000)).toBe(true);
  });
});
