import { describe, expect, it } from "vitest";
import { exitTokens, LoopBias } from "./LoopBias.js";
import { TOKEN_TYPE, type TokenVocabulary } from "./readVocabulary.js";

const pieces = ['"', '"]', '",', '"]}', "]", " ]", "],", "}", "}]", "\n", " ", "MT30", '", "', "<|im_end|>"];
const enc = new TextEncoder();
const vocab: TokenVocabulary = {
  bytes: pieces.map((p) => enc.encode(p)),
  types: pieces.map((p) => (p === "<|im_end|>" ? TOKEN_TYPE.control : TOKEN_TYPE.normal)),
};
const ids = (texts: string[]): number[] => texts.map((t) => pieces.indexOf(t));

describe("exitTokens", () => {
  it("takes the tokens that start the closing text or are a prefix of it", () => {
    expect(exitTokens(vocab, '"]')).toEqual(ids(['"', '"]', '"]}']));
    expect(exitTokens(vocab, '"')).toEqual(ids(['"', '"]', '",', '"]}', '", "']));
  });

  it("outside a string, skips leading whitespace but never takes whitespace alone or control tokens", () => {
    expect(exitTokens(vocab, "]")).toEqual(ids(["]", " ]", "],"]));
    expect(exitTokens(vocab, "}]")).toEqual(ids(["}", "}]"]));
  });
});

describe("LoopBias", () => {
  it("raises the exit tokens on top of the base bias, once per base and exit", () => {
    const calls: Array<{ base: object; boost: readonly number[] }> = [];
    const bias = new LoopBias<{ name: string }>(vocab, (base, boost) => {
      calls.push({ base, boost });
      return { name: `${base.name}+${boost.join(",")}` };
    });
    const base = { name: "base" };
    const a = bias.bias(base, "]");
    expect(a.name).toBe(`base+${ids(["]", " ]", "],"]).join(",")}`);
    expect(bias.bias(base, "]")).toBe(a);
    bias.bias({ name: "open" }, "]");
    expect(calls).toHaveLength(2);
  });
});
