import { describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { javaTypeConverter } from "./javaTypeConverter.js";
import { jsTypeConverter } from "./jsTypeConverter.js";
import { pyTypeAt } from "../../core/python/index.js";
import { slotValue, type Slot } from "./slot.js";

// Expected values are what BFCL's Python converters return for the same input (checked with
// CPython against gorilla cd9429cc), including their quirks.

const v = (s: Slot): unknown => slotValue(s);
const t = (s: Slot): string => pyTypeAt(s.container, s.key);

describe("javaTypeConverter", () => {
  it("scalars", () => {
    expect(v(javaTypeConverter("123", "integer"))).toBe(123);
    expect(v(javaTypeConverter("-123", "integer"))).toBe(-123);
    expect(v(javaTypeConverter("123L", "long"))).toBe(123);
    expect(t(javaTypeConverter("3.14f", "float"))).toBe("float");
    expect(v(javaTypeConverter("3e3F", "float"))).toBe(3000);
    expect(t(javaTypeConverter("3e3F", "float"))).toBe("float");
    expect(v(javaTypeConverter("3.14e-2", "double"))).toBe(0.0314);
    expect(v(javaTypeConverter("true", "boolean"))).toBe(true);
    expect(v(javaTypeConverter("abc", "any"))).toBe("abc");
    expect(v(javaTypeConverter("12\n", "integer"))).toBe(12); // Python's `$` matches before a final newline
  });
  it("unrecognised text stays a string", () => {
    expect(v(javaTypeConverter("3.14", "float"))).toBe("3.14"); // float needs its f suffix
    expect(v(javaTypeConverter("1_000", "integer"))).toBe("1_000");
    expect(v(javaTypeConverter("maybe", "boolean"))).toBe("maybe");
    expect(v(javaTypeConverter("'c'", "char"))).toBe("'c'"); // BFCL's char regex never matches
  });
  it("collections", () => {
    expect(v(javaTypeConverter("new int[]{1, 2, 3}", "Array"))).toEqual([1, 2, 3]);
    expect(v(javaTypeConverter("new int[] { }", "Array"))).toEqual([]);
    expect(v(javaTypeConverter('new Object[]{1, "abc", true}', "Array"))).toEqual([1, "abc", true]);
    expect(v(javaTypeConverter("new long[]{1L, 2, 3L}", "Array", "long"))).toEqual([1, "2", 3]);
    expect(v(javaTypeConverter('new ArrayList<>(Arrays.asList("a", "b"))', "ArrayList"))).toEqual(["a", "b"]);
    expect(v(javaTypeConverter('new ArrayList<String>() {{ add("x"); add("y"); }}', "ArrayList", "String"))).toEqual(["x", "y"]);
    expect(v(javaTypeConverter("new ArrayList<>()", "ArrayList"))).toEqual([]);
    expect(v(javaTypeConverter('new HashMap<String, Object>() {{ put("a", 1.5); put("b", "v"); put("c", true); }}', "HashMap"))).toEqual({ a: 1.5, b: "v", c: true });
    expect(v(javaTypeConverter("new HashMap<>() {{ }}", "HashMap"))).toEqual({});
  });
  it("keeps float-ness of integral floats inside collections", () => {
    const s = javaTypeConverter("new ArrayList<Float>() {{ add(1.0f); add(2.0f); }}", "ArrayList", "float");
    const list = v(s) as unknown[];
    expect(list).toEqual([1, 2]);
    expect(isFloatAt(list, 0)).toBe(true);
  });
  it("types BFCL never implemented are typed errors", () => {
    expect(() => javaTypeConverter("x", "Set")).toThrow(/does not support/);
    expect(() => javaTypeConverter("x", "Unknown")).toThrow(/does not support/);
  });
});

describe("jsTypeConverter", () => {
  it("scalars", () => {
    expect(v(jsTypeConverter("10n", "Bigint"))).toBe(10);
    expect(v(jsTypeConverter("5\n", "integer"))).toBe(5);
    expect(v(jsTypeConverter("2.50", "float"))).toBe(2.5);
    expect(t(jsTypeConverter("2", "float"))).toBe("float");
    expect(v(jsTypeConverter("'x'", "String"))).toBe("x");
    expect(v(jsTypeConverter('x"', "String"))).toBe('x"');
    expect(v(jsTypeConverter("1e3", "float"))).toBe("1e3");
  });
  it("arrays, including the split-on-every-comma quirk", () => {
    expect(v(jsTypeConverter("[[1, 2], [3, 4]]", "array"))).toEqual([[1, 2], [3, 4]]);
    expect(v(jsTypeConverter('[1, "a", true]', "array"))).toEqual([1, "a", true]);
    expect(v(jsTypeConverter("new Array(1, 2)", "array"))).toEqual([1, 2]);
    expect(v(jsTypeConverter('["a, b", "c"]', "array", "String"))).toEqual(['"a', 'b"', "c"]);
  });
  it("objects stop at the first closing brace", () => {
    expect(v(jsTypeConverter("{a: 1, b: [1, 2], c: {d: 2}}", "dict"))).toEqual({ a: 1, b: [1, 2], c: "{d: 2" });
    expect(v(jsTypeConverter("{}", "dict"))).toEqual({});
    expect(v(jsTypeConverter("not a dict", "dict"))).toBe("not a dict");
  });
});
