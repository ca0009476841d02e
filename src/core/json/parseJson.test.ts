import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mayHaveIntegralFloat, parseJson } from "./parseJson.js";
import { FLOAT_KEYS, isFloatAt } from "./floatMarks.js";
import { pyJsonDumps, pyStr } from "../python/index.js";

describe("parseJson keeps Python's int/float distinction", () => {
  it("marks integral floats only", () => {
    const v = parseJson('{"a": 5, "b": 5.0, "c": [1, 2.0, 1e3], "d": 2.5}') as Record<string, unknown>;
    expect(isFloatAt(v, "a")).toBe(false);
    expect(isFloatAt(v, "b")).toBe(true);
    expect(isFloatAt(v.c as object, 0)).toBe(false);
    expect(isFloatAt(v.c as object, 1)).toBe(true);
    expect(isFloatAt(v.c as object, 2)).toBe(true);
    expect(isFloatAt(v, "d")).toBe(true);
    expect(pyJsonDumps(v)).toBe('{"a": 5, "b": 5.0, "c": [1, 2.0, 1000.0], "d": 2.5}');
    expect(pyStr(v)).toBe("{'a': 5, 'b': 5.0, 'c': [1, 2.0, 1000.0], 'd': 2.5}");
  });

  it("marks the number slots only, never a container that ends with a float", () => {
    const v = parseJson('{"a": [1.0], "b": {"c": 2.0}, "d": 3.0, "e": "x"}') as Record<string, unknown>;
    const marks = (o: object) => [...((o as Record<symbol, Set<unknown>>)[FLOAT_KEYS] ?? [])];
    expect(marks(v)).toEqual(["d"]);
    expect(marks(v.a as object)).toEqual([0]);
    expect(marks(v.b as object)).toEqual(["c"]);
  });

  it("reports syntax errors with line and column", () => {
    expect(() => parseJson('{\n  "a": 1.0,\n  "b": }')).toThrow(/line 3, column 8/);
    expect(() => parseJson('[1, 2')).toThrow(/JSON|end of input|expected/);
  });

  it("refuses hostile nesting without overflowing the stack", () => {
    expect(() => parseJson("[".repeat(100_000) + "1.0" + "]".repeat(100_000))).toThrow(/nesting deeper/);
    expect(() => parseJson("[".repeat(100_000) + "]".repeat(100_000))).toThrow(/nesting deeper/);
  });

  it("allows exactly maxDepth levels, on the fast and the mark-keeping path", () => {
    const nest = (n: number, inner: string) => '{"k": '.repeat(n - 1) + `[${inner}]` + "}".repeat(n - 1);
    for (const inner of ["1", "1.0"]) {
      expect(() => parseJson(nest(512, inner))).not.toThrow();
      expect(() => parseJson(nest(513, inner))).toThrow(/nesting deeper/);
      expect(() => parseJson(nest(8, inner), { maxDepth: 8 })).not.toThrow();
      expect(() => parseJson(nest(9, inner), { maxDepth: 8 })).toThrow(/nesting deeper/);
    }
  });

  it("integralFloats: a known answer to mayHaveIntegralFloat picks the parser without testing", () => {
    const text = '{"a": 5.0, "b": [2.0, 3]}';
    expect(mayHaveIntegralFloat(text)).toBe(true);
    expect(mayHaveIntegralFloat('{"a": 5, "b": 2.5}')).toBe(false);
    const marked = parseJson(text, { integralFloats: true }) as Record<string, unknown>;
    expect(pyJsonDumps(marked)).toBe('{"a": 5.0, "b": [2.0, 3]}');
    // a wrong "no" goes to the fast parser and loses the marks (documented): proof the test was skipped
    expect(pyJsonDumps(parseJson(text, { integralFloats: false }))).toBe('{"a": 5, "b": [2, 3]}');
  });

  it("nestingChecked: the fast parser's result is not walked for depth again", () => {
    const deep = '{"k": '.repeat(600) + "[1]" + "}".repeat(600);
    expect(() => parseJson(deep)).toThrow(/nesting deeper/);
    expect(() => parseJson(deep, { nestingChecked: true })).not.toThrow();
    // the mark-keeping parser still counts (free there)
    expect(() => parseJson(deep.replace("[1]", "[1.0]"), { nestingChecked: true })).toThrow(/nesting deeper/);
  });

  it("a repeated key's last value counts, float mark included (as json.loads)", () => {
    expect(pyJsonDumps(parseJson('{"a": 1.0, "a": 2}'))).toBe('{"a": 2}');
    expect(pyJsonDumps(parseJson('{"a": 1, "a": 2.0}'))).toBe('{"a": 2.0}');
  });

  it("treats __proto__ as an ordinary key", () => {
    const v = parseJson('{"__proto__": {"x": 1.0}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("matches JSON.parse on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});
