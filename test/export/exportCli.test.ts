import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CommanderError } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { register } from "../../src/cli/commands/export.js";
import { EXIT_USAGE } from "../../src/cli/run.js";
import { readGgufHeader, readTensorData, validateModelFile } from "../../src/core/gguf/index.js";
import { decodeTensor, exportGguf, exportLora, type EncodableTensorType, type ExportType, type LoraExportType } from "../../src/export/index.js";
import { runCliInProcess } from "../support/runCliInProcess.js";
import { f32Bytes, safetensorsBytes } from "./support/safetensorsBytes.js";
import { TINY_SHAPE, writeTinyAdapter, writeTinyHfFolder } from "./support/writeTinyHfFolder.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-export-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => runCliInProcess(register, ["export", ...args]);
const H = TINY_SHAPE.hiddenSize;
const KV = (TINY_SHAPE.hiddenSize / TINY_SHAPE.heads) * TINY_SHAPE.kvHeads;

describe("hammer export gguf", () => {
  const qwen = writeTinyHfFolder(path.join(dir, "qwen2"), { arch: "qwen2" });
  const llama = writeTinyHfFolder(path.join(dir, "llama"), { arch: "llama" });

  it.each(["f32", "f16", "bf16", "q8_0", "q4_0"] as const)("writes a valid %s qwen2 file with the converter's tensor types", async (type) => {
    const out = path.join(dir, `qwen2-${type}.gguf`);
    const r = await run("gguf", "--model", qwen, "--out", out, "--type", type);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ architecture: "qwen2", type, tensorCount: 3 + 12, path: out });
    const summary = await validateModelFile(out);
    expect(summary.fileTypeName).toBe(type.toUpperCase());
    const header = await readGgufHeader(out);
    const typeOf = (n: string) => header.tensors.find((t) => t.name === n)!.type.name;
    const main = { f32: "F32", f16: "F16", bf16: "BF16", q8_0: "Q8_0", q4_0: "Q4_0" }[type];
    expect(typeOf("blk.0.attn_q.weight")).toBe(main);
    expect(typeOf("blk.0.ffn_down.weight")).toBe(main);
    expect(typeOf("token_embd.weight")).toBe(type === "q4_0" ? "Q8_0" : main);
    expect(typeOf("output.weight")).toBe(type === "q4_0" ? "Q8_0" : main);
    for (const n of ["blk.0.attn_norm.weight", "output_norm.weight", "blk.0.attn_q.bias", "blk.0.attn_k.bias"]) expect(typeOf(n)).toBe("F32");
    expect(header.tensors.find((t) => t.name === "blk.0.attn_k.weight")!.dims).toEqual([H, KV]);
    // The tokenizer is padded to vocab_size with unused tokens.
    const tokens = header.metadata.get("tokenizer.ggml.tokens");
    expect(tokens?.type === "array" && tokens.items.length).toBe(TINY_SHAPE.vocabSize);
    expect(tokens?.type === "array" && tokens.items.at(-1)).toBe(`[PAD${TINY_SHAPE.vocabSize - 1}]`);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("stores weights exactly in f32, and llama's q/k rows in llama.cpp's rotary order", async () => {
    const out = path.join(dir, "llama-f32.gguf");
    expect((await run("gguf", "--model", llama, "--out", out, "--type", "f32")).exitCode).toBe(0);
    const header = await readGgufHeader(out);
    expect(header.metadata.get("llama.rope.dimension_count")).toEqual({ type: "u32", value: H / TINY_SHAPE.heads });
    expect(header.tensors.some((t) => t.name.endsWith(".bias"))).toBe(false);
    const st = readSafetensors(path.join(llama, "model.safetensors"));
    const read = async (name: string) => decodeTensor("F32" as EncodableTensorType, await readTensorData(header, name), (await readTensorData(header, name)).length / 4);
    expect([...(await read("blk.0.attn_v.weight"))]).toEqual([...st("model.layers.0.self_attn.v_proj.weight")]);
    // k: 2 heads of 8 rows; row 2j+s of a head comes from row s·4+j of the Hugging Face head.
    const k = await read("blk.0.attn_k.weight");
    const hfK = st("model.layers.0.self_attn.k_proj.weight");
    const row = (a: Float32Array, r: number) => [...a.subarray(r * H, (r + 1) * H)];
    expect(row(k, 0)).toEqual(row(hfK, 0));
    expect(row(k, 1)).toEqual(row(hfK, 4));
    expect(row(k, 2)).toEqual(row(hfK, 1));
    expect(row(k, 8 + 7)).toEqual(row(hfK, 8 + 7));
    expect(row(k, 8 + 6)).toEqual(row(hfK, 8 + 3));
  });

  it("merges a LoRA adapter: W + (alpha / r)·B·A", async () => {
    const adapter = writeTinyAdapter(path.join(dir, "adapter-ok"), { "model.layers.0.self_attn.v_proj": { a: [4, H], b: [KV, 4] } });
    const out = path.join(dir, "qwen2-merged.gguf");
    const r = await run("gguf", "--model", qwen, "--adapter", adapter, "--out", out, "--type", "f32");
    expect(JSON.parse(r.stdout).mergedModules).toBe(1);
    const header = await readGgufHeader(out);
    const got = decodeTensor("F32", await readTensorData(header, "blk.0.attn_v.weight"), KV * H);
    const w = readSafetensors(path.join(qwen, "model.safetensors"))("model.layers.0.self_attn.v_proj.weight");
    const ad = readSafetensors(path.join(adapter, "adapter_model.safetensors"));
    const a = ad("base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight");
    const b = ad("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight");
    let maxErr = 0;
    for (let i = 0; i < KV; i++) {
      for (let j = 0; j < H; j++) {
        let d = 0;
        for (let k = 0; k < 4; k++) d += b[i * 4 + k]! * a[k * H + j]!;
        maxErr = Math.max(maxErr, Math.abs(got[i * H + j]! - (w[i * H + j]! + 2 * d)));
      }
    }
    expect(maxErr).toBeLessThan(1e-6);
  });
});

describe("hammer export rejects bad input with one line, the exit code of its class and no file", () => {
  // Exit codes (core/errorCodes.ts): 3 a missing or unusable input file, 4 a model or adapter that is broken or does not fit, 2 a bad flag.
  const cases: Array<[string, () => string[], RegExp, 2 | 3 | 4]> = [
    ["a folder without safetensors", () => ["gguf", "--model", folder("no-weights", (d) => rmSync(path.join(d, "model.safetensors")))], /no model\.safetensors or model\.safetensors\.index\.json in/, 3],
    ["a missing config.json", () => ["gguf", "--model", folder("no-config", (d) => rmSync(path.join(d, "config.json")))], /missing .*config\.json/, 3],
    ["a missing tokenizer.json", () => ["gguf", "--model", folder("no-tokenizer", (d) => rmSync(path.join(d, "tokenizer.json")))], /missing .*tokenizer\.json/, 3],
    [
      "a truncated safetensors file",
      () => ["gguf", "--model", folder("truncated", (d) => truncateSync(path.join(d, "model.safetensors"), 5000))],
      /model\.safetensors.*run past the end of the data section .*truncated/,
      4,
    ],
    [
      "a header whose offsets overlap",
      () => [
        "gguf",
        "--model",
        folder("overlap", (d) =>
          writeFileSync(
            path.join(d, "model.safetensors"),
            safetensorsBytes({ a: { dtype: "F32", shape: [4], data: f32Bytes([1, 2, 3, 4]) }, b: { dtype: "F32", shape: [4], data: new Uint8Array(8), offsets: [8, 24] } }),
          ),
        ),
      ],
      /tensor "b" overlaps tensor "a"/,
      4,
    ],
    [
      "a header whose offsets exceed the file",
      () => ["gguf", "--model", folder("exceed", (d) => writeFileSync(path.join(d, "model.safetensors"), safetensorsBytes({ a: { dtype: "F32", shape: [1000], data: new Uint8Array(0), offsets: [0, 4000] } })))],
      /tensor "a": data_offsets \[0, 4000\] run past the end/,
      4,
    ],
    ["a llama-only key set under a qwen2 config", () => ["gguf", "--model", folder("llama-as-qwen2", undefined, "llama", { model_type: "qwen2", architectures: ["Qwen2ForCausalLM"] })], /tensor "model\.layers\.0\.self_attn\.q_proj\.bias" is missing: a qwen2 config/, 4],
    ["a qwen2 key set under a llama config", () => ["gguf", "--model", folder("qwen2-as-llama", undefined, "qwen2", { model_type: "llama", architectures: ["LlamaForCausalLM"] })], /tensor "model\.layers\.0\.self_attn\.q_proj\.bias" is not part of a llama config/, 4],
    ["a tensor of the wrong shape", () => ["gguf", "--model", folder("wrong-shape", undefined, "qwen2", { intermediate_size: 48 })], /tensor "model\.layers\.0\.mlp\.gate_proj\.weight" has shape \[64, 32\]; a qwen2 config .* needs \[48, 32\]/, 4],
    ["an unsupported architecture", () => ["gguf", "--model", folder("mistral", undefined, "llama", { model_type: "mistral" })], /unsupported architecture "mistral" \(supported: qwen2, llama\)/, 4],
    ["rope scaling", () => ["gguf", "--model", folder("rope", undefined, "llama", { rope_scaling: { rope_type: "llama3", factor: 8 } })], /rope_scaling .* is not supported/, 4],
    [
      "an unsupported dtype",
      () => ["gguf", "--model", folder("int-weights", undefined, "qwen2", {}, (t) => (t["model.norm.weight"] = { dtype: "I32", shape: [H], data: new Uint8Array(4 * H) }))],
      /tensor "model\.norm\.weight" has dtype I32; only F32, F16, BF16/,
      4,
    ],
    ["an unknown --type", () => ["gguf", "--model", path.join(dir, "qwen2"), "--type", "q2_k"], /--type.*q2_k.*(Allowed choices|choices)/, 2],
    [
      "an adapter whose shapes do not fit",
      () => ["gguf", "--model", path.join(dir, "qwen2"), "--adapter", writeTinyAdapter(path.join(dir, "adapter-bad-shape"), { "model.layers.0.self_attn.q_proj": { a: [4, 16], b: [H, 4] } })],
      /LoRA of "model\.layers\.0\.self_attn\.q_proj\.weight" has A \[4, 16\] and B \[32, 4\], which do not fit the base weight \[32, 32\]/,
      4,
    ],
    [
      "an adapter for a deeper model",
      () => ["gguf", "--model", path.join(dir, "qwen2"), "--adapter", writeTinyAdapter(path.join(dir, "adapter-deeper"), { "model.layers.5.self_attn.q_proj": { a: [4, H], b: [H, 4] } })],
      /the adapter changes "model\.layers\.5\.self_attn\.q_proj\.weight", and .* has no linear weight of that name/,
      4,
    ],
    [
      "an adapter with unequal ranks",
      () => ["gguf", "--model", path.join(dir, "qwen2"), "--adapter", writeTinyAdapter(path.join(dir, "adapter-ranks"), { "model.layers.0.self_attn.q_proj": { a: [4, H], b: [H, 2] } })],
      /their ranks differ/,
      4,
    ],
    ["a DoRA adapter", () => ["gguf", "--model", path.join(dir, "qwen2"), "--adapter", writeTinyAdapter(path.join(dir, "adapter-dora"), { "model.layers.0.self_attn.q_proj": { a: [4, H], b: [H, 4] } }, { use_dora: true })], /DoRA adapters cannot be exported/, 4],
    [
      "an adapter on a tied lm_head",
      () => [
        "gguf",
        "--model",
        folder("tied", undefined, "qwen2", { tie_word_embeddings: true }, (t) => delete t["lm_head.weight"]),
        "--adapter",
        writeTinyAdapter(path.join(dir, "adapter-lm-head"), { lm_head: { a: [4, H], b: [TINY_SHAPE.vocabSize, 4] } }),
      ],
      /the adapter changes lm_head, which .* ties to the token embeddings/,
      4,
    ],
    [
      "a LoRA export for another base",
      () => ["lora", "--base", path.join(dir, "llama"), "--adapter", writeTinyAdapter(path.join(dir, "adapter-k"), { "model.layers.0.self_attn.k_proj": { a: [4, H], b: [H, 4] } })],
      /LoRA of "model\.layers\.0\.self_attn\.k_proj\.weight" has A \[4, 32\] and B \[32, 4\], which do not fit the base weight \[16, 32\]/,
      4,
    ],
  ];
  it.each(cases)("%s", async (_label, args, message, exitCode) => {
    const out = path.join(dir, "bad", `${_label.replace(/\W+/g, "-")}.gguf`);
    // commander's own errors are thrown in-process; hammer's main turns them into the usage exit code.
    const r = await run(...args(), "--out", out).catch((e: CommanderError) => ({ stdout: "", stderr: e.message, exitCode: EXIT_USAGE }));
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.exitCode).toBe(exitCode);
    expect(existsSync(out)).toBe(false);
  });

  it("an --out under a file is bad input (exit 3) naming the path, for gguf and lora alike", async () => {
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x");
    const adapter = writeTinyAdapter(path.join(dir, "adapter-out"), { "model.layers.0.self_attn.v_proj": { a: [4, H], b: [KV, 4] } });
    for (const args of [["gguf", "--model", path.join(dir, "qwen2")], ["lora", "--base", path.join(dir, "qwen2"), "--adapter", adapter]]) {
      const r = await run(...args, "--out", path.join(file, "m.gguf"));
      expect([r.exitCode, r.stderr]).toEqual([3, expect.stringMatching(/^hammer: .*a-file\/m\.gguf: cannot create the folder .*a-file: file already exists \(EEXIST\)\n$/)]);
    }
  });

  it("a type the library does not know is bad input naming the field", async () => {
    await expect(exportGguf({ model: path.join(dir, "qwen2"), out: path.join(dir, "x.gguf"), type: "q2_k" as ExportType })).rejects.toMatchObject({ code: "INPUT_INVALID", location: "type" });
    await expect(exportLora({ adapter: path.join(dir, "adapter-out"), base: path.join(dir, "qwen2"), out: path.join(dir, "x.gguf"), type: "q4_0" as LoraExportType })).rejects.toMatchObject({
      code: "INPUT_INVALID",
      location: "type",
    });
  });

  function folder(name: string, mutate?: (d: string) => void, arch: "qwen2" | "llama" = "qwen2", config: Record<string, unknown> = {}, edit?: Parameters<typeof writeTinyHfFolder>[1]["edit"]): string {
    const d = writeTinyHfFolder(path.join(dir, "bad-models", name), { arch, config, edit });
    mutate?.(d);
    return d;
  }
});

/** Float32 values of one tensor of an F32 safetensors file (test helper; the header is trusted). */
function readSafetensors(file: string): (name: string) => Float32Array {
  const bytes = readFileSync(file);
  const len = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + len).toString()) as Record<string, { data_offsets: [number, number] }>;
  return (name) => {
    const [a, b] = header[name]!.data_offsets;
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset + 8 + len + a, bytes.byteOffset + 8 + len + b));
  };
}
