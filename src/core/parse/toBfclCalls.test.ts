import { describe, expect, it } from "vitest";
import { HammerError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import { fromBfclCalls, toBfclCalls } from "./toBfclCalls.js";

describe("toBfclCalls / fromBfclCalls", () => {
  it("converts calls to BFCL's [{func: {args}}] shape and back, keeping float marks", () => {
    const calls = [
      { name: "math.factorial", arguments: parseJson('{"number": 5, "scale": 2.0}') as Record<string, unknown> },
      { name: "__proto__", arguments: {} },
    ];
    const bfcl = toBfclCalls(calls);
    expect(pyJsonDumps(bfcl)).toBe('[{"math.factorial": {"number": 5, "scale": 2.0}}, {"__proto__": {}}]');
    expect(Object.keys(bfcl[1] ?? {})).toEqual(["__proto__"]);
    const back = fromBfclCalls(bfcl);
    expect(pyJsonDumps(back.map((c) => ({ name: c.name, arguments: c.arguments })))).toBe(
      '[{"name": "math.factorial", "arguments": {"number": 5, "scale": 2.0}}, {"name": "__proto__", "arguments": {}}]',
    );
    // A copy: editing the BFCL shape does not touch the calls.
    (bfcl[0]?.["math.factorial"] as Record<string, unknown>).number = 6;
    expect(calls[0]?.arguments.number).toBe(5);
  });

  it("rejects anything that is not a list of one-key objects, naming the item", () => {
    expect(() => fromBfclCalls({})).toThrow(HammerError);
    expect(() => fromBfclCalls([{ f: {} }, { f: {}, g: {} }])).toThrow(/BFCL call 1 must be an object with exactly one key/);
    expect(() => fromBfclCalls([{ f: [1] }])).toThrow(/BFCL call 0/);
    try {
      fromBfclCalls([1]);
    } catch (e) {
      expect((e as HammerError).location).toBe("/0");
      expect((e as HammerError).code).toBe("INPUT_INVALID");
    }
  });
});
