import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseJson, pyJsonDumps } from "../json/index.js";
import { pyDumps, pyDumpsFloat } from "./pyDumps.js";
import { isFloatAt, pyFloatRepr, pyStr } from "../json/index.js";
import { pyStrOf } from "./slots.js";

describe("pyDumps equals core's pyJsonDumps", () => {
  it("on arbitrary JSON text, float marks included", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const v = parseJson(text);
        expect(pyDumps(v)).toBe(pyJsonDumps(v));
      }),
      { numRuns: 1000 },
    );
  });

  it("on tricky strings and numbers", () => {
    const v = parseJson('["caf\\u00e9 \\ud83d\\ude00 \\ud800", "\\u007f\\u0000\\u001f\\t", 1.0, 1e-05, 1e16, 1e300, 0.0001, 123456789012345678, -0.0, 2.5e-7]');
    expect(pyDumps(v)).toBe(pyJsonDumps(v));
  });

  it("prints floats like Python repr", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(pyDumpsFloat(x)).toBe(pyFloatRepr(x));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("pyStrOf equals core's pyStr", () => {
  it("on every slot of arbitrary JSON objects", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const v = parseJson(`{"k": ${text}}`) as Record<string, unknown>;
        expect(pyStrOf(v.k, isFloatAt(v, "k"))).toBe(pyStr(v.k, v, "k"));
      }),
      { numRuns: 500 },
    );
  });
});
