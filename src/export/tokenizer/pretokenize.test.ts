import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pretokenize } from "./pretokenize.js";

describe("pretokenize (qwen2)", () => {
  it("splits words, contractions, single digits, punctuation and whitespace", () => {
    expect(pretokenize("Hello world's 123")).toEqual(["Hello", " world", "'s", " ", "1", "2", "3"]);
    expect(pretokenize('{"name": "get_weather"}\n\n')).toEqual(['{"', "name", '":', ' "', "get", "_weather", '"}\n\n']);
    expect(pretokenize("I'LL   go")).toEqual(["I", "'LL", "  ", " go"]);
  });

  it("loses no character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(pretokenize(s).join("")).toBe(s);
      }),
    );
  });
});
