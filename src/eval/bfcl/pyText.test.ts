import { describe, expect, it } from "vitest";
import { pyFloat, pyInt, pySlice, pyStrip, pyStripChars } from "./pyText.js";
import { pyEquals, pyContains } from "./pyValue.js";
import { standardizeString } from "./standardizeString.js";

describe("Python string semantics used by the converters", () => {
  it("int() and float()", () => {
    expect(pyInt(" 12\n")).toBe(12);
    expect(pyInt("1_000")).toBe(1000);
    expect(pyInt("-0")).toBe(0);
    expect(pyInt("1__0")).toBeUndefined();
    expect(pyInt("1.0")).toBeUndefined();
    expect(pyFloat("1e5")).toBe(100000);
    expect(pyFloat(".5")).toBe(0.5);
    expect(pyFloat("5.")).toBe(5);
    expect(pyFloat("-Infinity")).toBe(-Infinity);
    expect(pyFloat("nan")).toBeNaN();
    expect(pyFloat("1e")).toBeUndefined();
  });
  it("strip and slicing on code points", () => {
    expect(pyStrip("\u3000 x \x1c")).toBe("x");
    expect(pyStripChars(`'"x"'`, `'"`)).toBe("x");
    expect(pySlice('"😀"', 1, -1)).toBe("😀");
  });
  it("== and `in`", () => {
    expect(pyEquals(1, true)).toBe(true);
    expect(pyEquals(1, 1.0)).toBe(true);
    expect(pyEquals([1, { a: null }], [true, { a: null }])).toBe(true);
    expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEquals("1", 1)).toBe(false);
    expect(pyContains("abc", "")).toBe(true);
    expect(pyContains({ k: 1 }, "k")).toBe(true);
    expect(pyContains(5, "k")).toBeUndefined();
  });
  it("standardize_string", () => {
    expect(standardizeString("San Francisco, CA")).toBe("sanfranciscoca");
    expect(standardizeString("it's 2*3^2/1-0_0.")).toBe('it"s232100');
  });
});
