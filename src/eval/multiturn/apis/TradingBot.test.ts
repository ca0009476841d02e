import { describe, expect, it } from "vitest";
import { readApiFixture, replayCase, statesEqual } from "../../../../test/support/apiParity.js";
import { API_CLASSES } from "./registry.js";
import { TradingBot } from "./TradingBot.js";

// Recorded by scripts/bfcl/record_api_fixture.py from BFCL's official trading_bot.py: every ground-truth
// call sequence of the 200 multi-turn entries involving TradingBot, plus scripts/bfcl/api_cases/trading_bot.jsonl.
const cases = readApiFixture(new URL("../__fixtures__/tradingBot.jsonl.gz", import.meta.url));

describe("TradingBot (parity with BFCL's trading_bot.py)", () => {
  it("has the recorded cases: 200 entries and the hand-written error paths", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(200);
    expect(cases.filter((c) => c.id.startsWith("trading_errors_")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replayCase(() => new TradingBot(), recorded);
    expect(ours.results).toEqual(recorded.results);
    const state = recorded.state.TradingBot ?? {};
    if (!statesEqual(ours.state, state)) expect(ours.state).toEqual(state);
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.TradingBot?.().className).toBe("TradingBot");
  });
});
