import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../test/support/python.js";
import { pyString } from "../../../test/support/pyValues.js";
import { pyFloat, pyInt } from "./pyInt.js";
import { pyCapitalize, pyReplace, pySlice, pyStrip, pyStripChars } from "./pyStrMethods.js";

describe("Python str methods and int()/float() of text", () => {
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

  it("capitalize() upper-cases the first character and lower-cases the rest", () => {
    expect(pyCapitalize("hELLO wORLD")).toBe("Hello world");
    expect(pyCapitalize("")).toBe("");
    expect(pyCapitalize("1abC")).toBe("1abc");
  });

  it("replace(), an empty old string included", () => {
    expect(pyReplace("take 10 or 100", "10", "12")).toBe("take 12 or 120");
    expect(pyReplace("aaa", "aa", "b")).toBe("ba");
    expect(pyReplace("a😀", "", "-")).toBe("-a-😀-");
    expect(pyReplace("", "", "-")).toBe("-");
  });
});

describe.skipIf(!HAS_PYTHON)(cpythonTitle("str methods and int()/float() match CPython"), () => {
  it("strip(), strip(chars), [a:b], replace() and capitalize() of 500 generated strings", () => {
    // capitalize() on ASCII and Latin-1 letters: CPython title-cases the first character, which
    // differs from upper-casing for a few letters (ǅ, ß, ligatures) not handled here.
    const ascii = fc.string({ unit: fc.constantFrom("a", "B", "é", "Ö", " ", "1", "x", "\t"), maxLength: 8 });
    const ws = fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\x0b", "\x1c", "\x85", "\xa0", "\u2000", "\u2028", "\u3000", "\u200b", "\ufeff"), maxLength: 3 });
    const cases = fc.sample(
      fc.record({
        s: fc.tuple(ws, pyString, ws).map(([a, b, c]) => a + b + c),
        chars: fc.string({ unit: fc.constantFrom("a", "'", '"', " ", "😀"), maxLength: 3 }),
        a: fc.integer({ min: -6, max: 6 }),
        b: fc.integer({ min: -6, max: 6 }),
        old: fc.string({ unit: fc.constantFrom("a", "b", "😀"), maxLength: 2 }),
        word: ascii,
      }),
      { numRuns: 500, seed: 61 },
    );
    const want = cpythonEach(
      "import json,sys\nfor line in sys.stdin:\n  c = json.loads(line)\n  s = c['s']\n" +
        "  print(json.dumps([s.strip(), s.strip(c['chars']), s[c['a']:c['b']], s.replace(c['old'], '<>'), c['word'].capitalize()]))",
      cases,
    );
    cases.forEach((c, i) => {
      const ours = [pyStrip(c.s), pyStripChars(c.s, c.chars), pySlice(c.s, c.a, c.b), pyReplace(c.s, c.old, "<>"), pyCapitalize(c.word)];
      expect(ours, JSON.stringify(c)).toEqual(want[i]);
    });
  });

  it("int() and float() of 500 generated number-like texts", () => {
    const digits = fc.string({ unit: fc.constantFrom("0", "1", "9", "_"), minLength: 1, maxLength: 6 });
    const texts = fc.sample(
      fc.oneof(
        fc.tuple(fc.constantFrom("", " ", "\t"), fc.constantFrom("", "+", "-"), digits, fc.constantFrom("", ".", "."), fc.constantFrom("", "5", "0_1"), fc.constantFrom("", "e3", "E-2", "e"), fc.constantFrom("", " ", "\n")).map((p) => p.join("")),
        fc.constantFrom("inf", "-Infinity", "NaN", "+nan", "infinity ", "in f", "1e5", ".5", "5.", "1__0", "0x10", "٣"),
      ),
      { numRuns: 500, seed: 62 },
    );
    const want = cpythonEach(
      "import json,sys,math\n" +
        "def attempt(f, t):\n  try:\n    v = f(t)\n    return 'nan' if isinstance(v, float) and math.isnan(v) else repr(v)\n  except ValueError:\n    return None\n" +
        "for line in sys.stdin:\n  t = json.loads(line)\n  print(json.dumps([attempt(int, t), attempt(float, t)]))",
      texts,
    ) as Array<[string | null, string | null]>;
    // Python also reads non-ASCII decimal digits ("٣"); pyInt/pyFloat do not (documented).
    const nonAscii = (t: string): boolean => /[^\x00-\x7f]/.test(t);
    const show = (v: number | undefined, float: boolean): string | null =>
      v === undefined ? null : Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : float ? (Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v)) : String(v);
    texts.forEach((t, i) => {
      if (nonAscii(t)) return;
      const [int, float] = want[i] as [string | null, string | null];
      expect(show(pyInt(t), false), JSON.stringify(t)).toBe(int);
      if (float === null || pyFloat(t) === undefined || !Number.isFinite(pyFloat(t) as number)) expect(show(pyFloat(t), true), JSON.stringify(t)).toBe(float);
      else expect(pyFloat(t), JSON.stringify(t)).toBe(Number(float));
    });
  });
});
