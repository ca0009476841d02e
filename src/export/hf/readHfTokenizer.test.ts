import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TOKEN_TYPE } from "../tokenizer/index.js";
import { readHfTokenizer } from "./readHfTokenizer.js";

const root = mkdtempSync(path.join(os.tmpdir(), "hammer-hf-tokenizer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BYTE_LEVEL = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
let n = 0;
function tokenizerDir(tokenizer: Record<string, unknown>, files: Record<string, unknown> = {}): string {
  const dir = path.join(root, String(n++));
  mkdirSync(dir);
  const base = {
    added_tokens: [
      { id: 3, content: "<|im_end|>", special: true },
      { id: 4, content: "<tool_call>", special: false },
      { id: 5, content: "<|plain|>", special: false },
    ],
    pre_tokenizer: BYTE_LEVEL,
    decoder: { type: "ByteLevel" },
    model: { type: "BPE", vocab: { a: 0, b: 1, "a b": 2 }, merges: [["a", "b"]] },
  };
  writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify({ ...base, ...tokenizer }));
  for (const [f, v] of Object.entries(files)) writeFileSync(path.join(dir, f), typeof v === "string" ? v : JSON.stringify(v));
  return dir;
}

describe("readHfTokenizer", () => {
  it("maps vocabulary, added tokens and padding to llama.cpp's token list and types", async () => {
    const t = await readHfTokenizer(tokenizerDir({}, { "tokenizer_config.json": { eos_token: { content: "<|im_end|>" }, add_bos_token: false } }), 8);
    expect(t.tokens).toEqual(["a", "b", "a b", "<|im_end|>", "<tool_call>", "<|plain|>", "[PAD6]", "[PAD7]"]);
    const { NORMAL, CONTROL, USER_DEFINED, UNUSED } = TOKEN_TYPE;
    expect(t.tokenTypes).toEqual([NORMAL, NORMAL, NORMAL, CONTROL, USER_DEFINED, CONTROL, UNUSED, UNUSED]);
    expect(t.merges).toEqual(["a b"]);
    expect(t.pre).toBe("gpt-2");
    expect(t.specialIds).toEqual({ eos: 3 });
    expect(t.addBos).toBe(false);
  });

  it("writes spaces inside pair-form merges as U+0120", async () => {
    const t = await readHfTokenizer(tokenizerDir({ model: { type: "BPE", vocab: { a: 0, " b": 1 }, merges: [["a", " b"]] } }), 8);
    expect(t.merges).toEqual(["a \u0120b"]);
  });

  it("finds BOS in a TemplateProcessing post-processor, ids in config/generation_config, and every chat template", async () => {
    const dir = tokenizerDir(
      { post_processor: { type: "TemplateProcessing", single: [{ SpecialToken: { id: "<|im_end|>" } }, { Sequence: { id: "A" } }] } },
      {
        "tokenizer_config.json": { bos_token: "<|im_end|>", chat_template: [{ name: "default", template: "D" }, { name: "tool_use", template: "T" }] },
        "generation_config.json": { eos_token_id: [4, 3], pad_token_id: 99 },
      },
    );
    const t = await readHfTokenizer(dir, 8, { unk: 5 });
    expect(t.addBos).toBe(true);
    expect(t.specialIds).toEqual({ bos: 3, eos: 4, unk: 5 });
    expect(t.chatTemplate).toBe("D");
    expect(t.namedTemplates).toEqual({ tool_use: "T" });
  });

  it("reads chat_template.jinja (transformers 5) when tokenizer_config.json has no template", async () => {
    const t = await readHfTokenizer(tokenizerDir({}, { "tokenizer_config.json": {}, "chat_template.jinja": "{{ messages }}" }), 8);
    expect(t.chatTemplate).toBe("{{ messages }}");
  });

  it.each([
    ["Qwen2", { type: "Sequence", pretokenizers: [{ type: "Split", pattern: { Regex: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+` }, behavior: "Isolated", invert: false }, { ...BYTE_LEVEL, use_regex: false }] }, "qwen2"],
    ["Llama 3", { type: "Sequence", pretokenizers: [{ type: "Split", pattern: { Regex: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+` }, behavior: "Isolated", invert: false }, { ...BYTE_LEVEL, use_regex: false }] }, "llama-bpe"],
    ["SmolLM", { type: "Sequence", pretokenizers: [{ type: "Digits", individual_digits: true }, BYTE_LEVEL] }, "smollm"],
  ])("names the %s pre-tokenizer", async (_label, pre, name) => {
    expect((await readHfTokenizer(tokenizerDir({ pre_tokenizer: pre }), 8)).pre).toBe(name);
  });

  const bad: Array<[string, Record<string, unknown>, number, RegExp]> = [
    ["a Unigram model", { model: { type: "Unigram", vocab: [] } }, 8, /model\.type is "Unigram"; only byte-level BPE/],
    ["a SentencePiece-style BPE", { model: { type: "BPE", byte_fallback: true, vocab: {} } }, 8, /byte_fallback is true/],
    ["an unknown pre-tokenizer", { pre_tokenizer: { type: "Whitespace" } }, 8, /pre_tokenizer Whitespace is not a pre-tokenizer we can name/],
    ["a digits split of 3", { pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "Digits", individual_digits: false }, BYTE_LEVEL] } }, 8, /Sequence\[Digits, ByteLevel\]/],
    ["a vocabulary larger than the model's", {}, 4, /has id 4, but the model's vocab_size is 4/],
    ["two tokens with one id", { model: { type: "BPE", vocab: { a: 0, b: 0 } } }, 8, /has id 0, already taken by "a"/],
    ["a merge that is not a pair", { model: { type: "BPE", vocab: { a: 0 }, merges: ["a b c"] } }, 8, /model\.merges\.0 "a b c" is not "left right"/],
  ];
  it.each(bad)("rejects %s", async (_label, tokenizer, vocabSize, message) => {
    await expect(readHfTokenizer(tokenizerDir(tokenizer), vocabSize)).rejects.toThrow(message);
  });
});
