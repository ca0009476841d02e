import { describe, expect, it } from "vitest";
import { parseJson, type JsonValue } from "../../../src/core/json/index.js";
import { pyEqualsItsCopy, PY_EQUALS_MAX_DEPTH } from "../../../src/core/python/index.js";
import type { ApiMethod, SimulatedApi } from "../../../src/eval/multiturn/apis/SimulatedApi.js";
import { CheckSessions } from "../../../src/eval/multiturn/checker/CheckSessions.js";
import { multiTurnChecker } from "../../../src/eval/multiturn/checker/multiTurnChecker.js";
import type { ApiClasses } from "../../../src/eval/multiturn/execution/ApiSession.js";
import { sameCall } from "../../../src/eval/multiturn/execution/sameCall.js";
import { scoreMultiTurnSample } from "../../../src/eval/multiturn/scoreMultiTurnSample.js";
import { shareGroundTruthParses, type ApiCall, type MultiTurnEntry, type SharedGroundTruth } from "../../../src/eval/multiturn/types.js";
import { FAKE_CLASSES, FakeFs } from "../../support/fakeApis.js";

// One session stands for both sides of a check while the model's calls are the ground truth's;
// these tests pin when it must not (other calls, a state unequal to its own copy) and that the
// model's session, made late, replays what it shared.

const call = (name: string, json = "{}"): ApiCall => ({ name, arguments: parseJson(json) as Record<string, JsonValue> });

/** FakeFs and FakeMath, counting the FakeFs instances made. */
function countingClasses(): { classes: ApiClasses; made: () => number } {
  let made = 0;
  return {
    classes: { ...FAKE_CLASSES, FakeFs: () => (made++, new FakeFs()) },
    made: () => made,
  };
}

function entry(groundTruth: string[][], involvedClasses = ["FakeFs", "FakeMath"]): MultiTurnEntry {
  return {
    id: "multi_turn_base_3",
    category: "multi_turn_base",
    question: groundTruth.map(() => [{ role: "user", content: "q" }]),
    initialConfig: { FakeFs: { folders: { root: [], docs: [] } } },
    involvedClasses,
    missedFunction: null,
    functions: null,
    groundTruth,
    line: 1,
  };
}

describe("sameCall: calls a simulated API cannot tell apart", () => {
  it("same name, same keys in the same order, same values with the same Python spelling", () => {
    expect(sameCall(call("cd", '{"folder": "docs"}'), call("cd", '{"folder": "docs"}'))).toBe(true);
    expect(sameCall(call("f", '{"a": [1, {"b": 2.5}], "c": null}'), call("f", '{"a": [1, {"b": 2.5}], "c": null}'))).toBe(true);
    expect(sameCall(call("cd", '{"folder": "docs"}'), call("mkdir", '{"folder": "docs"}'))).toBe(false);
    expect(sameCall(call("f", '{"a": 1, "b": 2}'), call("f", '{"b": 2, "a": 1}'))).toBe(false);
    expect(sameCall(call("f", '{"a": 5}'), call("f", '{"a": 5.0}'))).toBe(false);
    expect(sameCall(call("f", '{"a": [5]}'), call("f", '{"a": [5.0]}'))).toBe(false);
    expect(sameCall(call("f", '{"a": 1}'), call("f", '{"a": true}'))).toBe(false);
    expect(sameCall(call("f", '{"a": 0.0}'), call("f", '{"a": -0.0}'))).toBe(false);
    expect(sameCall(call("f", '{"a": [1]}'), call("f", '{"a": {"0": 1}}'))).toBe(false);
    expect(sameCall(call("f", '{"a": "1"}'), call("f", '{"a": 1}'))).toBe(false);
  });

  it("anything but plain JSON-like data counts as different", () => {
    class Box {
      constructor(readonly v: number) {}
    }
    const a = { name: "f", arguments: { x: new Box(1) as unknown as JsonValue } };
    expect(sameCall(a, { name: "f", arguments: { x: new Box(1) as unknown as JsonValue } })).toBe(false);
  });
});

describe("pyEqualsItsCopy", () => {
  it("only a NaN or nesting too deep makes a value unequal to its copy", () => {
    expect(pyEqualsItsCopy({ a: [1, 2.5, "x", null, true, { b: [] }] })).toBe(true);
    expect(pyEqualsItsCopy(Number.NaN)).toBe(false);
    expect(pyEqualsItsCopy({ a: [1, { b: Number.NaN }] })).toBe(false);
    let deep: JsonValue = [];
    for (let i = 0; i < PY_EQUALS_MAX_DEPTH; i++) deep = [deep];
    expect(pyEqualsItsCopy(deep)).toBe(false);
    const cycle: JsonValue[] = [];
    cycle.push(cycle);
    expect(pyEqualsItsCopy(cycle)).toBe(false);
  });
});

describe("CheckSessions", () => {
  it("the ground truth's own calls (in any step split) run once, on one session, with the same texts on both sides", () => {
    const { classes, made } = countingClasses();
    const s = new CheckSessions(entry([["cd('docs')"]]), classes);
    const r = s.runTurn([[call("cd", '{"folder": "docs"}')], [call("touch", '{"file_name": "x"}')]], [call("cd", '{"folder": "docs"}'), call("touch", '{"file_name": "x"}')]);
    expect(r).toEqual({ stepResults: [['{"current_working_directory": "docs"}'], ["None"]], expected: ['{"current_working_directory": "docs"}', "None"] });
    expect(s.stateMismatch()).toBeNull();
    expect(made()).toBe(1);
  });

  it("when the model departs, its session is made and replays the shared calls first", () => {
    const { classes, made } = countingClasses();
    const s = new CheckSessions(entry([["cd('docs')"], ["touch('x')"]]), classes);
    s.runTurn([[call("cd", '{"folder": "docs"}')]], [call("cd", '{"folder": "docs"}')]);
    const r = s.runTurn([[call("touch", '{"file_name": "y"}'), call("ls")]], [call("touch", '{"file_name": "x"}')]);
    expect(made()).toBe(2);
    // ls runs in docs: the model's session has replayed the shared cd
    expect(r.stepResults).toEqual([["None", '{"current_directory_content": ["y"]}']]);
    expect(s.stateMismatch()).toEqual({ className: "FakeFs", differences: { folders: { model: { root: [], docs: ["y"] }, ground_truth: { root: [], docs: ["x"] } } } });
  });

  it("the shared state is read again only for instances called since the last look", () => {
    let reads = 0;
    class CountingFs extends FakeFs {
      override publicState(): Record<string, JsonValue> {
        reads++;
        return super.publicState();
      }
    }
    const s = new CheckSessions(entry([["cd('docs')"], ["mean([1])"]]), { ...FAKE_CLASSES, FakeFs: () => new CountingFs() });
    s.runTurn([[call("cd", '{"folder": "docs"}')]], [call("cd", '{"folder": "docs"}')]);
    expect(s.stateMismatch()).toBeNull();
    expect(reads).toBe(1);
    s.runTurn([[call("mean", '{"numbers": [1]}')]], [call("mean", '{"numbers": [1]}')]);
    expect(s.stateMismatch()).toBeNull();
    expect(reads).toBe(1);
    s.runTurn([[call("touch", '{"file_name": "x"}')]], [call("touch", '{"file_name": "x"}')]);
    expect(s.stateMismatch()).toBeNull();
    expect(reads).toBe(2);
  });

  it("a port error on shared calls counts on both sides, as two sessions would count it", () => {
    const s = new CheckSessions(entry([["crash()"]]), FAKE_CLASSES);
    s.runTurn([[call("crash")]], [call("crash")]);
    expect(s.portErrors).toBe(2);
    s.runTurn([[call("ls")]], [call("crash")]);
    expect(s.portErrors).toBe(3); // the model: crash (replayed), ls; the truth: crash, crash
  });

  it("a NaN in the state fails the state check even when the model made the ground truth's calls (nan != nan)", () => {
    const nanMethods = (state: { values: JsonValue[] }): ReadonlyMap<string, ApiMethod> =>
      new Map<string, ApiMethod>([["spoil", { params: [], call: () => (state.values.push(Number.NaN), null) }]]);
    class Spoiler implements SimulatedApi {
      readonly className = "Spoiler";
      private readonly state = { values: [] as JsonValue[] };
      readonly methods = nanMethods(this.state);
      loadScenario(): void {}
      publicState(): Record<string, JsonValue> {
        return { values: this.state.values };
      }
    }
    const e = entry([["spoil()"]], ["Spoiler"]);
    const check = multiTurnChecker(e, [[[call("spoil")]]], { Spoiler: () => new Spoiler() });
    expect(check).toMatchObject({ valid: false, errorType: "multi_turn:instance_state_mismatch" });
  });
});

describe("ground-truth parses shared by the entries of one load", () => {
  /** A class whose method `f` takes one parameter named `param`. */
  const echoClass = (className: string, param: string) =>
    class implements SimulatedApi {
      readonly className = className;
      readonly methods = new Map<string, ApiMethod>([["f", { params: [{ name: param, hasDefault: false }], call: (a) => ({ [param]: a[param] ?? null }) }]]);
      loadScenario(): void {}
      publicState(): Record<string, JsonValue> {
        return {};
      }
    };
  const X = echoClass("X", "x");
  const Y = echoClass("Y", "y");
  const classes: ApiClasses = { X: () => new X(), Y: () => new Y() };

  it("a positional call binds by the signature its entry's class order picks, cache or not", () => {
    const shared: SharedGroundTruth = new WeakMap();
    // the later class wins the shared name f: f(1) is Y.f(y=1) in the first entry, X.f(x=1) in the second
    const xy = { ...entry([["f(1)"]], ["X", "Y"]), id: "multi_turn_base_1" };
    const yx = { ...entry([["f(1)"]], ["Y", "X"]), id: "multi_turn_base_2" };
    shareGroundTruthParses(xy, shared);
    shareGroundTruthParses(yx, shared);
    const v1 = scoreMultiTurnSample(xy, { id: xy.id, turns: [[[call("f", '{"y": 1}')]]] }, { apiClasses: classes });
    const v2 = scoreMultiTurnSample(yx, { id: yx.id, turns: [[[call("f", '{"x": 1}')]]] }, { apiClasses: classes });
    expect([v1.correct, v2.correct]).toEqual([true, true]);
  });
});
