import { describe, expect, it } from "vitest";
import { pyEquals } from "../../../src/core/python/index.js";
import { API_CLASSES } from "../../../src/eval/multiturn/apis/registry.js";
import { loadRecordedCases, recordedState, replay } from "../../support/multiTurnParity.js";

// Recorded from BFCL's official TwitterAPI: every ground-truth call sequence of the 156
// entries that use it, plus error paths (scripts/bfcl/make_mtapi1_cases.py).
const cases = loadRecordedCases("TwitterAPI");

describe("TwitterAPI port matches the official implementation", () => {
  it("has the recorded cases", () => {
    expect(cases.length).toBeGreaterThan(120);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { results, instances } = replay(c);
    expect(results).toEqual(c.results);
    const ours = instances.get("TwitterAPI")!.publicState();
    const theirs = recordedState(c, "TwitterAPI");
    expect(pyEquals(ours, theirs), JSON.stringify({ ours, theirs }).slice(0, 2000)).toBe(true);
  });
});

describe("TwitterAPI port beyond the recordings", () => {
  const call = (api: ReturnType<typeof make>, name: string, args: Record<string, unknown>) =>
    api.methods.get(name)!.call(args as never, api);
  const make = () => {
    const api = API_CLASSES.TwitterAPI!();
    api.loadScenario({ authenticated: true }, false);
    return api;
  };

  it("shares post_tweet's default mentions list among one instance's tweets only", () => {
    const a = make();
    const b = make();
    call(a, "post_tweet", { content: "one" });
    call(a, "mention", { tweet_id: 0, mentioned_usernames: ["@x"] });
    expect(call(a, "post_tweet", { content: "two" })).toMatchObject({ mentions: ["@x"] });
    expect(call(b, "post_tweet", { content: "fresh" })).toMatchObject({ mentions: [] });
  });

  it("tells int from str dict keys in its state", () => {
    const a = make();
    call(a, "post_tweet", { content: "one" });
    const withStrKey = { ...a.publicState(), tweets: { '"0"': (a.publicState().tweets as Record<string, unknown>)["0"] } };
    expect(pyEquals(a.publicState(), withStrKey as never)).toBe(false);
  });
});
