import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../json/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyTree, pyTreeJson } from "../../../test/support/pyValues.js";
import { JSON_TYPE_OF_PY_NAME, PY_NAME_OF_JSON_TYPE, pyTypeAt, pyTypeOf } from "./pyTypeNames.js";

describe("Python type names", () => {
  it("type(x).__name__ reads float marks from the container", () => {
    const v = parseJson('{"i": 5, "f": 5.0, "g": 2.5, "s": "x", "b": true, "n": null, "l": [], "d": {}}') as Record<string, unknown>;
    expect(Object.keys(v).map((k) => pyTypeAt(v, k))).toEqual(["int", "float", "float", "str", "bool", "NoneType", "list", "dict"]);
    expect(pyTypeOf(5, true)).toBe("float");
    expect(pyTypeOf(5, false)).toBe("int");
  });

  it("the name tables agree with each other", () => {
    for (const [jsonType, name] of Object.entries(PY_NAME_OF_JSON_TYPE)) {
      expect(JSON_TYPE_OF_PY_NAME[name as keyof typeof JSON_TYPE_OF_PY_NAME]).toBe(jsonType);
    }
  });
});

describe.skipIf(!HAS_PYTHON)(cpythonTitle("type names match CPython"), () => {
  it("type(x).__name__ of every item of 300 generated lists", () => {
    const docs = fc.sample(fc.array(pyTree(), { maxLength: 6 }), { numRuns: 300, seed: 71 }).map((items) => `[${items.map(pyTreeJson).join(", ")}]`);
    const want = cpythonEach("import json,sys\nfor line in sys.stdin: print(json.dumps([type(x).__name__ for x in json.loads(json.loads(line))]))", docs);
    docs.forEach((d, i) => {
      const v = parseJson(d) as unknown[];
      expect(v.map((_, k) => pyTypeAt(v, k)), d).toEqual(want[i]);
    });
  });

  it("the builtin names are CPython's", () => {
    const names = Object.keys(JSON_TYPE_OF_PY_NAME).filter((n) => n !== "None");
    expect(cpythonEach("import json,sys,builtins\nfor line in sys.stdin:\n  n = json.loads(line)\n  print(json.dumps(n == 'NoneType' or isinstance(getattr(builtins, n, None), type)))", names)).toEqual(names.map(() => true));
  });
});
