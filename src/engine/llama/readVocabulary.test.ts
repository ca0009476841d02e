import { describe, expect, it } from "vitest";
import { GgufMetadata, ggufValue } from "../../core/gguf/index.js";
import { randomModelVocab } from "../../export/index.js";
import { readVocabulary, TOKEN_TYPE } from "./readVocabulary.js";

const meta = (model: string, tokens: string[], types?: number[]): GgufMetadata =>
  new GgufMetadata([
    ["tokenizer.ggml.model", ggufValue.string(model)],
    ["tokenizer.ggml.tokens", ggufValue.array("string", tokens)],
    ...(types ? ([["tokenizer.ggml.token_type", ggufValue.array("i32", types)]] as const) : []),
  ]);

describe("readVocabulary", () => {
  it("decodes GPT-2 byte-level tokens to their bytes, special tokens to their text", () => {
    const v = readVocabulary(meta("gpt2", ["Ġhello", "Ċ", "Ã©", "â", "<|im_end|>"], [1, 1, 1, 1, 3]));
    expect([...(v.bytes[0] as Uint8Array)]).toEqual([...new TextEncoder().encode(" hello")]);
    expect([...(v.bytes[1] as Uint8Array)]).toEqual([0x0a]);
    expect(new TextDecoder().decode(v.bytes[2])).toBe("é");
    expect([...(v.bytes[3] as Uint8Array)]).toEqual([0xe2]); // a lone lead byte: not representable as a JS string
    expect(new TextDecoder().decode(v.bytes[4])).toBe("<|im_end|>");
  });

  it("decodes SentencePiece tokens (▁ is a space, <0xNN> a byte)", () => {
    const v = readVocabulary(meta("llama", ["▁the", "<0xE2>", "<s>"], [TOKEN_TYPE.normal, TOKEN_TYPE.byte, TOKEN_TYPE.control]));
    expect(new TextDecoder().decode(v.bytes[0])).toBe(" the");
    expect([...(v.bytes[1] as Uint8Array)]).toEqual([0xe2]);
  });

  it("round-trips the random models' vocabulary through the byte-level alphabet", () => {
    const vocab = randomModelVocab();
    const v = readVocabulary(meta("gpt2", vocab.tokens, vocab.tokenTypes));
    expect(v.bytes).toHaveLength(vocab.tokens.length);
    const quote = vocab.tokens.indexOf('"');
    expect([...(v.bytes[quote] as Uint8Array)]).toEqual([0x22]);
  });

  it("rejects tokenizers it cannot decode, and files without tokens", () => {
    expect(() => readVocabulary(meta("bert", ["a"]))).toThrow(/not supported/);
    expect(() => readVocabulary(new GgufMetadata([]))).toThrow(/no tokenizer.ggml.tokens/);
  });
});
