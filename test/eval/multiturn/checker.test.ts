import { describe, expect, it } from "vitest";
import { parseJson } from "../../../src/core/json/index.js";
import { missingFromMultiset } from "../../../src/eval/multiturn/checker/multiTurnChecker.js";
import { scoreMultiTurnSample } from "../../../src/eval/multiturn/scoreMultiTurnSample.js";
import type { MultiTurnEntry } from "../../../src/eval/multiturn/types.js";
import { FAKE_CLASSES } from "../../support/fakeApis.js";

// The checker's rules on a made-up entry over the fake APIs (the official verdicts on the real
// APIs are checked in officialVerdicts.test.ts once the ports are registered).

const entry: MultiTurnEntry = {
  id: "multi_turn_base_7",
  category: "multi_turn_base",
  question: [[{ role: "user", content: "a" }], [{ role: "user", content: "b" }], [{ role: "user", content: "c" }], [{ role: "user", content: "d" }]],
  initialConfig: { FakeFs: { folders: { root: [], docs: [] } } },
  involvedClasses: ["FakeFs", "FakeMath"],
  missedFunction: null,
  functions: null,
  groundTruth: [["cd('docs')", "touch(file_name='x')"], [], ["mean(numbers=[40, 50])", "ls()"], ["pwd()"]],
  line: 1,
};
const c = (name: string, args: Record<string, unknown> = {}) => ({ name, arguments: args });
const gold = () => [[[c("cd", { folder: "docs" }), c("touch", { file_name: "x" })]], [], [[c("mean", { numbers: [40, 50] }), c("ls")]], [[c("pwd")]]];
const score = (turns: unknown) => scoreMultiTurnSample(entry, { id: entry.id, turns: turns as unknown[] }, { apiClasses: FAKE_CLASSES });
const verdict = (turns: unknown) => {
  const v = score(turns);
  return v.correct ? "ok" : v.errorType;
};

describe("multi-turn checker", () => {
  it("accepts the ground truth, in any step split, with JSON-text arguments, with an extra read-only call", () => {
    expect(verdict(gold())).toBe("ok");
    expect(verdict([[[c("cd", { folder: "docs" })], [c("touch", { file_name: "x" })]], [], [[c("ls")], [c("mean", { numbers: [40, 50] })]], [[c("pwd")]]])).toBe("ok");
    const asText = gold().map((t) => t.map((s) => s.map((x) => ({ name: x.name, arguments: JSON.stringify(x.arguments) }))));
    expect(verdict(asText)).toBe("ok");
    const extra = gold();
    extra[0]?.[0]?.push(c("count"));
    expect(verdict(extra)).toBe("ok");
    expect(score(gold()).got).toEqual([[["cd(folder='docs')", "touch(file_name='x')"]], [], [["mean(numbers=[40, 50])", "ls()"]], [["pwd()"]]]);
  });

  it("a verdict's got and rawOutput (written on first read) are plain fields to JSON, spreading and equality", () => {
    const v = score(gold());
    const got = [[["cd(folder='docs')", "touch(file_name='x')"]], [], [["mean(numbers=[40, 50])", "ls()"]], [["pwd()"]]];
    const rawOutput = '[[[{"name": "cd", "arguments": {"folder": "docs"}}, {"name": "touch", "arguments": {"file_name": "x"}}]], [], [[{"name": "mean", "arguments": {"numbers": [40, 50]}}, {"name": "ls", "arguments": {}}]], [[{"name": "pwd", "arguments": {}}]]]';
    const plain = { id: entry.id, part: "bfcl:multi_turn_base", expected: entry.groundTruth, correct: true, errorType: null, error: null, got, rawOutput };
    expect(Object.keys(v)).toEqual(Object.keys(plain));
    expect(JSON.parse(JSON.stringify(v))).toEqual(plain);
    expect({ ...v }).toEqual(plain);
    expect(v).toEqual(plain);
    v.got = "replaced";
    expect(v.got).toBe("replaced");
    const failed = score([[], [], [], []]);
    expect(failed.got).toEqual([[], [], [], []]);
    expect(failed.rawOutput).toBe("[[], [], [], []]");
    expect(score("not a list").got).toBeNull();
  });

  it("counts turns against the ground truth: fewer or more is force-terminated", () => {
    expect(verdict(gold().slice(0, 3))).toBe("multi_turn:force_terminated");
    expect(verdict([...gold(), []])).toBe("multi_turn:force_terminated");
    expect(score(gold().slice(0, 3)).error).toContain("The length of the model result turns (3) does not match the length of the ground truth turns (4).");
  });

  it("an empty model turn where the ground truth calls fails; empty and undecodable steps are dropped first", () => {
    const g: unknown[][] = gold();
    g[2] = [];
    expect(verdict(g)).toBe("multi_turn:empty_turn_model_response");
    g[2] = [[], "I can't", [{ name: "ls", arguments: "{oops" }], [{ arguments: {} }]];
    expect(verdict(g)).toBe("multi_turn:empty_turn_model_response");
    expect(score(g).error).toBe("Model response list is empty for turn 2");
  });

  it("a turn with an empty ground truth is executed (its state carries on) but never checked", () => {
    const g = gold();
    g[1] = [[c("mkdir", { dir_name: "junk" })]];
    expect(verdict(g)).toBe("multi_turn:instance_state_mismatch");
    g[1] = [[c("count")]];
    expect(verdict(g)).toBe("ok");
  });

  it("compares every public attribute with Python ==", () => {
    const g = gold();
    g[0] = [[c("cd", { folder: "docs" }), c("touch", { file_name: "y" })]];
    const v = score(g);
    expect(v.errorType).toBe("multi_turn:instance_state_mismatch");
    expect(v.error).toBe("Model instance for FakeFs does not match the state with ground truth instance.");
  });

  it("needs every ground-truth result among the model's results so far, as a multiset; 45.0 is not 45", () => {
    const g = gold();
    g[2] = [[c("ls")]];
    expect(verdict(g)).toBe("multi_turn:execution_response_mismatch");
    // The mean's text appeared in an earlier turn: the loose check accepts it.
    const early = gold();
    early[0]?.[0]?.push(c("mean", { numbers: [45, 45] }));
    early[2] = [[c("ls")]];
    expect(verdict(early)).toBe("ok");
    // int written as float changes a result text (`{"result": 45.0}` either way here) but not state.
    const floats = gold();
    floats[2] = [[c("mean", { numbers: parseJson("[40.0, 50.0]") }), c("ls")]];
    expect(verdict(floats)).toBe("ok");
  });

  it("wrong names and bad arguments execute as errors and fail on state or results", () => {
    const g = gold();
    g[3] = [[c("pwdx")]];
    expect(verdict(g)).toBe("multi_turn:execution_response_mismatch");
    const b = gold();
    b[0] = [[c("cd", { folder: "docs" }), c("touch", { file_name: "x", bogus: 1 })]];
    expect(verdict(b)).toBe("multi_turn:instance_state_mismatch");
  });

  it("needs turns as a list of lists; a missing prediction or API is named", () => {
    expect(verdict("nope")).toBe("multi_turn:inference_error");
    expect(verdict([[], "x", [], []])).toBe("multi_turn:inference_error");
    expect(scoreMultiTurnSample(entry, undefined).errorType).toBe("hammer_fc:missing_prediction");
    expect(scoreMultiTurnSample(entry, { id: entry.id, output: "text" }).errorType).toBe("multi_turn:inference_error");
    const v = scoreMultiTurnSample(entry, { id: entry.id, turns: gold() }, { apiClasses: {} });
    expect(v.errorType).toBe("hammer_fc:api_unavailable");
    expect(v.error).toContain("FakeFs, FakeMath");
  });

  it("multiset difference uses each item once", () => {
    expect(missingFromMultiset(["a", "a", "b"], ["a", "b", "c"])).toEqual(["a"]);
    expect(missingFromMultiset([], [])).toEqual([]);
  });
});
