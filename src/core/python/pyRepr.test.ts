import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../json/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyString, pyTree, pyTreeJson } from "../../../test/support/pyValues.js";
import { pyFloatRepr } from "./pyFloatRepr.js";
import { pyRepr, pyReprAt, pyStr, pyStrOf, pyStrRepr } from "./pyRepr.js";

describe("pyFloatRepr", () => {
  const cases: Array<[number, string]> = [
    [1, "1.0"], [0.1, "0.1"], [1e-4, "0.0001"], [1e-5, "1e-05"], [1.5e-7, "1.5e-07"],
    [1e16, "1e+16"], [123456789012345.6, "123456789012345.6"], [1e15, "1000000000000000.0"],
    [-2.5, "-2.5"], [0, "0.0"], [-0, "-0.0"], [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"], [0.29, "0.29"], [40.7, "40.7"],
  ];
  it.each(cases)("%s → %s", (x, want) => expect(pyFloatRepr(x)).toBe(want));
});

describe("pyStrRepr", () => {
  it("picks quotes and escapes like CPython", () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pyStrRepr("a\u00a0\u0085\u200b\ud800😀\t")).toBe("'a\\xa0\\x85\\u200b\\ud800😀\\t'");
  });
});

describe("pyReprAt / pyStrOf", () => {
  it("read a float mark from the container, or take the kind from the caller", () => {
    const v = parseJson('{"a": 5.0, "b": 5, "c": [1.0]}') as Record<string, unknown>;
    expect(pyReprAt(v, "a")).toBe("5.0");
    expect(pyReprAt(v, "b")).toBe("5");
    expect(pyReprAt(v, "c")).toBe("[1.0]");
    expect(pyStrOf(5, true)).toBe("5.0");
    expect(pyStrOf(5, false)).toBe("5");
    expect(pyStrOf("x", true)).toBe("x");
    expect(pyStrOf([1.5, null], false)).toBe("[1.5, None]");
  });
});

describe.skipIf(!HAS_PYTHON)(cpythonTitle("repr() / str() match CPython"), () => {
  it("repr(float) for 2000 generated doubles", () => {
    const xs = fc.sample(
      fc.oneof(fc.double(), fc.double({ min: 1e-6, max: 1e17 }), fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 1000)),
      { numRuns: 2000, seed: 31 },
    );
    // String() is the shortest round-trip text, which Python's float() reads back exactly.
    const want = cpythonEach("import json,sys\nfor line in sys.stdin: print(json.dumps(repr(float(json.loads(line)))))", xs.map((x) => (Object.is(x, -0) ? "-0" : String(x))));
    xs.forEach((x, i) => expect(pyFloatRepr(x), String(x)).toBe(want[i]));
  });

  it("repr(str) for 1000 generated strings (controls, separators, format, surrogates, astral)", () => {
    const strings = fc.sample(pyString, { numRuns: 1000, seed: 32 });
    // CPython also says which characters its Unicode database (older than V8's) leaves unassigned.
    const want = cpythonEach(
      "import json,sys,unicodedata\nfor line in sys.stdin:\n  s = json.loads(line)\n  print(json.dumps([repr(s), ''.join('1' if unicodedata.category(c) == 'Cn' else '0' for c in s)]))",
      strings,
    ) as Array<[string, string]>;
    let compared = 0;
    strings.forEach((s, i) => {
      const [repr, unassigned] = want[i] as [string, string];
      const ours = Array.from(s, (c) => (/\p{Cn}/u.test(c) ? "1" : "0")).join("");
      if (ours !== unassigned) return; // a character assigned since CPython's Unicode version
      compared++;
      expect(pyStrRepr(s), JSON.stringify(s)).toBe(repr);
    });
    expect(compared).toBeGreaterThan(900);
  });

  it("repr() and str() of 500 generated JSON documents and of each item, float marks included", () => {
    // Wrapped in a list: a bare top-level number cannot carry a float mark (documented in parseJson).
    const docs = fc.sample(pyTree(), { numRuns: 500, seed: 33 }).map((t) => `[${pyTreeJson(t)}]`);
    const want = cpythonEach(
      "import json,sys,unicodedata\nfor line in sys.stdin:\n  v = json.loads(json.loads(line))\n  print(json.dumps([repr(v), str(v), repr(v[0]), str(v[0]), any(unicodedata.category(c) == 'Cn' for c in repr(v))]))",
      docs,
    ) as Array<[string, string, string, string, boolean]>;
    let compared = 0;
    docs.forEach((d, i) => {
      const [repr, str, repr0, str0, pyUnassigned] = want[i] as [string, string, string, string, boolean];
      const v = parseJson(d) as unknown[];
      if (pyUnassigned !== /\p{Cn}/u.test(pyRepr(v))) return; // Unicode versions differ on a character (see above)
      compared++;
      expect(pyRepr(v), d).toBe(repr);
      expect(pyStr(v), d).toBe(str);
      expect(pyReprAt(v, 0), d).toBe(repr0);
      expect(pyStr(v[0], v, 0), d).toBe(str0);
    });
    expect(compared).toBeGreaterThan(400);
  });
});
