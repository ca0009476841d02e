import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rawStringFields } from "./rawStringFields.js";

const esc = (s: string) => JSON.stringify(s).slice(1, -1);

describe("rawStringFields", () => {
  it("returns JSON.stringify's escaping of each wanted string field (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.jsonValue())), fc.constantFrom(undefined, 2, 4), (obj, indent) => {
        const text = JSON.stringify(obj, null, indent);
        const keys = Object.keys(obj);
        const got = rawStringFields(text, keys);
        expect(got).toBeDefined();
        for (const k of keys) {
          const v = (obj as Record<string, unknown>)[k];
          if (typeof v === "string" && got?.has(k)) expect(got.get(k)).toBe(esc(v));
          if (typeof v !== "string") expect(got?.has(k)).toBe(false);
          if (typeof v === "string" && !got?.has(k)) expect(esc(v)).toMatch(/\\u|\\\//); // a safe fallback
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads an xLAM record and leaves out fields with \\u or \\/ escapes", () => {
    const rec = '{\n    "id": 3,\n    "query": "caf\\u00e9",\n    "answers": "[{\\"name\\": \\"f\\"}]",\n    "tools": "a\\/b", "x": [1, {"y": "}"}]\n}';
    const got = rawStringFields(rec, ["query", "tools", "answers"]);
    expect(got).toEqual(new Map([["answers", '[{\\"name\\": \\"f\\"}]']]));
    expect(rawStringFields("[1]", ["a"])).toBeUndefined();
  });
});
