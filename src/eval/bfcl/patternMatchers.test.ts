import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchJavaAddBlock, matchJavaHashMap, matchJsArray2d } from "./patternMatchers.js";
import { PY_DOT, PY_S, PY_W } from "../../core/python/index.js";
import { javaTypeConverter } from "./javaTypeConverter.js";
import { jsTypeConverter } from "./jsTypeConverter.js";
import { slotValue } from "./slot.js";

// BFCL's original regexes (Python semantics: `\s`, `\w`, `.`), run by a backtracking engine.
const ARRAY_2D = new RegExp(
  `\\[${PY_S}*\\[${PY_DOT}*?\\]${PY_S}*(,${PY_S}*\\[${PY_DOT}*?\\]${PY_S}*)*\\]|\\bnew${PY_S}+Array\\(${PY_S}*\\[${PY_DOT}*?\\]${PY_S}*(,${PY_S}*\\[${PY_DOT}*?\\]${PY_S}*)*\\)`,
  "uy",
);
const ADD_BLOCK = new RegExp(`new${PY_S}+ArrayList<${PY_W}*>\\(\\)${PY_S}*\\{\\{${PY_S}*([\\s\\S]+?)${PY_S}*\\}\\}`, "u");
const HASHMAP = new RegExp(`new${PY_S}+HashMap<[\\s\\S]*?>${PY_S}*\\(\\)${PY_S}*\\{${PY_S}*\\{?${PY_S}*([\\s\\S]*?)${PY_S}*\\}?${PY_S}*\\}`, "u");

/** Short strings over the characters that matter to each pattern. */
const textOf = (pieces: string[], maxLength = 14) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((xs) => xs.join(""));
/** Near-miss structured text: a well-formed skeleton with random pieces in between. */
const seq = (...parts: Array<fc.Arbitrary<string>>) => fc.tuple(...parts).map((xs) => xs.join(""));
const of = (...xs: string[]) => fc.constantFrom(...xs);
const noise = textOf(["[", "]", "{", "}", ",", " ", "\n", ")", "(", ">", "x"], 4);

describe("linear matchers agree with BFCL's regexes", () => {
  it("2-D array", () => {
    const elems = fc
      .tuple(fc.array(seq(of("[", " ["), of("1", "a, b", "", " ", "\n", "]", "x]"), of("]", "] ", "")), { minLength: 1, maxLength: 4 }), of(",", ", ", " ,"))
      .map(([xs, sep]) => xs.join(sep));
    const structured = seq(of("[", "new Array(", "new  Array(", "[ "), elems, noise, of("]", ")", " ]", "", "]x"));
    const random = seq(of("[", "new Array(", ""), textOf(["[", "]", ",", " ", "\n", "1", "a", ")", "[[", "],["]));
    fc.assert(
      fc.property(fc.oneof(structured, random), (s) => {
        ARRAY_2D.lastIndex = 0;
        const m = ARRAY_2D.exec(s);
        expect(matchJsArray2d(s)).toBe(m ? m[0] : null);
      }),
      { numRuns: 4000 },
    );
  });
  it("ArrayList add block", () => {
    const structured = seq(noise, of("new ArrayList<>() {{", "new ArrayList<T>(){{", "new  ArrayList<>()\n{{"), textOf([" ", "\n", "add(1);", "x", "}"], 5), of("}}", " }}", "}}}", " } }", ""), noise);
    const gen = fc.oneof(structured, textOf(["new ArrayList<>() {{", "new ArrayList<T>(){{", "}}", "}", "{", " ", "\n", "add(1);", "x"]));
    fc.assert(
      fc.property(gen, (s) => {
        const m = ADD_BLOCK.exec(s);
        expect(matchJavaAddBlock(s)).toBe(m ? (m[1] as string) : null);
      }),
      { numRuns: 4000 },
    );
  });
  it("HashMap", () => {
    const structured = seq(
      noise,
      of("new HashMap<", "new  HashMap<"),
      of("", "String, Object", "<>", ">x<", "> () {"),
      of(">", ">>"),
      of("()", " ()", "( )", ""),
      of(" {", "{", " x{"),
      of("{", " {", "", "{ "),
      textOf([" ", "\n", 'put("a", 1);', "x", "{"], 4),
      of("}", " }", "}}", " } }", ""),
      noise,
    );
    const gen = fc.oneof(structured, textOf(["new HashMap<", ">", "()", " ", "\n", "{", "}", 'put("a", 1);', "x", "<"]));
    fc.assert(
      fc.property(gen, (s) => {
        const m = HASHMAP.exec(s);
        expect(matchJavaHashMap(s)).toBe(m ? (m[1] as string) : null);
      }),
      { numRuns: 4000 },
    );
  });
});

describe("hostile converter input finishes (BFCL itself backtracks exponentially here)", () => {
  it("2-D array, add block, hash map and over-long values", () => {
    expect(slotValue(jsTypeConverter("[[" + "],[".repeat(3000), "array"))).toEqual(["["]); // the 1-D pattern then matches "[[]"
    // No `}}` / `}`: the add-block and map patterns fail and the "empty collection" ones match.
    expect(slotValue(javaTypeConverter("new ArrayList<>() {{" + " ".repeat(5000) + "x", "ArrayList"))).toEqual([]);
    expect(slotValue(javaTypeConverter("new HashMap<" + "> () {".repeat(1500), "HashMap"))).toEqual({});
    const long = "[" + "1, ".repeat(5000) + "1]";
    expect(slotValue(jsTypeConverter(long, "array"))).toBe(long); // over MAX_CONVERTIBLE_LENGTH: stays text
  });
});
