import { describe, expect, it } from "vitest";
import { parseJson, type JsonValue } from "../../../src/core/json/index.js";
import { ApiSession } from "../../../src/eval/multiturn/execution/ApiSession.js";
import { callString } from "../../../src/eval/multiturn/execution/callString.js";
import { parseGroundTruthCall } from "../../../src/eval/multiturn/execution/parseGroundTruthCall.js";
import { isLongContextId } from "../../../src/eval/multiturn/types.js";
import { FAKE_CLASSES } from "../../support/fakeApis.js";

const entry = (id = "multi_turn_base_0") => ({ id, initialConfig: { FakeFs: { folders: { root: ["a.txt"], docs: [] } } }, involvedClasses: ["FakeFs", "FakeMath"] });
const args = (json: string) => parseJson(json) as Record<string, JsonValue>;

describe("ApiSession: the official runner's execution", () => {
  it("runs calls on the entry's instances, with state kept between calls", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    expect(s.execute({ name: "cd", arguments: { folder: "docs" } })).toBe('{"current_working_directory": "docs"}');
    expect(s.execute({ name: "touch", arguments: { file_name: "b" } })).toBe("None");
    expect(s.execute({ name: "ls", arguments: {} })).toBe('{"current_directory_content": ["b"]}');
    expect(s.publicStates().get("FakeFs")).toMatchObject({ cwd: "docs", folders: { root: ["a.txt"], docs: ["b"] }, long_context: false });
    // Each session loads its own deep copy of the config.
    expect(new ApiSession(entry(), FAKE_CLASSES).publicStates().get("FakeFs")).toMatchObject({ cwd: "root", folders: { docs: [] } });
  });

  it("turns results into text as Python does: str as is, dict json.dumps, other str(); floats keep their spelling", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    expect(s.execute({ name: "count", arguments: {} })).toBe("1");
    expect(s.execute({ name: "names", arguments: {} })).toBe("['a.txt']");
    expect(s.execute({ name: "mean", arguments: args('{"numbers": [40, 50]}') })).toBe('{"result": 45.0}');
    expect(s.execute({ name: "add", arguments: args('{"a": 30.0, "b": 1}') })).toBe('{"result": 31.0, "precision": "default"}');
    expect(s.execute({ name: "add", arguments: args('{"a": 30, "b": 1}') })).toBe('{"result": 31, "precision": "default"}');
    expect(s.execute({ name: "ls", arguments: { a: true } })).toBe('{"current_directory_content": [".", "a.txt"]}');
    expect(s.execute({ name: "opaque", arguments: {} })).toBe("{'node': <Folder root>}");
  });

  it("None is passed for a defaulted parameter (Python gives None, not the default)", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    expect(s.execute({ name: "add", arguments: { a: 1, b: 2, precision: null } })).toBe('{"result": 3, "precision": null}');
  });

  it("errors read as the runner writes them: exceptions, binding TypeErrors, unknown and refused names", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    expect(s.execute({ name: "mkdir", arguments: { dir_name: "docs" } })).toBe("Error during execution: mkdir: docs: exists");
    expect(s.execute({ name: "cd", arguments: { path: "x" } })).toBe("Error during execution: FakeFs.cd() got an unexpected keyword argument 'path'");
    expect(s.execute({ name: "cd", arguments: {} })).toBe("Error during execution: FakeFs.cd() missing 1 required positional argument: 'folder'");
    expect(s.execute({ name: "add", arguments: {} })).toBe("Error during execution: FakeMath.add() missing 2 required positional arguments: 'a' and 'b'");
    expect(s.execute({ name: "rmdir", arguments: { dir_name: "x" } })).toBe("Error during execution: name 'rmdir' is not defined");
    expect(s.execute({ name: "os.cd", arguments: {} })).toBe("Error during execution: name 'os' is not defined");
    expect(s.execute({ name: "cd now", arguments: {} })).toBe("Error during execution: invalid syntax (<string>, line 1)");
    for (const name of ["kill", "exit", "quit", "remove", "unlink", "popen", "Popen", "run", "os.kill"]) {
      const refused = name.includes(".") ? name.split(".")[1] : name;
      expect(s.execute({ name, arguments: {} })).toBe(`Error during execution: Function call ${refused} is not allowed.`);
    }
    expect(s.portErrors).toBe(0);
    expect(s.execute({ name: "crash", arguments: {} })).toBe("Error during execution: a port bug");
    expect(s.portErrors).toBe(1);
  });

  it("a port gets its own copy of the arguments (Python evaluates fresh literals per call)", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    const call = { name: "mean", arguments: args('{"numbers": [1, 2]}') };
    s.execute(call);
    expect(call.arguments).toEqual({ numbers: [1, 2] });
  });

  it("an unknown class is an error naming it", () => {
    expect(() => new ApiSession({ ...entry(), involvedClasses: ["GhostAPI"] }, FAKE_CLASSES)).toThrow(/no simulated API for class GhostAPI/);
  });

  it("decides long context from the id's category part", () => {
    expect(isLongContextId("multi_turn_long_context_3")).toBe(true);
    expect(isLongContextId("multi_turn_base_3")).toBe(false);
    expect(new ApiSession(entry("multi_turn_long_context_3"), FAKE_CLASSES).publicStates().get("FakeFs")?.long_context).toBe(true);
  });
});

describe("call strings", () => {
  it("binds positional ground-truth arguments by the signature", () => {
    const s = new ApiSession(entry(), FAKE_CLASSES);
    const call = parseGroundTruthCall("add(2, b=3.0)", (n) => s.paramNames(n), "x");
    expect(call.name).toBe("add");
    expect(s.execute(call)).toBe('{"result": 5.0, "precision": "default"}');
    expect(() => parseGroundTruthCall("add(1, 2) + 1", (n) => s.paramNames(n), "multi_turn_base_0/ground_truth/0/0")).toThrow(/multi_turn_base_0\/ground_truth\/0\/0: .*not one call/);
    expect(() => parseGroundTruthCall("add(x=", (n) => s.paramNames(n), "w")).toThrow(/does not parse/);
  });

  it("writes BFCL's convert_to_function_call form", () => {
    expect(callString({ name: "mean", arguments: args('{"numbers": [1, 2.0], "label": "it\'s", "flag": true, "none": null}') })).toBe(`mean(numbers=[1, 2.0],label="it's",flag=True,none=None)`);
  });
});
