import { describe, expect, it } from "vitest";
import type { BfclPart } from "./categories.js";
import { summarizeBfcl } from "./summarizeBfcl.js";
import type { BfclCategoryScore } from "../types.js";

const s = (category: BfclPart, correct: number, total: number): BfclCategoryScore => ({ kind: "bfcl", category, correct, total, accuracy: correct / total, missing: 0 });

describe("BFCL v3 aggregation", () => {
  const all = [
    s("simple", 300, 400),
    s("java", 60, 100),
    s("javascript", 30, 50),
    s("multiple", 180, 200),
    s("parallel", 160, 200),
    s("parallel_multiple", 150, 200),
    s("irrelevance", 200, 240),
    s("live_simple", 200, 258),
    s("live_multiple", 800, 1053),
    s("live_parallel", 8, 16),
    s("live_parallel_multiple", 12, 24),
    s("live_irrelevance", 700, 882),
    s("live_relevance", 12, 18),
  ];
  it("non-live groups are unweighted means; live groups are count-weighted", () => {
    const r = summarizeBfcl(all);
    const simpleGroup = (0.75 + 0.6 + 0.6) / 3;
    expect(r.nonLiveSimpleAst).toBeCloseTo(simpleGroup, 12);
    expect(r.nonLiveAst).toBeCloseTo((simpleGroup + 0.9 + 0.8 + 0.75) / 4, 12);
    expect(r.nonLiveOverall).toBeCloseTo((simpleGroup + 0.9 + 0.8 + 0.75 + 200 / 240) / 5, 12);
    expect(r.liveAst).toBeCloseTo((200 + 800 + 8 + 12) / (258 + 1053 + 16 + 24), 12);
    expect(r.liveOverall).toBeCloseTo((200 + 800 + 8 + 12 + 700 + 12) / (258 + 1053 + 16 + 24 + 882 + 18), 12);
    expect(r.irrelevance).toBeCloseTo((200 / 240 + 700 / 882) / 2, 12);
    expect(r.relevance).toBeCloseTo(12 / 18, 12);
    expect(r.multiTurn).toBeNull();
    expect(r.overall).toBeNull();
    expect(r.missingCategories.sort()).toEqual(["multi_turn_base", "multi_turn_long_context", "multi_turn_miss_func", "multi_turn_miss_param"]);
  });
  it("multi-turn is the unweighted mean of its four categories; overall the mean of live, non-live and multi-turn (eval_runner_helper)", () => {
    const r = summarizeBfcl([...all, s("multi_turn_base", 20, 200), s("multi_turn_miss_func", 10, 200), s("multi_turn_miss_param", 14, 200), s("multi_turn_long_context", 4, 100)]);
    const multiTurn = (0.1 + 0.05 + 0.07 + 0.04) / 4;
    expect(r.multiTurn).toBeCloseTo(multiTurn, 12);
    expect(r.overall).toBeCloseTo(((r.liveOverall ?? 0) + (r.nonLiveOverall ?? 0) + multiTurn) / 3, 12);
    expect(r.missingCategories).toEqual([]);
  });
  it("a group with a missing category is null, not computed with a 0", () => {
    const r = summarizeBfcl(all.filter((x) => x.category !== "live_multiple" && x.category !== "live_parallel_multiple"));
    expect(r.liveAst).toBeNull();
    expect(r.liveOverall).toBeNull();
    expect(r.nonLiveOverall).not.toBeNull();
    expect(r.missingCategories.filter((c) => !c.startsWith("multi_turn")).sort()).toEqual(["live_multiple", "live_parallel_multiple"]);
  });
  it("reproduces a published figure (octupus v1 Non-Live AST = mean(65.25, 94, 82.5, 81))", () => {
    const r = summarizeBfcl([s("simple", 261, 400), s("java", 261, 400), s("javascript", 261, 400), s("multiple", 188, 200), s("parallel", 165, 200), s("parallel_multiple", 162, 200)]);
    expect(Math.round((r.nonLiveAst ?? 0) * 10000) / 100).toBe(80.69);
  });
});
