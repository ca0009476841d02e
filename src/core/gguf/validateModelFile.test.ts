import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Test-only use of the export stage: the writer builds the damaged models.
import { writeGguf, writeRandomModel, type GgufTensorSource } from "../../export/index.js";
import { ggufValue, type GgufValue } from "./ggufValue.js";
import { ModelFileError } from "./ModelFileError.js";
import { readGgufHeader, type GgufHeader } from "./readGgufHeader.js";
import { readTensorData } from "./readTensorData.js";
import { validateModelFile } from "./validateModelFile.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-gguf-validate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let model: string;
let header: GgufHeader;
beforeAll(async () => {
  model = (await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 1, out: path.join(dir, "tiny.gguf") })).path;
  header = await readGgufHeader(model);
});

type Entries = Array<[string, GgufValue]>;
let n = 0;
/** The tiny model rewritten with edited metadata (and optionally edited tensor list). */
async function rewrite(editKv: (kv: Entries) => Entries, editTensors: (t: GgufTensorSource[]) => GgufTensorSource[] = (t) => t): Promise<string> {
  const tensors: GgufTensorSource[] = header.tensors.map((t) => ({
    name: t.name,
    dims: t.dims,
    type: t.type,
    data: async function* () {
      yield await readTensorData(header, t);
    },
  }));
  return (await writeGguf(path.join(dir, `m${n++}.gguf`), editKv(header.metadata.entries()), editTensors(tensors))).path;
}
const without = (key: string) => (kv: Entries) => kv.filter(([k]) => k !== key);
const withValue = (key: string, value: GgufValue) => (kv: Entries) => kv.map(([k, v]): [string, GgufValue] => [k, k === key ? value : v]);

async function invalid(file: string): Promise<ModelFileError> {
  try {
    await validateModelFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    expect((e as ModelFileError).code).toBe("MODEL_INVALID");
    return e as ModelFileError;
  }
  throw new Error(`${file} passed validation`);
}

describe("validateModelFile on a valid model", () => {
  it("summarises architecture, shape, tokenizer and file", async () => {
    const s = await validateModelFile(model);
    expect(s).toMatchObject({
      architecture: "qwen2",
      name: "random-qwen2-tiny",
      contextLength: 4096,
      embeddingLength: 64,
      blockCount: 2,
      feedForwardLength: 256,
      headCount: 4,
      headCountKv: 2,
      vocabSize: 1024,
      tokenizerModel: "gpt2",
      tokenizerPre: "qwen2",
      fileType: 7,
      fileTypeName: "Q8_0",
      tensorCount: 27,
      tensorTypes: { Q8_0: 16, F32: 11 },
      sizeBytes: statSync(model).size,
      warnings: [],
    });
    expect(s.chatTemplate).toContain("<tool_call>");
    expect(s.eosTokenId).toBe(s.metadata.strings("tokenizer.ggml.tokens")!.indexOf("<|im_end|>"));
    expect(s.metadata.string("general.architecture")).toBe("qwen2");
    expect(s.metadata.number("qwen2.attention.head_count")).toBe(4);
    expect(s.parameterCount).toBe(header.tensors.reduce((a, t) => a + t.elements, 0));
  });

  it("summarises metadata as compact JSON", async () => {
    const json = JSON.parse(JSON.stringify((await validateModelFile(model)).metadata)) as Record<string, unknown>;
    expect(json["qwen2.block_count"]).toBe(2);
    expect(json["tokenizer.ggml.tokens"]).toMatchObject({ type: "string[]", length: 1024 });
  });
});

describe("validateModelFile rejects what llama.cpp cannot load", () => {
  it("missing qwen2.feed_forward_length", async () => {
    const e = await invalid(await rewrite(without("qwen2.feed_forward_length")));
    expect(e.message).toBe("missing metadata key qwen2.feed_forward_length");
    expect(e.key).toBe("qwen2.feed_forward_length");
  });

  it("missing qwen2.attention.head_count", async () => {
    expect((await invalid(await rewrite(without("qwen2.attention.head_count")))).message).toBe("missing metadata key qwen2.attention.head_count");
  });

  it("missing norm epsilon, context length, tokenizer model, tokens, merges", async () => {
    for (const key of ["qwen2.attention.layer_norm_rms_epsilon", "qwen2.context_length", "tokenizer.ggml.model", "tokenizer.ggml.tokens", "tokenizer.ggml.merges"]) {
      expect((await invalid(await rewrite(without(key)))).message).toBe(`missing metadata key ${key}`);
    }
  });

  it("a hyperparameter of the wrong type", async () => {
    expect((await invalid(await rewrite(withValue("qwen2.attention.head_count", ggufValue.i32(4))))).message).toMatch(
      /qwen2\.attention\.head_count must be u32 or an array of u32 \(one per layer\), found i32/,
    );
    expect((await invalid(await rewrite(withValue("qwen2.embedding_length", ggufValue.u64(64))))).message).toMatch(/must be u32, found u64/);
  });

  it("zero or inconsistent head counts", async () => {
    expect((await invalid(await rewrite(withValue("qwen2.attention.head_count", ggufValue.u32(0))))).message).toMatch(/must be at least 1/);
    expect((await invalid(await rewrite(withValue("qwen2.attention.head_count_kv", ggufValue.u32(3))))).message).toMatch(/multiple of the KV head count/);
    expect((await invalid(await rewrite(withValue("qwen2.attention.head_count", ggufValue.u32(6))))).message).toMatch(/not divisible by the head count/);
  });

  it("per-layer arrays of the wrong length", async () => {
    const e = await invalid(await rewrite(withValue("qwen2.feed_forward_length", ggufValue.array("u32", [256, 256, 256]))));
    expect(e.message).toMatch(/has 3 values but the model has 2 layers/);
  });

  it("block_count out of range or not matching the tensors", async () => {
    expect((await invalid(await rewrite(withValue("qwen2.block_count", ggufValue.u32(0))))).message).toMatch(/between 1 and 512/);
    expect((await invalid(await rewrite(withValue("qwen2.block_count", ggufValue.u32(3))))).message).toMatch(/no tensors for layer 2/);
    expect((await invalid(await rewrite(withValue("qwen2.block_count", ggufValue.u32(1))))).message).toMatch(/belongs to layer 1 but qwen2\.block_count is 1/);
  });

  it("an unknown rope scaling type (a GGML_ASSERT in llama.cpp)", async () => {
    const e = await invalid(await rewrite((kv) => [...kv, ["qwen2.rope.scaling.type", ggufValue.string("dynamic")]]));
    expect(e.message).toMatch(/rope\.scaling\.type is "dynamic"/);
  });

  it("inconsistent expert counts", async () => {
    const e = await invalid(await rewrite((kv) => [...kv, ["qwen2.expert_count", ggufValue.u32(4)]]));
    expect(e.message).toMatch(/expert_used_count must be set/);
  });

  it("duplicate tokens (a GGML_ASSERT in llama.cpp)", async () => {
    const tokens = [...header.metadata.strings("tokenizer.ggml.tokens")!];
    tokens[1000] = tokens[5]!;
    const e = await invalid(await rewrite(withValue("tokenizer.ggml.tokens", ggufValue.array("string", tokens))));
    expect(e.message).toMatch(/duplicate token .* at ids 5 and 1000/);
  });

  it("tokenizer arrays of the wrong type or length", async () => {
    expect((await invalid(await rewrite(withValue("tokenizer.ggml.tokens", ggufValue.array("i32", [1, 2]))))).message).toMatch(
      /tokenizer\.ggml\.tokens must be an array of strings, found an array of i32/,
    );
    expect((await invalid(await rewrite(withValue("tokenizer.ggml.token_type", ggufValue.array("u8", [1]))))).message).toMatch(/must be an array of i32/);
    expect((await invalid(await rewrite(withValue("tokenizer.ggml.token_type", ggufValue.array("i32", [1, 1]))))).message).toMatch(/has 2 entries for 1024 tokens/);
    expect((await invalid(await rewrite(withValue("tokenizer.ggml.model", ggufValue.string("sentencepiece"))))).message).toMatch(/tokenizer\.ggml\.model is "sentencepiece"/);
  });

  it("an embedding matrix that does not match the vocabulary", async () => {
    const tokens = header.metadata.strings("tokenizer.ggml.tokens")!.slice(0, 1000);
    const types = (header.metadata.array("tokenizer.ggml.token_type")!.items as number[]).slice(0, 1000);
    const e = await invalid(
      await rewrite((kv) => withValue("tokenizer.ggml.token_type", ggufValue.array("i32", types))(withValue("tokenizer.ggml.tokens", ggufValue.array("string", tokens))(kv))),
    );
    expect(e.message).toMatch(/tensor "token_embd\.weight" has shape \[64, 1024\], expected \[64, 1000\]/);
    expect(e.tensor).toBe("token_embd.weight");
  });

  it("a missing token embedding", async () => {
    const e = await invalid(await rewrite((kv) => kv, (t) => t.filter((x) => x.name !== "token_embd.weight")));
    expect(e.message).toBe("missing tensor token_embd.weight");
  });

  it("applies only the generic checks to an architecture it does not know", async () => {
    const renamed = (kv: Entries): Entries =>
      kv
        .filter(([k]) => k !== "qwen2.attention.head_count" && k !== "qwen2.attention.head_count_kv")
        .map(([k, v]): [string, GgufValue] => [k.replace(/^qwen2\./, "mystery."), k === "general.architecture" ? ggufValue.string("mystery") : v]);
    const s = await validateModelFile(await rewrite(renamed));
    expect(s.architecture).toBe("mystery");
    expect(s.headCount).toBeUndefined();
    expect(s.warnings).toEqual(['architecture "mystery" is not one hammer checks in depth']);
    const noContext = (kv: Entries) => renamed(kv).filter(([k]) => k !== "mystery.context_length");
    expect((await invalid(await rewrite(noContext))).message).toBe("missing metadata key mystery.context_length");
  });

  it("checks only the tensors present in one part of a split model", async () => {
    const part = await rewrite((kv) => [...kv, ["split.count", ggufValue.u16(2)]], (t) => t.filter((x) => !x.name.startsWith("blk.1.") && x.name !== "token_embd.weight"));
    expect((await validateModelFile(part)).warnings).toEqual(["split model (2 files): only the tensors in this file were checked"]);
  });

  it("tolerates what llama.cpp tolerates, with a warning", async () => {
    const s = await validateModelFile(await rewrite(withValue("tokenizer.ggml.padding_token_id", ggufValue.u32(5000))));
    expect(s.warnings).toEqual(["tokenizer.ggml.padding_token_id = 5000 is outside the 1024-token vocabulary; llama.cpp ignores it"]);
  });

  it("warns about a context length no real model has (2^31 - 1)", async () => {
    const s = await validateModelFile(await rewrite(withValue("qwen2.context_length", ggufValue.u32(2 ** 31 - 1))));
    expect(s.contextLength).toBe(2 ** 31 - 1);
    expect(s.warnings).toEqual([
      "qwen2.context_length is 2147483647 tokens, more than any real model's (16777216): probably a placeholder; give an explicit context size (--context-size)",
    ]);
    // a long but real one (Llama 4 Scout: 10M) is no oddity
    expect((await validateModelFile(await rewrite(withValue("qwen2.context_length", ggufValue.u32(10_485_760))))).warnings).toEqual([]);
  });

  it("a missing file is NOT_FOUND", async () => {
    await expect(validateModelFile(path.join(dir, "missing.gguf"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("why validate first", () => {
  it("llama.cpp aborts the whole process on a model without attention.head_count; validation throws instead", async () => {
    const bad = await rewrite(without("qwen2.attention.head_count"));
    await expect(validateModelFile(bad)).rejects.toThrow(/missing metadata key qwen2\.attention\.head_count/);

    // Unvalidated, node-llama-cpp's loadModel hits a GGML_ASSERT: SIGABRT, no exception to catch.
    const llamaUrl = pathToFileURL(createRequire(import.meta.url).resolve("node-llama-cpp")).href;
    const script = [
      `const { getLlama, LlamaLogLevel } = await import(${JSON.stringify(llamaUrl)});`,
      `const llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.disabled });`,
      `try { await llama.loadModel({ modelPath: ${JSON.stringify(bad)} }); console.log("loaded"); } catch { console.log("threw"); }`,
    ].join("\n");
    const scriptPath = path.join(dir, "load-unvalidated.mjs");
    writeFileSync(scriptPath, script);
    const child = spawnSync(process.execPath, [scriptPath], { encoding: "utf8", timeout: 60_000 });
    expect(child.stdout).not.toMatch(/loaded|threw/);
    expect(child.signal).toBe("SIGABRT");
    expect(process.exitCode ?? 0).toBe(0); // and this process carries on
  });
});
