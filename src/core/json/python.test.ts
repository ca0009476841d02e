import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { mayHaveIntegralFloat, parseJson } from "./parseJson.js";
import { pyFloatRepr, pyJsonDumps, pyJsonKey, pyJsonString, pyJsonStringEmbedded, pyStr } from "./python.js";
import { FLOAT_KEYS, isFloatAt } from "./floatMarks.js";
import { HAS_PYTHON } from "../../../test/support/python.js";

describe("pyFloatRepr", () => {
  const cases: Array<[number, string]> = [
    [1, "1.0"], [0.1, "0.1"], [1e-4, "0.0001"], [1e-5, "1e-05"], [1.5e-7, "1.5e-07"],
    [1e16, "1e+16"], [123456789012345.6, "123456789012345.6"], [1e15, "1000000000000000.0"],
    [-2.5, "-2.5"], [0, "0.0"], [-0, "-0.0"], [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"], [0.29, "0.29"], [40.7, "40.7"],
  ];
  it.each(cases)("%s → %s", (x, want) => expect(pyFloatRepr(x)).toBe(want));
});

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

describe("pyStr / pyJsonDumps match CPython", () => {

  it.skipIf(!HAS_PYTHON)("on a corpus of tricky values", () => {
    const texts = [
      '{"k": null, "t": true, "s": "it\'s", "q": "say \\"hi\\"", "both": "\'\\"", "u": "caf\\u00e9 \\u2028 \\ud83d\\ude00"}',
      '[1, "a", 1.0, -0.0, 1e-05, 9007199254740991, 1e300, {"n": []}, [], {}]',
      '{"ctl": "\\u0000\\u001f\\u007f\\u0085\\t\\n", "nbsp": "a\\u00a0b", "emoji": "\\ud83d\\ude00"}',
    ];
    for (const text of texts) {
      const py = execFileSync(
        "python3",
        ["-c", "import json,sys; v=json.loads(sys.stdin.read()); print(json.dumps(v)); print(json.dumps(v, ensure_ascii=False)); print(json.dumps(v, indent=2)); print(str(v))"],
        { input: text },
      ).toString("utf8");
      const v = parseJson(text);
      const ours = [pyJsonDumps(v), pyJsonDumps(v, { ensureAscii: false }), pyJsonDumps(v, { indent: 2 }), pyStr(v)].join("\n") + "\n";
      expect(ours).toBe(py);
    }
  });
});

describe("pyJsonDumps on random JSON matches CPython", () => {

  it.skipIf(!HAS_PYTHON)("for 400 generated documents, float marks included, in both ensure_ascii modes", () => {
    // Wrapped in a list: a bare top-level number cannot carry a float mark (documented in parseJson).
    const docs = fc.sample(
      fc.oneof(fc.json(), fc
        .array(fc.double({ noNaN: true, noDefaultInfinity: true }))
        // integral doubles written as floats ("3.0") exercise the float marks
        .map((a) => `[${a.map((x) => (Number.isInteger(x) && Math.abs(x) < 1e15 ? x.toFixed(1) : JSON.stringify(x))).join(", ")}]`)),
      { numRuns: 400, seed: 7 },
    ).map((d) => `[${d}]`);
    const py = execFileSync(
      "python3",
      ["-c", "import json,sys\nfor line in sys.stdin:\n  v=json.loads(json.loads(line))\n  print(json.dumps(json.dumps(v)), json.dumps(json.dumps(v, ensure_ascii=False)))"],
      { input: docs.map((d) => JSON.stringify(d)).join("\n") + "\n", maxBuffer: 64 << 20 },
    )
      .toString("utf8")
      .trimEnd()
      .split("\n");
    docs.forEach((d, i) => {
      const v = parseJson(d);
      expect(JSON.stringify(pyJsonDumps(v)) + " " + JSON.stringify(pyJsonDumps(v, { ensureAscii: false }))).toBe(py[i]);
    });
  });
});

describe("pyJsonDumps embedded", () => {
  const body = (s: string) => JSON.stringify(s).slice(1, -1);
  it("equals escaping the plain text as a JSON string body, in every layout", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        fc.option(fc.tuple(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })), { nil: undefined }),
        (v, ensureAscii, indent, separators) => {
          const plain = pyJsonDumps(v, { ensureAscii, indent, separators });
          expect(pyJsonDumps(v, { ensureAscii, indent, separators, embedded: true })).toBe(body(plain));
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it("escapes quotes, backslashes, control and non-ASCII characters twice", () => {
    const v = parseJson('{"q\\"k": ["a\\\\b", "tab\\there", "é", 5.0, null, true]}');
    expect(pyJsonDumps(v, { embedded: true })).toBe(body(pyJsonDumps(v)));
    expect(pyJsonDumps(v, { embedded: true })).toContain('\\"q\\\\\\"k\\": ');
    expect(pyJsonDumps(v, { embedded: true })).toContain("5.0");
  });
});

describe("pyJsonKey (cached key quoting)", () => {
  it("keeps the compact and embedded forms apart and stays right past the cache's bound", () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        const k = `k"${i}é`;
        expect(pyJsonKey(k, false)).toBe(pyJsonString(k));
        expect(pyJsonKey(k, true)).toBe(pyJsonStringEmbedded(k));
      }
    }
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}\\`, i]));
    expect(pyJsonDumps(wide)).toBe(`{${Object.keys(wide).map((k, i) => `${pyJsonString(k)}: ${i}`).join(", ")}}`);
  });
});
