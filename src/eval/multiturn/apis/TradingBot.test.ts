import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyStr } from "../../../core/python/index.js";
import { WATCH_LIST_EXTENSION } from "./longContext/tradingBot.js";
import { loadRecordedCases, recordedState, replay } from "../../../../test/support/multiTurnParity.js";
import { API_CLASSES } from "./registry.js";
import { TradingBot } from "./TradingBot.js";

// Recorded by scripts/bfcl/record_api_fixture.py from BFCL's official trading_bot.py: every ground-truth
// call sequence of the 200 multi-turn entries involving TradingBot, plus scripts/bfcl/api_cases/trading_bot.jsonl.
const cases = loadRecordedCases("tradingBot");

describe("TradingBot (parity with BFCL's trading_bot.py)", () => {
  it("has the recorded cases: 200 entries and the hand-written error paths", () => {
    expect(cases.filter((c) => c.id.startsWith("multi_turn_")).length).toBe(200);
    expect(cases.filter((c) => c.id.startsWith("trading_errors_")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: same results and state", (_id, recorded) => {
    const ours = replay(recorded);
    expect(ours.results).toEqual(recorded.results);
    const state = ours.instances.get("TradingBot")?.publicState();
    if (!pyEquals(state, recordedState(recorded, "TradingBot"))) expect(state).toEqual(recordedState(recorded, "TradingBot"));
  });

  it("is registered under its Python class name", () => {
    expect(API_CLASSES.TradingBot?.().className).toBe("TradingBot");
  });
});

describe("TradingBot long-context get_watchlist", () => {
  it.each([[[]], [["NVDA"]], [["NVDA", 3, null]]] as JsonValue[][][])("watch list %j: str() of the list followed by the extension, Ellipsis last", (watchList) => {
    const bot = new TradingBot();
    bot.loadScenario({ authenticated: true, watch_list: watchList }, true);
    const text = pyStr([...watchList, ...(WATCH_LIST_EXTENSION as JsonValue[])]);
    const got = bot.methods.get("get_watchlist")!.call({}, bot);
    expect((got as { pyStr: string }).pyStr).toBe(`${text.slice(0, -1)}, Ellipsis]`);
  });
});
