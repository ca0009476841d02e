import { describe, expect, it } from "vitest";
import { pyJsonDumps } from "../../../src/core/python/index.js";
import { API_CLASSES, ApiSession, BFCL_MULTI_TURN_CATEGORIES, goldTurns, loadMultiTurnCategory } from "../../../src/eval/scoring/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../support/sharedData.js";

// Ports flagged `copiesScenario` get the entry's config itself (no session copy): running the gold
// calls, which change every kind of state, must leave the config as it was, float marks included.
describe.skipIf(!HAS_SHARED_DATA)("ApiSession: ports that copy their scenario never change the entry's config", () => {
  it("every gold entry's initial config is byte-identical after its gold calls ran on a session", () => {
    let checked = 0;
    for (const category of BFCL_MULTI_TURN_CATEGORIES) {
      for (const entry of loadMultiTurnCategory(SHARED_DATA, category)?.samples ?? []) {
        if (!entry.involvedClasses.every((c) => Object.hasOwn(API_CLASSES, c))) continue;
        const before = pyJsonDumps(entry.initialConfig);
        const session = new ApiSession(entry);
        for (const steps of goldTurns(entry)) for (const calls of steps) for (const call of calls) session.execute(call);
        expect(pyJsonDumps(entry.initialConfig), entry.id).toBe(before);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("the flag is set only on ports whose loadScenario copies (a new one must be checked by the test above)", () => {
    const flagged = Object.entries(API_CLASSES)
      .filter(([, make]) => make().copiesScenario === true)
      .map(([name]) => name)
      .sort();
    expect(flagged).toEqual(["MessageAPI", "TradingBot", "TravelAPI", "VehicleControlAPI"]);
  });
});

describe.skipIf(HAS_SHARED_DATA)("ApiSession scenario copies", () => {
  it.skip(`needs BFCL v3 multi-turn data: ${SKIP_SHARED_REASON}`, () => {});
});
