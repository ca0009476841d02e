import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { loadHammerSet } from "../datasets/loadHammerSet.js";
import type { HammerCounts } from "../types.js";
import { correctedSampleCounts } from "./hammerCorrectedCounts.js";
import { correctedF1, officialF1 } from "./hammerF1.js";
import { addCounts, argumentMatches, officialSampleCounts, ZERO_COUNTS } from "./hammerOfficialCounts.js";
import { parseHammerOutput } from "./parseHammerOutput.js";
import { scoreHammerPairs } from "./scoreHammerPairs.js";
import { scoreHammerSample } from "./scoreHammerSample.js";
import type { HammerCall } from "./types.js";

const round4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10000) / 10000);
const calls = (json: string): HammerCall[] => parseJson(json) as unknown as HammerCall[];

describe("evaluate.py parsing", () => {
  it("strips every ``` and ```json, then parses the whole rest", () => {
    expect(parseHammerOutput('```json\n[{"name": "f", "arguments": {}}]\n```')).toEqual({ kind: "list", items: [{ name: "f", arguments: {} }] });
    expect(parseHammerOutput("```\n[]\n```")).toEqual({ kind: "list", items: [] });
    expect(parseHammerOutput('{"tool_calls": [{"name": "f", "arguments": {}}]}').kind).toBe("list");
    expect(parseHammerOutput('{"tool_calls": null}')).toEqual({ kind: "list", items: [] });
  });
  it("anything else is a format error: prose, a dict, null, a list holding the string tool_calls", () => {
    for (const t of ['Sure! ```[{"name": "f", "arguments": {}}]```', '{"name": "f", "arguments": {}}', "null", '["tool_calls"]', '"x"', "5", ""]) {
      expect(parseHammerOutput(t).kind, t).toBe("format_error");
    }
  });
});

describe("evaluate.py counting", () => {
  const gold = calls('[{"name": "f", "arguments": {"a": "1986", "b": ""}}, {"name": "g", "arguments": {}}]');
  it("values compare as Python str(): '1986' == 1986, 'True' != 'true', 5.0 != 5", () => {
    expect(argumentMatches({ a: "1986" }, { a: 1986 })).toBe(1);
    expect(argumentMatches({ a: "true" }, { a: true })).toBe(0);
    expect(argumentMatches({ a: "True" }, { a: true })).toBe(1);
    expect(argumentMatches(parseJson('{"a": 5}') as Record<string, unknown>, parseJson('{"a": 5.0}') as Record<string, unknown>)).toBe(0);
    expect(argumentMatches({ a: "[1, 'a']" }, { a: [1, "a"] })).toBe(1);
    expect(argumentMatches({ a: "{'k': None}" }, { a: { k: null } })).toBe(1);
  });
  it('quirk: no gold arguments and none (or only "") predicted scores 1', () => {
    expect(argumentMatches({}, {})).toBe(1);
    expect(argumentMatches({}, { x: "" })).toBe(1);
    expect(argumentMatches({}, { x: 1 })).toBe(0);
  });
  it('gold counts skip "" values; a format error counts one predicted call; [] counts nothing', () => {
    expect(officialSampleCounts(gold, null)).toEqual({ goldApi: 2, predApi: 1, correctApi: 0, goldParam: 1, predParam: 0, correctParam: 0 });
    expect(officialSampleCounts(gold, [])).toEqual({ goldApi: 2, predApi: 0, correctApi: 0, goldParam: 1, predParam: 0, correctParam: 0 });
  });
  it("name credit is set membership: the same call twice counts twice", () => {
    const c = officialSampleCounts(gold, calls('[{"name": "f", "arguments": {"a": 1986}}, {"name": "f", "arguments": {"a": 1986}}]'));
    expect(c).toEqual({ goldApi: 2, predApi: 2, correctApi: 2, goldParam: 1, predParam: 2, correctParam: 2 });
    expect(correctedSampleCounts(gold, [{ name: "f", args: { a: 1986 } }, { name: "f", args: { a: 1986 } }]).counts).toEqual({ goldApi: 2, predApi: 2, correctApi: 1, goldParam: 1, predParam: 2, correctParam: 1 });
  });
  it("first gold call of the name with any match wins, not the best one", () => {
    const g = calls('[{"name": "f", "arguments": {"a": 1, "b": 9}}, {"name": "f", "arguments": {"a": 1, "b": 2}}]');
    const p = calls('[{"name": "f", "arguments": {"a": 1, "b": 2}}]');
    expect(officialSampleCounts(g, p).correctParam).toBe(1);
    expect(correctedSampleCounts(g, [{ name: "f", args: { a: 1, b: 2 } }]).counts.correctParam).toBe(2);
  });
  it("a predicted call without an arguments object (evaluate.py crashes) earns nothing", () => {
    expect(officialSampleCounts(gold, [{ name: "f" }, "junk"])).toEqual({ goldApi: 2, predApi: 2, correctApi: 0, goldParam: 1, predParam: 0, correctParam: 0 });
  });
  it("metrics are null where evaluate.py prints nothing", () => {
    expect(officialF1({ ...ZERO_COUNTS, goldApi: 3, predApi: 1 }).f1Api).toBeNull();
    expect(correctedF1({ ...ZERO_COUNTS, goldApi: 3, predApi: 1 }).f1Api).toBe(0);
  });
});

describe("corrected variant", () => {
  const arbCall = fc.record({ name: fc.constantFrom("f", "g", "h"), args: fc.dictionary(fc.constantFrom("a", "b", "c"), fc.constantFrom("", "1", 1, "x", true)) });
  it("is one-to-one and bounded by 1 (property)", () => {
    fc.assert(
      fc.property(fc.array(arbCall, { maxLength: 5 }), fc.array(arbCall, { maxLength: 6 }), (g, p) => {
        const gold = g.map((c) => ({ name: c.name, arguments: c.args }));
        const r = correctedSampleCounts(gold, p).counts;
        expect(r.correctApi).toBeLessThanOrEqual(Math.min(r.goldApi, r.predApi));
        expect(r.correctParam).toBeLessThanOrEqual(Math.min(r.goldParam, r.predParam));
        const m = correctedF1(r);
        for (const v of Object.values(m)) if (v !== null) expect(v).toBeLessThanOrEqual(1);
        // Gold against itself is perfect and exact.
        const self = correctedSampleCounts(gold, g);
        expect(self.errorType).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe("parity with evaluate.py on perturbed predictions", () => {
  it("150 {label, predict} pairs give evaluate.py's own numbers", () => {
    // Labels from Hammer's eval sets; predictions perturbed (prose, [], tool_calls wrapper, ```json,
    // dropped/emptied/retyped arguments, 1986 vs "1986" vs 1986.0, wrong names, duplicate calls).
    // Expected values printed by MadeAgents/Hammer evaluation/evaluate.py (ff415d9) on this file.
    const text = readFileSync(new URL("./__fixtures__/evaluatePyPairs.jsonl", import.meta.url), "utf8");
    const r = scoreHammerPairs(text, "evaluatePyPairs.jsonl");
    expect(r.lines).toBe(150);
    expect(r.metrics.precisionApi).toBeCloseTo(0.7905405405405406, 14);
    expect(r.metrics.recallApi).toBeCloseTo(0.7647058823529411, 14);
    expect(r.metrics.f1Api).toBeCloseTo(0.7774086378737541, 14);
    expect(r.metrics.precisionParam).toBeCloseTo(0.7967914438502673, 14);
    expect(r.metrics.recallParam).toBeCloseTo(0.5498154981549815, 14);
    expect(r.metrics.f1Param).toBeCloseTo(0.6506550218340611, 14);
  });
});

describe.skipIf(!HAS_SHARED_DATA)(`Hammer parity anchors (${HAS_SHARED_DATA ? "shared data" : SKIP_SHARED_REASON})`, () => {
  it("example_eval.jsonl: F1_api 0.857, F1_param 0.818", () => {
    const r = scoreHammerPairs(readFileSync(sharedPath("hammer_eval", "example_eval.jsonl"), "utf8"), "example_eval.jsonl");
    expect(r.lines).toBe(7);
    expect(round4(r.metrics.f1Api)).toBe(0.8571);
    expect(round4(r.metrics.f1Param)).toBe(0.8182);
  });

  const anchors: Array<[string, number]> = [
    ["apibank_l1", 1.0066],
    ["apibank_l2", 1.004],
    ["sealtool", 1.0467],
    ["toolalpaca", 1.0704],
  ];
  for (const [set, f1Param] of anchors) {
    it(`${set}: labels against themselves give F1_api 1.0 and F1_param ${f1Param}; corrected gives 1.0 / 1.0`, () => {
      const loaded = loadHammerSet(sharedPath(), set as "apibank_l1");
      expect(loaded?.issues).toEqual([]);
      let viaText: HammerCounts = { ...ZERO_COUNTS };
      let viaCalls: HammerCounts = { ...ZERO_COUNTS };
      let corrected: HammerCounts = { ...ZERO_COUNTS };
      let exact = 0;
      for (const s of loaded?.samples ?? []) {
        const label = "```\n" + pyJsonDumps(s.answers) + "\n```";
        const a = scoreHammerSample(s, { id: s.id, output: label });
        const b = scoreHammerSample(s, { id: s.id, toolCalls: s.answers });
        viaText = addCounts(viaText, a.official);
        viaCalls = addCounts(viaCalls, b.official);
        corrected = addCounts(corrected, a.corrected);
        if (a.verdict.correct) exact++;
      }
      for (const c of [viaText, viaCalls]) {
        expect(round4(officialF1(c).f1Api)).toBe(1);
        expect(round4(officialF1(c).f1Param)).toBe(f1Param);
      }
      expect(correctedF1(corrected).f1Api).toBe(1);
      expect(correctedF1(corrected).f1Param).toBe(1);
      expect(exact).toBe(loaded?.samples.length);
    });
  }
});
