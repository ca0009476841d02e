import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchScoreJson } from "./benchScoreJson.js";
import { formatBenchScore } from "./formatBenchScore.js";
import { parseBenchName } from "./benchName.js";
import { readPredictions } from "../predictions/readPredictions.js";
import { scoreBench } from "./scoreBench.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-score-"));
  const bfcl = path.join(dir, "bfcl_v3");
  mkdirSync(path.join(bfcl, "possible_answer"), { recursive: true });
  const doc = { name: "get_weather", description: "", parameters: { type: "dict", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } };
  const q = (id: string) => JSON.stringify({ id, question: [[{ role: "user", content: "?" }]], function: [doc] });
  writeFileSync(path.join(bfcl, "BFCL_v3_simple.json"), ["simple_0", "simple_1", "simple_2"].map(q).join("\n"));
  writeFileSync(
    path.join(bfcl, "possible_answer", "BFCL_v3_simple.json"),
    ['{"id": "simple_0", "ground_truth": [{"get_weather": {"city": ["Paris"], "days": [3, ""]}}]}', '{"id": "simple_1", "ground_truth": [{"get_weather": {"city": ["Rome"]}}]}', '{"id": "simple_2", "ground_truth": [{"get_weather": {"city": ["Oslo"]}}]}'].join("\n"),
  );
  writeFileSync(path.join(bfcl, "BFCL_v3_irrelevance.json"), ["irrelevance_0", "irrelevance_1"].map(q).join("\n"));
  mkdirSync(path.join(dir, "hammer_eval", "original"), { recursive: true });
  writeFileSync(
    path.join(dir, "hammer_eval", "original", "sealtool.json"),
    JSON.stringify([
      { query: "a", tools: [], answers: [{ tool: "f", parameters: { x: "1986" } }] },
      { query: "b", tools: [], answers: [{ tool: "g", parameters: {} }] },
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scoreBench", () => {
  it("scores a BFCL category from both prediction shapes; missing predictions fail; unknown ids are issues", () => {
    const preds = readPredictions(
      [
        '{"id": "simple_0", "output": "```\\n[{\\"name\\": \\"get_weather\\", \\"arguments\\": {\\"city\\": \\"paris\\"}}]\\n```"}',
        '{"id": "simple_1", "tool_calls": [{"name": "get_weather", "arguments": "{\\"city\\": \\"Rome\\", \\"days\\": 2}"}]}',
        '{"id": "simple_99", "output": "[]"}',
        "not json",
      ].join("\n"),
      "p.jsonl",
    );
    const s = scoreBench("bfcl:simple", dir, preds);
    expect(s.samples.map((x) => [x.id, x.errorType])).toEqual([
      ["simple_0", null],
      ["simple_1", "simple_function_checker:unexpected_param"],
      ["simple_2", "hammer_fc:missing_prediction"],
    ]);
    expect(s.missingPredictions).toBe(1);
    expect(s.issues.map((i) => i.location)).toEqual(["p.jsonl:4", "p.jsonl:3"]);
    expect(benchScoreJson(s)).toEqual({
      bench: "bfcl:simple",
      metrics: { accuracy: 1 / 3, correct: 1, total: 3, missing: 1 },
      samples: [
        { id: "simple_0", correct: true, error_type: null },
        { id: "simple_1", correct: false, error_type: "simple_function_checker:unexpected_param" },
        { id: "simple_2", correct: false, error_type: "hammer_fc:missing_prediction" },
      ],
    });
    const v = s.samples[1];
    expect(v?.got).toEqual([{ name: "get_weather", arguments: { city: "Rome", days: 2 } }]);
    expect(v?.expected).toEqual([{ get_weather: { city: ["Rome"] } }]);
    expect(v?.rawOutput).toContain("Rome");
  });

  it("bfcl:all scores what is present and says what is not", () => {
    const s = scoreBench("bfcl:all", dir, [
      { id: "irrelevance_0", output: "I cannot help." },
      { id: "irrelevance_1", toolCalls: [{ name: "get_weather", arguments: "{oops" }] },
    ]);
    expect(s.parts.map((p) => p.kind === "bfcl" && [p.category, p.correct, p.total])).toEqual([
      ["simple", 0, 3],
      ["irrelevance", 2, 2],
    ]);
    expect(s.notPresent).toContain("bfcl:live_multiple");
    expect(s.bfclSummary?.nonLiveOverall).toBeNull();
    const strict = scoreBench("bfcl:irrelevance", dir, [{ id: "irrelevance_0", output: "I cannot help." }, { id: "irrelevance_1", toolCalls: [{ name: "get_weather", arguments: "{oops" }] }], { strict: true });
    expect(strict.samples.map((x) => x.errorType)).toEqual([null, "hammer_fc:strict_malformed_call"]);
    const m = benchScoreJson(s).metrics as { categories: Record<string, unknown>; summary: { multi_turn: number | null } };
    expect(Object.keys(m.categories)).toEqual(["simple", "irrelevance"]);
    expect(m.summary.multi_turn).toBeNull();
    expect(formatBenchScore(s)).toMatch(/Not present in the data dir: .*bfcl:live_multiple/);
  });

  it("scores a Hammer set with evaluate.py metrics and the corrected variant", () => {
    const s = scoreBench("hammer:sealtool", dir, [
      { id: "sealtool_0", output: '```\n[{"name": "f", "arguments": {"x": 1986}}]\n```' },
      { id: "sealtool_1", toolCalls: [{ name: "g", arguments: {} }] },
    ]);
    const m = benchScoreJson(s).metrics as Record<string, number>;
    expect(m.f1_api).toBe(1);
    expect(m.f1_param).toBe(2); // 2 "correct" of 1 predicted and 1 gold argument: the empty-arguments bonus
    expect(m.f1_param_corrected).toBe(1);
    expect(m.correct).toBe(2);
    expect(formatBenchScore(s)).toContain("sealtool");
  });

  it("unknown benchmark names and absent data are clear errors", () => {
    expect(() => parseBenchName("bfcl:simpel")).toThrow(/unknown benchmark "bfcl:simpel"; expected one of: bfcl:all, bfcl:simple/);
    expect(parseBenchName("hammer:nexusraven").name).toBe("hammer:NexusRaven");
    expect(() => scoreBench("bfcl:live_multiple", dir, [])).toThrow(/no data in/);
  });
});
