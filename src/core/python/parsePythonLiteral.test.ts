import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OutputParseError } from "../errors.js";
import { isFloatAt, parseJson } from "../json/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyTree, pyTreeJson } from "../../../test/support/pyValues.js";
import { parsePythonLiteral, parsePythonValueAt } from "./parsePythonLiteral.js";
import { PyCall } from "./PyCall.js";
import { pyJsonDumps } from "./pyJsonDumps.js";

/** Every literal kind, with the awkward corners of each. */
const CORPUS = [
  `'single'`, `"double"`, `'it\\'s'`, `"say \\"hi\\""`, `'''triple
line'''`, `"""a "quoted" ""word"" """`, `r'raw\\d+\\''`, `R"C:\\path"`, `u'unicode'`, `b'bytes'`, `rb'\\x00'`,
  `'\\n\\t\\r\\a\\b\\f\\v\\0\\\\'`, `'\\x41\\101\\u00e9\\U0001F600'`, `'\\q unknown escape'`, `'line\\
continued'`, `'adj' "acent" '''strings'''`, `'caf\u00e9 \u{1F600}'`,
  `0`, `42`, `-7`, `+3`, `- 5`, `1_000_000`, `0x1F`, `0o17`, `0b101`, `00`, `-0`,
  `1.5`, `-2.5`, `1e-3`, `1E5`, `2.50e1`, `.5`, `5.`, `1_0.0_1`, `-0.0`, `5.0`, `1e300`, `0.1`,
  `True`, `False`, `None`,
  `[]`, `[1, 2.0, 'x']`, `[1,]`, `()`, `(1,)`, `(1, 2.0)`, `((1))`, `{}`, `{'a': 1, "b": [2, {'c': None}]}`,
  `{'k': 1, 'k': 2.0}`, `{1: 'int key', 2.5: 'float key', False: 'bool key', None: 'none key'}`, `{3, 1, 3}`,
  `[  # a comment
  1,  # another
  2 ]`,
  `{'nested': [[[[1.0]]]], 'tuple': ((1, 2), (3,)), 'set': {'a'}}`,
];

describe("parsePythonLiteral", () => {
  it.skipIf(!HAS_PYTHON)("matches CPython's ast.literal_eval on every literal kind", () => {
    const script =
      "import ast, json, sys\n" +
      "def conv(v):\n" +
      "  if isinstance(v, bytes): return v.decode('latin-1')\n" +
      "  if isinstance(v, (list, tuple)): return [conv(x) for x in v]\n" +
      "  if isinstance(v, (set, frozenset)): return sorted((conv(x) for x in v), key=repr)\n" +
      "  if isinstance(v, dict): return {k: conv(x) for k, x in v.items()}\n" +
      "  return v\n" +
      "for src in json.load(sys.stdin): print(json.dumps([conv(ast.literal_eval(src))]))\n";
    const lines = execFileSync("python3", ["-c", script], { input: JSON.stringify(CORPUS) }).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(CORPUS.length);
    CORPUS.forEach((src, i) => {
      // Wrapped in a list: float marks live on containers, so a bare `5.0` cannot carry one.
      const v = parsePythonLiteral(`[${src}]`) as unknown[];
      // Python sets are unordered; compare them sorted like the script does.
      if (src === "{3, 1, 3}") v[0] = [...(v[0] as number[])].sort();
      expect(pyJsonDumps(v), src).toBe(lines[i]);
    });
  });

  it("marks integral floats like parseJson does", () => {
    const v = parsePythonLiteral("{'a': 5, 'b': 5.0, 'c': [1, 2., 1e3, -0.0], 'd': (3.0,)}") as Record<string, unknown>;
    expect(isFloatAt(v, "a")).toBe(false);
    expect(isFloatAt(v, "b")).toBe(true);
    const c = v.c as unknown[];
    expect([0, 1, 2, 3].map((i) => isFloatAt(c, i))).toEqual([false, true, true, true]);
    expect(isFloatAt(v.d as unknown[], 0)).toBe(true);
    expect(pyJsonDumps(v)).toBe('{"a": 5, "b": 5.0, "c": [1, 2.0, 1000.0, -0.0], "d": [3.0]}');
  });

  it("accepts JSON's true/false/null as well (small models mix them)", () => {
    expect(parsePythonLiteral("[true, false, null]")).toEqual([true, false, null]);
  });

  it("keeps __proto__ as an ordinary key", () => {
    const v = parsePythonLiteral("{'__proto__': {'x': 1}}") as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  const errors: Array<[string, RegExp, number]> = [
    ["'abc", /unterminated string literal/, 0],
    ["['a\nb']", /newline in a single-quoted string/, 1],
    ["[1, 2", /unexpected end of input: expected ',' or '\]'/, 5],
    ["{'a' 1}", /expected ',' or '}'/, 5],
    ["{'a': }", /unexpected character "}"/, 6],
    ["[x]", /unexpected name "x"/, 1],
    ["f(a=1)", /call to f where a literal value is expected/, 0],
    ["f'{x}'", /f-strings are not supported/, 0],
    ["1j", /complex numbers/, 0],
    ["012", /leading zeros/, 0],
    ["1abc", /invalid number/, 0],
    ["'\\x4'", /truncated \\x escape/, 1],
    ["'\\N{DASH}'", /named unicode escapes/, 1],
    ["{[1]: 2}", /unhashable dict key/, 1],
    ["{2, [1]}", /unhashable type in a set/, 4],
    ["[1] 2", /unexpected text after the Python value/, 4],
    ["", /unexpected end of input/, 0],
  ];
  it.each(errors)("%j → OutputParseError %s at %i", (src, message, position) => {
    let err: unknown;
    try {
      parsePythonLiteral(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutputParseError);
    expect((err as OutputParseError).message).toMatch(message);
    expect((err as OutputParseError).position).toBe(position);
  });

  it("refuses deep nesting without overflowing the stack", () => {
    expect(() => parsePythonLiteral("[".repeat(100_000))).toThrow(/nesting deeper than 512/);
    expect(() => parsePythonLiteral("(".repeat(100_000))).toThrow(/nesting deeper than 512/);
    expect(() => parsePythonLiteral("-".repeat(100_000) + "1")).toThrow(/nesting deeper than 512/);
    // Nested one-item tuples parse each item once (a re-parse would take 2^depth steps).
    const deep = "(".repeat(500) + "1," + "),".repeat(499) + ")";
    expect(pyJsonDumps(parsePythonLiteral(deep))).toBe("[".repeat(500) + "1" + "]".repeat(500));
  });
});

describe("parsePythonValueAt with calls", () => {
  it("parses keyword calls with dotted names at the top level and in a top-level list", () => {
    const r = parsePythonValueAt("x [math.factorial(number=5), f()] y", 2, true);
    expect(r.end).toBe(33);
    const [a, b] = r.value as PyCall[];
    expect(a).toBeInstanceOf(PyCall);
    expect(a?.name).toBe("math.factorial");
    expect(a?.args).toEqual({ number: 5 });
    expect(b?.name).toBe("f");
    expect(b?.args).toEqual({});
  });

  it("rejects positional, repeated and starred arguments and nested calls", () => {
    expect(() => parsePythonValueAt("f(1)", 0, true)).toThrow(/positional argument in the call to f/);
    expect(() => parsePythonValueAt("f(a=1, a=2)", 0, true)).toThrow(/f got multiple values for argument a/);
    expect(() => parsePythonValueAt("f(**kw)", 0, true)).toThrow(/starred arguments/);
    expect(() => parsePythonValueAt("f(a=g(b=1))", 0, true)).toThrow(/call to g where a literal value is expected/);
    expect(() => parsePythonValueAt("[[f(a=1)]]", 0, true)).toThrow(/call to f where a literal value/);
  });

  it("names positional arguments when the function's parameters are known", () => {
    const params = (fn: string): readonly string[] | undefined => (fn === "post" ? ["content", "tags"] : undefined);
    const r = parsePythonValueAt("post('hi', tags=['#a'])", 0, true, undefined, params);
    expect((r.value as PyCall).args).toEqual({ content: "hi", tags: ["#a"] });
    expect(() => parsePythonValueAt("post('a', 'b', 'c')", 0, true, undefined, params)).toThrow(/post takes 2 positional arguments but more were given/);
    expect(() => parsePythonValueAt("post('a', content='b')", 0, true, undefined, params)).toThrow(/post got multiple values for argument content/);
    expect(() => parsePythonValueAt("post(tags=[], 'a')", 0, true, undefined, params)).toThrow(/positional argument follows keyword argument/);
    expect(() => parsePythonValueAt("other(1)", 0, true, undefined, params)).toThrow(/positional argument in the call to other/);
  });
});

/** Python literal source with the syntax CPython allows and repr() never writes. */
function pySource(): fc.Arbitrary<string> {
  const sp = fc.constantFrom("", " ", "  ", "\n ", " # note\n", "\\\n");
  const int = fc.oneof(
    fc.nat(1_000_000).map(String),
    fc.nat(10_000).map((n) => n.toLocaleString("en").replace(/,/g, "_")),
    fc.nat(0xffff).map((n) => `0x${n.toString(16)}`),
    fc.nat(0o777).map((n) => `0O${n.toString(8)}`),
    fc.nat(255).map((n) => `0b${n.toString(2)}`),
    fc.constantFrom("0", "00", "0_0"),
  );
  const float = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }).map((x) => String(x).replace("e+", "e")),
    fc.constantFrom("1.", ".5", "5.0", "1e3", "1E-3", "1_0.0_1", "0.0", "2e0", "1e309"),
  );
  const number = fc.tuple(fc.constantFrom("", "-", "+", "- "), fc.oneof(int, float)).map(([sign, n]) => sign + n);
  const escape = fc.constantFrom("\\n", "\\t", "\\\\", "\\'", '\\"', "\\x41", "\\101", "\\0", "\\u00e9", "\\U0001F600", "\\a", "\\q");
  const plain = fc.string({ unit: fc.constantFrom("a", "Z", " ", "é", "😀", "#", ",", "(", "]", "{", ":", "\u2028"), maxLength: 6 });
  const body = fc.array(fc.oneof(plain, escape), { maxLength: 4 }).map((parts) => parts.join(""));
  const str = fc.oneof(
    fc.tuple(fc.constantFrom("", "u", "U"), fc.constantFrom("'", '"', "'''", '"""'), body).map(([p, q, b]) => `${p}${q}${b}${q}`),
    // raw strings keep their backslashes; bytes are ASCII only
    fc.tuple(fc.constantFrom("r", "R", "rb", "Br"), fc.constantFrom("'", '"'), fc.stringMatching(/^(?:[a-z\\d .]|\\\\)*$/)).map(([p, q, b]) => `${p}${q}${b.replace(/\\+$/, "")}${q}`),
    fc.tuple(fc.constantFrom("'", '"'), fc.constantFrom("'", '"')).map(([a, b]) => `${a}x${a} ${b}y${b}`), // adjacent strings concatenate
  );
  const scalar = fc.oneof(number, str, fc.constantFrom("True", "False", "None"));
  // Dict keys that equal one another in Python (1.0 == True, 0.0 == False) must merge; positive
  // int keys are left out (JS objects order array-index keys first, a documented limit).
  const key = fc.oneof(str.filter((k) => !/^[rRbB]/.test(k)), fc.constantFrom("True", "False", "None", "1.0", "-1", "-1.0", "0.0", "-0.0", "1.5", "2e0"));
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      { weight: 4, arbitrary: scalar },
      { weight: 1, arbitrary: fc.tuple(fc.array(tie("value"), { maxLength: 4 }), fc.boolean(), sp).map(([xs, comma, w]) => `[${w}${xs.join(`,${w}`)}${comma && xs.length > 0 ? "," : ""}]`) },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }).map((xs) => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(", ")})`)) },
      { weight: 1, arbitrary: tie("value").map((x) => `( ${x} )`) },
      { weight: 1, arbitrary: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(", ")}}`) },
      // sets: one distinct element (1, 1.0 and True are one), so the order is CPython's too
      { weight: 1, arbitrary: fc.constantFrom("{1}", "{'a', 'a'}", "{1, 1.0, True}", "{0.0, False, -0}") },
    ),
  }));
  return value;
}

const CONV =
  "import ast, json, sys\n" +
  "def conv(v):\n" +
  "  if isinstance(v, bytes): return v.decode('latin-1')\n" +
  "  if isinstance(v, (list, tuple, set, frozenset)): return [conv(x) for x in v]\n" +
  "  if isinstance(v, dict): return {k: conv(x) for k, x in v.items()}\n" +
  "  return v\n";

describe.skipIf(!HAS_PYTHON)(cpythonTitle("parsePythonLiteral matches CPython's ast.literal_eval"), () => {
  it("reading back repr() of 500 generated JSON documents, float marks included", () => {
    const docs = fc.sample(pyTree(), { numRuns: 500, seed: 51 }).map((t) => `[${pyTreeJson(t)}]`);
    const reprs = cpythonEach("import json,sys\nfor line in sys.stdin: print(json.dumps(repr(json.loads(json.loads(line)))))", docs) as string[];
    docs.forEach((d, i) => {
      const back = parsePythonLiteral(reprs[i] as string);
      expect(pyJsonDumps(back), reprs[i]).toBe(pyJsonDumps(parseJson(d)));
    });
  });

  it("on 1000 generated sources (radix and underscore numbers, string prefixes and escapes, tuples, sets, comments, merging dict keys)", () => {
    const sources = fc.sample(pySource(), { numRuns: 1000, seed: 52 });
    const want = cpythonEach(
      CONV + "import warnings\nwarnings.simplefilter('ignore')\nfor line in sys.stdin: print(json.dumps(json.dumps([conv(ast.literal_eval(json.loads(line)))])))",
      sources,
    );
    sources.forEach((src, i) => expect(pyJsonDumps(parsePythonLiteral(`[${src}]`)), src).toBe(want[i]));
  });
});
