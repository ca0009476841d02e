import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { pyEquals } from "./pyEquals.js";
import { HAS_PYTHON } from "../../../test/support/python.js";

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
    expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(pyEquals([1], { 0: 1 })).toBe(false);
  });

  it("does not overflow on deep nesting", () => {
    let a: unknown = 1;
    let b: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      a = [a];
      b = [b];
    }
    expect(pyEquals(a, b)).toBe(true);
  });

  it.skipIf(!HAS_PYTHON)("agrees with CPython on a corpus", () => {
    const values = [0, 1, 2, 1.5, -1, true, false, null, "", "1", "True", [], [1], [true], {}, { a: 1 }, { a: true }];
    const pairs = values.flatMap((a) => values.map((b) => [a, b]));
    const want = JSON.parse(
      execFileSync("python3", ["-c", "import json,sys; print(json.dumps([a == b for a, b in json.loads(sys.stdin.read())]))"], {
        input: JSON.stringify(pairs),
      }).toString(),
    ) as boolean[];
    expect(pairs.map(([a, b]) => pyEquals(a, b))).toEqual(want);
  });
});
