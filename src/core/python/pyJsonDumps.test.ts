import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../json/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyTree, pyTreeJson } from "../../../test/support/pyValues.js";
import { pyJsonConstant, pyJsonDictKey, pyJsonDumps, pyJsonKey, pyJsonString, pyJsonStringEmbedded, type PyJsonDumpsOptions } from "./pyJsonDumps.js";
import { pyStr } from "./pyRepr.js";

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

describe.skipIf(!HAS_PYTHON)(cpythonTitle("json.dumps options match CPython"), () => {
  it("for 600 generated documents with random ensure_ascii, indent and separators", () => {
    // JSON.stringify (which wrote the docs) escapes exactly the lone surrogates.
    const LONE_SURROGATE = /\\ud[89a-f][0-9a-f]{2}/i;
    const cases = fc.sample(
      fc.record({
        doc: pyTree().map((t) => `[${pyTreeJson(t)}]`),
        ensureAscii: fc.boolean(),
        indent: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        separators: fc.option(fc.tuple(fc.constantFrom(",", ", ", " ,", ";"), fc.constantFrom(":", ": ", " = ")), { nil: undefined }),
      }),
      { numRuns: 600, seed: 41 },
    )
      // Without ensure_ascii CPython writes a lone surrogate raw and JS escapes it: a documented difference.
      .filter((c) => c.ensureAscii || !LONE_SURROGATE.test(c.doc));
    const want = cpythonEach(
      "import json,sys\nfor line in sys.stdin:\n  c = json.loads(line)\n  kw = {k: v for k, v in (('ensure_ascii', c['ensureAscii']), ('indent', c.get('indent')), ('separators', c.get('separators'))) if v is not None}\n  print(json.dumps(json.dumps(json.loads(c['doc']), **kw)))",
      cases,
    );
    expect(cases.length).toBeGreaterThan(400);
    cases.forEach((c, i) => {
      const options: PyJsonDumpsOptions = { ensureAscii: c.ensureAscii, indent: c.indent, separators: c.separators };
      expect(pyJsonDumps(parseJson(c.doc), options), JSON.stringify(c)).toBe(want[i]);
    });
  });

  it("pyJsonDictKey: the keys json.dumps writes for non-str dict keys", () => {
    const keys: Array<[string, unknown, boolean]> = [["1", 1, false], ["True", true, false], ["None", null, false], ["2.0", 2, true], ["2.5", 2.5, false], ["1e+100", 1e100, true], ["-0.0", -0, true], ["'s'", "s", false]];
    const want = cpythonEach("import json,sys\nfor line in sys.stdin: print(json.dumps(json.dumps({eval(json.loads(line)): 0})))", keys.map(([src]) => src));
    keys.forEach(([src, key, float], i) => expect(`{${JSON.stringify(pyJsonDictKey(key, float))}: 0}`, src).toBe(want[i]));
    expect(pyJsonDictKey([1], false)).toBeUndefined();
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

describe("pyJsonConstant", () => {
  it("a dump holding the constant gives the text it gives without the constant registered, in every style", () => {
    const text = '[1.0, 2.5, {"a": [3.0, "\\u00e9"]}]';
    const plain = parseJson(text) as unknown[];
    const constant = pyJsonConstant(parseJson(text) as unknown[]);
    for (const options of [{}, { indent: 2 }, { embedded: true }, { ensureAscii: false }] as PyJsonDumpsOptions[]) {
      expect(pyJsonDumps({ x: constant, y: 1 }, options)).toBe(pyJsonDumps({ x: plain, y: 1 }, options));
    }
    expect(pyJsonDumps({ x: constant })).toBe(`{"x": ${text}}`);
  });

  it("freezes the value deeply, so the kept text cannot go stale", () => {
    const constant = pyJsonConstant({ list: [1, 2], inner: { k: "v" } });
    expect(() => (constant.list as number[]).push(3)).toThrow(TypeError);
    expect(() => {
      (constant.inner as Record<string, string>).k = "w";
    }).toThrow(TypeError);
  });
});
