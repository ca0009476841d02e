import { describe, expect, it } from "vitest";
import { BYTE_ORDER, BYTE_TO_CHAR } from "./byteLevel.js";
import { buildByteLevelVocab, CHATML_SPECIAL_TOKENS, TOKEN_TYPE } from "./buildByteLevelVocab.js";

describe("buildByteLevelVocab", () => {
  const merges: Array<[string, string]> = [["a", "b"], ["ab", "c"], ["a", "bc"]];

  it("lays out bytes, merge results, special tokens, then UNUSED padding", () => {
    const v = buildByteLevelVocab(merges);
    expect(v.tokens.slice(0, 256)).toEqual(BYTE_ORDER.map((b) => BYTE_TO_CHAR[b]));
    expect(v.tokens.slice(256, 258)).toEqual(["ab", "abc"]); // "a"+"bc" gives "abc" again: one token
    expect(v.normalCount).toBe(258);
    expect(v.merges).toEqual(["a b", "ab c", "a bc"]);
    for (const [i, [text, type]] of CHATML_SPECIAL_TOKENS.entries()) {
      expect(v.specialIds[text]).toBe(258 + i);
      expect(v.tokenTypes[258 + i]).toBe(type);
    }
    expect(v.tokenTypes[v.specialIds["<|im_end|>"]!]).toBe(TOKEN_TYPE.CONTROL);
    expect(v.tokenTypes[v.specialIds["<tool_call>"]!]).toBe(TOKEN_TYPE.USER_DEFINED);
    expect(v.tokens).toHaveLength(384);
    expect(v.tokens[383]).toBe("[PAD383]");
    expect(v.tokenTypes[383]).toBe(TOKEN_TYPE.UNUSED);
    expect(new Set(v.tokens).size).toBe(v.tokens.length);
  });

  it("pads to a requested size and refuses one that is too small", () => {
    expect(buildByteLevelVocab(merges, 151_936).tokens).toHaveLength(151_936);
    expect(() => buildByteLevelVocab(merges, 100)).toThrow(/smaller than the 265 tokens/);
  });
});
