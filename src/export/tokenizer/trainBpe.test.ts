import { describe, expect, it } from "vitest";
import { TOOL_CALLING_CORPUS } from "./toolCallingCorpus.js";
import { trainBpe } from "./trainBpe.js";

describe("trainBpe", () => {
  it("merges the most frequent pair first and breaks ties by the smaller pair", () => {
    // "aaabdaaabac": a a ×4 → then "a b" and "aa a" both ×2, "a b" sorts first → then "aa ab" ×2; then nothing repeats.
    expect(trainBpe("aaabdaaabac", { maxMerges: 10 })).toEqual([
      ["a", "a"],
      ["a", "b"],
      ["aa", "ab"],
    ]);
  });

  it("respects maxMerges and minFrequency", () => {
    expect(trainBpe("aaabdaaabac", { maxMerges: 1 })).toEqual([["a", "a"]]);
    expect(trainBpe("aaabdaaabac", { maxMerges: 10, minFrequency: 3 })).toEqual([["a", "a"]]);
  });

  it("never merges across pre-token boundaries", () => {
    // Pieces are "a", " b", " a", " b", " a", " b": "a b" is never adjacent inside one piece.
    expect(trainBpe("a b a b a b", { maxMerges: 10 })).toEqual([["Ġ", "b"], ["Ġ", "a"]]);
  });

  it("is deterministic on the tool-calling corpus and learns JSON pieces", () => {
    const a = trainBpe(TOOL_CALLING_CORPUS, { maxMerges: 2000 });
    const b = trainBpe(TOOL_CALLING_CORPUS, { maxMerges: 2000 });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(500);
    const tokens = new Set(a.map(([x, y]) => x + y));
    for (const t of ['{"', '":', "Ġ\"", "name", "arguments", "Ġ{\"", "location"]) expect(tokens).toContain(t);
  });
});
