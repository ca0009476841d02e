import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readHfConfig } from "./readHfConfig.js";

const root = mkdtempSync(path.join(os.tmpdir(), "hammer-hf-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function configDir(fields: Record<string, unknown>): string {
  const dir = path.join(root, String(n++));
  mkdirSync(dir);
  const base = { model_type: "qwen2", hidden_size: 64, intermediate_size: 128, num_attention_heads: 4, num_key_value_heads: 2, num_hidden_layers: 2, vocab_size: 100, max_position_embeddings: 512 };
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ ...base, ...fields }));
  return dir;
}

describe("readHfConfig", () => {
  it("reads transformers 5's rope_parameters and older rope_theta alike", async () => {
    expect((await readHfConfig(configDir({ rope_parameters: { rope_theta: 1e6, rope_type: "default" } }))).ropeTheta).toBe(1e6);
    expect((await readHfConfig(configDir({ rope_theta: 5e5 }))).ropeTheta).toBe(5e5);
  });

  it("takes head_dim when given, and gives llama biases only with attention_bias", async () => {
    const c = await readHfConfig(configDir({ model_type: "llama", head_dim: 32, attention_bias: true, tie_word_embeddings: true, eos_token_id: 2, bos_token_id: [1] }));
    expect(c).toMatchObject({ architecture: "llama", headDim: 32, attentionBias: true, tieEmbeddings: true, tokenIds: { eos: 2 } });
    expect((await readHfConfig(configDir({ model_type: "llama" }))).attentionBias).toBe(false);
    expect((await readHfConfig(configDir({}))).attentionBias).toBe(true);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["another architecture", { model_type: "gemma" }, /unsupported architecture "gemma"/],
    ["a sequence-classification head", { architectures: ["Qwen2ForSequenceClassification"] }, /is not Qwen2ForCausalLM/],
    ["kv heads that do not divide the heads", { num_key_value_heads: 3 }, /num_key_value_heads \(3\) must divide num_attention_heads \(4\)/],
    ["heads that do not divide the hidden size", { num_attention_heads: 5, num_key_value_heads: 5 }, /num_attention_heads \(5\) must divide hidden_size \(64\)/],
    ["a missing size", { hidden_size: undefined }, /hidden_size is missing/],
    ["a fractional size", { num_hidden_layers: 2.5 }, /num_hidden_layers must be a positive integer, got 2\.5/],
    ["GELU", { hidden_act: "gelu" }, /hidden_act "gelu" is not supported/],
    ["sliding-window attention", { use_sliding_window: true }, /use_sliding_window is true/],
    ["YaRN scaling", { rope_scaling: { type: "yarn", factor: 4 } }, /rope_scaling .* is not supported/],
    ["llama3 rope parameters", { rope_parameters: { rope_type: "llama3", rope_theta: 5e5 } }, /rope_type "llama3" is not supported/],
    ["MLP biases", { model_type: "llama", mlp_bias: true }, /mlp_bias is true/],
  ];
  it.each(bad)("rejects %s", async (_label, fields, message) => {
    await expect(readHfConfig(configDir(fields))).rejects.toThrow(message);
  });

  it("rejects a config that is not JSON with its position", async () => {
    const dir = configDir({});
    writeFileSync(path.join(dir, "config.json"), '{"model_type": "qwen2",');
    await expect(readHfConfig(dir)).rejects.toMatchObject({ code: "JSON_SYNTAX", location: path.join(dir, "config.json") });
  });
});
