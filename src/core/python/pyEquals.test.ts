import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson } from "../json/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyTree, pyTreeJson, pyTwin, smallKey, smallLeaf } from "../../../test/support/pyValues.js";
import { pyContains, pyIndexable, pyLen } from "./pyContains.js";
import { PY_EQUALS_MAX_DEPTH, pyEquals, pyHashKey, pyInList } from "./pyEquals.js";

describe("pyEquals (Python ==)", () => {
  it("follows Python's numeric tower and container rules", () => {
    expect(pyEquals(1, true)).toBe(true);
    expect(pyEquals(0, false)).toBe(true);
    expect(pyEquals(1, 1.0)).toBe(true);
    expect(pyEquals(2, true)).toBe(false);
    expect(pyEquals("1", 1)).toBe(false);
    expect(pyEquals("True", true)).toBe(false);
    expect(pyEquals(null, null)).toBe(true);
    expect(pyEquals(null, 0)).toBe(false);
    expect(pyEquals([1, { a: true }], [true, { a: 1 }])).toBe(true);
    expect(pyEquals([1, { a: null }], [true, { a: null }])).toBe(true);
    expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(pyEquals([1], { 0: 1 })).toBe(false);
    expect(pyEquals(NaN, NaN)).toBe(false);
  });

  it("compares up to PY_EQUALS_MAX_DEPTH levels and fails closed past them, without overflowing", () => {
    const nest = (n: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    expect(pyEquals(nest(PY_EQUALS_MAX_DEPTH), nest(PY_EQUALS_MAX_DEPTH))).toBe(true);
    expect(pyEquals(nest(PY_EQUALS_MAX_DEPTH + 1), nest(PY_EQUALS_MAX_DEPTH + 1))).toBe(false);
    expect(pyEquals(nest(100_000), nest(100_000))).toBe(false);
    // the same object is equal to itself at any depth (CPython's identity shortcut)
    const deep = nest(100_000);
    expect(pyEquals(deep, deep)).toBe(true);
  });

  it("ends on cyclic values (CPython raises RecursionError): not equal", () => {
    const a: unknown[] = [];
    a.push(a);
    const b: unknown[] = [];
    b.push(b);
    expect(pyEquals(a, b)).toBe(false);
    const o: Record<string, unknown> = {};
    o.self = { up: o };
    const p: Record<string, unknown> = {};
    p.self = { up: p };
    expect(pyEquals(o, p)).toBe(false);
  });

  it("pyHashKey: one key for values == makes one dict key or set member", () => {
    expect(new Set([1, 1.0, true].map(pyHashKey)).size).toBe(1);
    expect(new Set([0, -0, false].map(pyHashKey)).size).toBe(1);
    expect(pyHashKey("1")).not.toBe(pyHashKey(1));
    expect(pyHashKey(null)).not.toBe(pyHashKey("None"));
    expect(pyHashKey([1])).toBeUndefined();
    expect(pyHashKey({})).toBeUndefined();
  });

  it("`in` for lists, dicts and strs; len(); indexing", () => {
    expect(pyInList(1.0, ["1", true])).toBe(true);
    expect(pyInList(2, [true, "2"])).toBe(false);
    expect(pyContains("abc", "")).toBe(true);
    expect(pyContains("abc", 1)).toBeUndefined();
    expect(pyContains({ k: 1 }, "k")).toBe(true);
    expect(pyContains({ k: 1 }, 1)).toBe(false);
    expect(pyContains([[1.0]], [true])).toBe(true);
    expect(pyContains(5, "k")).toBeUndefined();
    expect(pyLen("a😀")).toBe(2);
    expect(pyLen({ a: 1, b: 2 })).toBe(2);
    expect(pyLen(3)).toBeUndefined();
    expect(pyIndexable("a😀")).toEqual(["a", "😀"]);
    expect(pyIndexable({})).toEqual([]);
    expect(pyIndexable({ a: 1 })).toBeUndefined();
  });
});

describe.skipIf(!HAS_PYTHON)(cpythonTitle("pyEquals agrees with CPython"), () => {
  it("on a corpus of every pair", () => {
    const values = [0, 1, 2, 1.5, -1, true, false, null, "", "1", "True", [], [1], [true], {}, { a: 1 }, { a: true }];
    const pairs = values.flatMap((a) => values.map((b) => [a, b]));
    const want = JSON.parse(
      execFileSync("python3", ["-c", "import json,sys; print(json.dumps([a == b for a, b in json.loads(sys.stdin.read())]))"], {
        input: JSON.stringify(pairs),
      }).toString(),
    ) as boolean[];
    expect(pairs.map(([a, b]) => pyEquals(a, b))).toEqual(want);
  });

  it("on 1000 generated pairs of JSON values (ints, floats, bools, reordered keys), in one CPython process", () => {
    const tree = pyTree(smallLeaf, smallKey, 3);
    const pair = fc.oneof(fc.tuple(tree, tree), tree.chain((a) => fc.tuple(fc.constant(a), pyTwin(a))));
    const pairs = fc.sample(pair, { numRuns: 1000, seed: 20250311 }).map(([a, b]) => [pyTreeJson(a), pyTreeJson(b)]);
    const want = cpythonEach("import json,sys\nfor line in sys.stdin:\n  a, b = json.loads(line)\n  print(json.dumps(json.loads(a) == json.loads(b)))", pairs);
    const got = pairs.map(([a, b]) => pyEquals(parseJson(a as string), parseJson(b as string)));
    // the generator must reach both answers, or the check says little
    expect(want.filter((x) => x === true).length).toBeGreaterThan(200);
    expect(want.filter((x) => x === false).length).toBeGreaterThan(200);
    pairs.forEach((p, i) => expect(got[i], JSON.stringify(p)).toBe(want[i]));
  });
});
