import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromByteLevel } from "./byteLevel.js";
import { buildByteLevelVocab } from "./buildByteLevelVocab.js";
import { ByteLevelBpe } from "./ByteLevelBpe.js";
import { TOOL_CALLING_CORPUS } from "./toolCallingCorpus.js";
import { trainBpe } from "./trainBpe.js";

describe("ByteLevelBpe", () => {
  const vocab = buildByteLevelVocab(trainBpe(TOOL_CALLING_CORPUS, { maxMerges: 2000 }));
  const bpe = new ByteLevelBpe(vocab.tokens, vocab.merges);
  const decode = (ids: number[]) => Buffer.from(fromByteLevel(ids.map((i) => vocab.tokens[i]).join(""))!).toString("utf8");

  it("applies merges by rank", () => {
    const ids = bpe.encode('{"name": "get_weather", "arguments": {"location": "Paris"}}');
    expect(ids.map((i) => vocab.tokens[i])).toEqual(['{"', "name", '":', 'Ġ"', "get", "_weather", '",', 'Ġ"', "arguments", '":', 'Ġ{"', "location", '":', 'Ġ"', "Paris", '"}}']);
  });

  it("decodes back to the input for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(decode(bpe.encode(s))).toBe(s);
      }),
    );
  });
});
