import { describe, expect, it } from "vitest";
import { countsUp, findLoopExit, inventsValues, LOOP_RULES, repeatsBlock, stringLoops } from "./findLoopExit.js";
import { Grounding } from "./Grounding.js";
import { JsonCursor } from "./JsonCursor.js";
import { LoopSteer } from "./LoopSteer.js";

const exitAfter = (text: string): string | null => {
  const cursor = new JsonCursor();
  cursor.push(text);
  return findLoopExit(cursor);
};

describe("JsonCursor", () => {
  it("tracks open values and finished array elements, across deltas of any size", () => {
    const text = '```\n[{"name": "f", "arguments": {"models": ["a", "b\\"]", [1, 2], {"k": "}"}, "c';
    for (const step of [1, 3, text.length]) {
      const cursor = new JsonCursor();
      for (let i = 0; i < text.length; i += step) cursor.push(text.slice(i, i + step));
      expect(cursor.frames.map((f) => f.kind)).toEqual(["array", "object", "object", "array", "string"]);
      const models = cursor.frames[3] as { elements: string[] };
      expect(models.elements).toEqual(['"a"', '"b\\"]"', "[1, 2]", '{"k": "}"}']);
    }
  });

  it("starts over after the outermost value closes, and ignores text outside JSON", () => {
    const cursor = new JsonCursor();
    cursor.push('<tool_call>\n{"a": [1]}\n</tool_call>\n<tool_call>\n{"b": ["x", ');
    expect(cursor.text).toBe('{"b": ["x", ');
    expect(cursor.frames.map((f) => f.kind)).toEqual(["object", "array"]);
  });
});

describe("findLoopExit", () => {
  it("closes an array whose last elements repeat one element three times", () => {
    const head = '[{"name": "f", "arguments": {"models": ["MT10", "MT20", "MT30", "MT30"';
    expect(exitAfter(head)).toBeNull();
    expect(exitAfter(`${head}, "MT30"`)).toBe("]");
    // Inside the third copy, once it is complete: close the string, then the array.
    expect(exitAfter(`${head}, "MT3`)).toBeNull();
    expect(exitAfter(`${head}, "MT30`)).toBe('"]');
    // A token that wrote the separator already: the next element is forced, no exit yet.
    expect(exitAfter(`${head}, "MT30", `)).toBeNull();
  });

  it("closes repeating blocks of up to four elements, and nested element values", () => {
    expect(exitAfter('{"a": [1, 2, 1, 2')).toBe("]");
    expect(exitAfter('{"a": [1, 2, 1')).toBeNull();
    expect(exitAfter('{"a": [{"x": "y"}, {"x": "y"}, {"x": "y')).toBe('"}]');
    expect(exitAfter('{"a": [[1], [1], [1')).toBe("]]");
  });

  it("leaves legitimate duplicates alone", () => {
    expect(exitAfter('{"a": [5, 5, 7, 7')).toBeNull();
    expect(exitAfter('{"a": ["x", "x"')).toBeNull();
  });

  it("closes a string whose content repeats a unit", () => {
    expect(exitAfter('{"a": "./15./15./15./15')).toBe('"');
    expect(exitAfter('{"a": "./15./15./1')).toBeNull();
    expect(exitAfter('{"a": "1,000,000,000')).toBeNull();
    expect(exitAfter('{"a": "2024-01-01T00:00:00')).toBeNull();
    expect(exitAfter(`{"a": "${"the cat sat on the mat and ".repeat(2)}`)).toBe('"');
    // An escape still open cannot be closed.
    expect(exitAfter('{"a": "\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\')).toBeNull();
  });
});

describe("repeatsBlock and stringLoops", () => {
  it("count copies as LOOP_RULES says", () => {
    expect(repeatsBlock(["a", "a", "a"])).toBe(true);
    expect(repeatsBlock(["b", "a", "a"])).toBe(false);
    expect(repeatsBlock(["a", "b", "c", "a", "b", "c"])).toBe(true);
    expect(repeatsBlock(["a", "b", "c", "d", "a", "b", "c", "d"])).toBe(true);
    expect(stringLoops("aaaaaaaaaaaaaaa")).toBe(false);
    expect(stringLoops("aaaaaaaaaaaaaaaa")).toBe(true);
    expect(stringLoops("hello, world")).toBe(false);
  });
});

describe("LoopSteer", () => {
  it("asks for an exit only while a loop is seen, and counts the steered steps", () => {
    const steer = new LoopSteer();
    steer.push('[{"name": "f", "arguments": {"v": [1, 1, ');
    expect(steer.exit()).toBeNull();
    steer.push("1");
    expect(steer.exit()).toBe("]");
    expect(steer.exit()).toBe("]");
    steer.push("]}}]");
    expect(steer.exit()).toBeNull();
    expect(steer.steered).toBe(1);
  });
});

describe("the list of calls", () => {
  it("closes after a second identical call when the outermost array is the call list", () => {
    const call = '{"name": "f", "arguments": {"m": ["MT30", "MT30"]}}';
    const text = `[${call}, ${call.slice(0, -1)}`;
    const cursor = new JsonCursor();
    cursor.push(text);
    expect(findLoopExit(cursor, true)).toBe("}]");
    expect(findLoopExit(cursor, false)).toBeNull();
    const steer = new LoopSteer({ callList: true });
    steer.push(text);
    expect(steer.exit()).toBe("}]");
  });
});

describe("counting", () => {
  const list = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `"target_type_${from + i}"`).join(", ");
  it("closes an array that counts up in one number for LOOP_RULES.minCounting elements", () => {
    expect(exitAfter(`{"t": [${list(15)}`)).toBeNull();
    expect(exitAfter(`{"t": [${list(15)}, "target_type_16`)).toBe('"]');
    expect(exitAfter(`{"t": [${list(16)}`)).toBe("]");
    expect(exitAfter(`{"n": [${Array.from({ length: 16 }, (_, i) => 3 * i).join(", ")}`)).toBe("]");
  });

  it("leaves short counts, uneven steps and lists that differ elsewhere alone", () => {
    expect(countsUp(Array.from({ length: 10 }, (_, i) => String(i + 1)))).toBe(false);
    expect(countsUp(Array.from({ length: 16 }, (_, i) => String(i * i)))).toBe(false);
    expect(countsUp(Array.from({ length: 16 }, (_, i) => `"a${i}b${i}"`))).toBe(false);
    expect(countsUp(Array.from({ length: 16 }, () => '"same"'))).toBe(false);
    expect(countsUp(Array.from({ length: 16 }, (_, i) => `"${i % 2 ? "x" : "y"}${i}"`))).toBe(false);
  });
});

describe("a token that finishes an element and writes the separator", () => {
  it("near the end of a long copy, the rest of the copy and ] are the exit", () => {
    const q = '"Are there any special accounts for savers?"';
    const head = `{"faq": ["a", ${q}, ${q}, `;
    // One token may write `?",`: steer while the copy still lacks its last characters.
    expect(exitAfter(`${head}"Are there any special accounts for savers`)).toBe('?"]');
    expect(exitAfter(`${head}"Are there any special accounts for sa`)).toBeNull();
    // Short elements only close on an exact copy ([10, 10, 12] stays possible).
    expect(exitAfter('{"n": [10, 10, 1')).toBeNull();
    expect(exitAfter('{"n": [10, 10, 10')).toBe("]");
  });
});

describe("an ungrounded enumeration", () => {
  // BFCL parallel_multiple_0: the model lists numbers the request never gave, without end.
  const request = "Find the sum of all the multiples of 3 and 5 between 1 and 1000. Also find the product of the first five prime numbers.";
  const invented = [1, 3, 5, 15, 21, 25, 27, 33, 35, 39, 45, 51, 55, 57, 63, 65, 69, 75, 81, 85];
  const exitWith = (text: string, requestText: string | null = request): string | null => {
    const cursor = new JsonCursor();
    cursor.push(text);
    return findLoopExit(cursor, false, requestText === null ? null : new Grounding(requestText));
  };
  const head = (values: ReadonlyArray<number | string>): string => `{"lower_limit": 1, "upper_limit": 1000, "multiples": [${values.map((v) => JSON.stringify(v)).join(", ")}`;

  it("closes the list at the element being written once the last finished elements are all invented", () => {
    const { minElements } = LOOP_RULES.ungrounded;
    expect(exitWith(`${head(invented.slice(0, minElements))}, 8`)).toBe("]");
    expect(exitWith(`${head(invented.slice(0, minElements - 1))}, 8`)).toBeNull();
    // Right after the separator no element has begun: closing is not possible yet.
    expect(exitWith(`${head(invented.slice(0, minElements))}, `)).toBeNull();
    const words = Array.from({ length: minElements }, (_, i) => `item${String.fromCharCode(97 + i)}`);
    expect(exitWith(`${head(words)}, "ite`)).toBe('"]');
  });

  it("leaves lists alone whose recent values the request gives, short lists, non-scalars, and passes without the request", () => {
    const { invented: k } = LOOP_RULES.ungrounded;
    const grounded = invented.slice(0, 16);
    grounded[16 - k + 2] = 1000; // one value of the last k is the request's
    expect(exitWith(`${head(grounded)}, 8`)).toBeNull();
    expect(exitWith(`${head(invented.slice(0, 16))}, 8`, null)).toBeNull();
    const objects = Array.from({ length: 20 }, (_, i) => `{"n": ${100 + i * i}}`).join(", ");
    expect(exitWith(`{"a": [${objects}, {`)).toBeNull();
    const copied = Array.from({ length: 24 }, (_, i) => `city${i}`);
    expect(exitWith(`${head(copied)}, "c`, copied.join(", "))).toBeNull();
  });

  it("judges values leniently: numbers by value, strings by case-insensitive substring", () => {
    const g = new Grounding('Book 1,500 seats for "New York" at 3 pm; limit \\d+.');
    expect([g.invents("1500"), g.invents("3.0"), g.invents("-3"), g.invents("4")]).toEqual([false, false, false, true]);
    expect([g.invents('"new york"'), g.invents('"York"'), g.invents('"Boston"')]).toEqual([false, false, true]);
    expect([g.invents("true"), g.invents("null"), g.invents('""'), g.invents('"\\\\d+"')]).toEqual([false, false, false, false]);
    expect([g.invents("[1]"), g.invents('{"a": 1}'), g.invents('"\\')]).toEqual([null, null, null]);
    expect(inventsValues(["4", "4", "4"], g)).toBe(false); // too short
  });

  it("reaches LoopSteer through requestText", () => {
    const steer = new LoopSteer({ requestText: request });
    steer.push(`${head(invented.slice(0, 16))}, 8`);
    expect(steer.exit()).toBe("]");
    const blind = new LoopSteer();
    blind.push(`${head(invented.slice(0, 16))}, 8`);
    expect(blind.exit()).toBeNull();
  });
});
