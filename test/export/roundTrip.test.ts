import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getLlama, JinjaTemplateChatWrapper, LlamaLogLevel, type ChatHistoryItem, type Llama, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGgufHeader, validateModelFile } from "../../src/core/gguf/index.js";
import { exportGguf, exportLora, type ExportType } from "../../src/export/index.js";
import { HAS_TRAINER_VENV, makeHfFixture, SKIP_TRAINER_REASON, type HfFixtureResult } from "./support/hfFixture.js";
import { llamaLogprobs, maxAbsDiff } from "./support/llamaLogprobs.js";

/**
 * Bounds on max |Δ log-probability| against transformers (float32, CPU) on the tiny random fixtures,
 * whose weights are scaled so every layer moves the logits by whole units (log-probabilities span
 * about 10). f32 differs only by summation order (measured ≤ 1e-5); f16 adds weight rounding (measured
 * ≤ 1.6e-2); q8_0 adds weight and activation quantisation in llama.cpp's q8_0 matmul (measured
 * 0.11–0.32). The llama.cpp side runs with an F32 KV cache: the default F16 cache alone costs ~1e-2.
 */
const BOUND: Record<"f32" | "f16" | "q8_0", number> = { f32: 1e-3, f16: 3e-2, q8_0: 0.5 };

const PROMPTS = [
  "Hello world, the weather in Paris is 21 degrees today.",
  "<|im_start|>user\nWhat's 1234 + 5678? Héllo wörld, naïve café 東京<|im_end|>\n<|im_start|>assistant\n<tool_call>",
  "def add(a, b):\n    return a + b\n\n\nprint(add(1, 2))\t  done",
];
const CHATS = [[{ role: "user", content: "What's the weather in Zürich, in celsius?" }], [{ role: "system", content: "Call functions." }, { role: "user", content: "Hi 42" }]];

const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-export-roundtrip-"));
let llama: Llama;
beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
});
afterAll(async () => {
  await llama?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_TRAINER_VENV).each(["qwen2", "llama"] as const)("%s: transformers → hammer export gguf → llama.cpp", (arch) => {
  const hfDir = path.join(dir, arch);
  const adapterDir = path.join(dir, `${arch}-adapter`);
  let ref: HfFixtureResult;
  const models = new Map<string, LlamaModel>();
  const gguf = (label: string) => path.join(dir, `${arch}-${label}.gguf`);

  beforeAll(async () => {
    ref = await makeHfFixture({
      out: hfDir,
      arch,
      seed: arch === "qwen2" ? 1 : 2,
      // qwen2: sharded with an index; llama: one file, bfloat16 on disk, tied embeddings.
      ...(arch === "qwen2" ? { max_shard_size: "200KB" } : { dtype: "bfloat16", tie: true }),
      prompts: PROMPTS,
      chats: CHATS,
      adapter: { out: adapterDir, r: 4, alpha: 8 },
    });
    for (const type of ["f32", "f16", "q8_0"] as ExportType[]) await exportGguf({ model: hfDir, out: gguf(type), type });
    await exportGguf({ model: hfDir, adapter: adapterDir, out: gguf("merged"), type: "f32" });
    await exportLora({ adapter: adapterDir, base: hfDir, out: gguf("lora") });
    for (const label of ["f32", "f16", "q8_0", "merged"]) {
      await validateModelFile(gguf(label));
      models.set(label, await llama.loadModel({ modelPath: gguf(label) }));
    }
  }, 600_000);
  afterAll(async () => {
    for (const m of models.values()) await m.dispose();
  });

  it("tokenizes plain text, special tokens and the chat template exactly as the Hugging Face tokenizer", async () => {
    const model = models.get("f32")!;
    for (const p of ref.base.prompts) expect([...model.tokenize(p.text, true)], p.text).toEqual(p.ids);
    const header = await readGgufHeader(gguf("f32"));
    const template = header.metadata.get("tokenizer.chat_template");
    expect(template?.type === "string" && template.value).toContain("<|im_start|>");
    for (const [i, c] of ref.base.chats.entries()) {
      expect([...model.tokenize(c.text, true)]).toEqual(c.ids);
      // node-llama-cpp's Jinja renders the exported template as transformers rendered the original.
      const jinja = new JinjaTemplateChatWrapper({ template: (template as { value: string }).value });
      const history: ChatHistoryItem[] = CHATS[i]!.map((m) => (m.role === "system" ? { type: "system", text: m.content } : { type: "user", text: m.content }));
      const { contextText } = jinja.generateContextState({ chatHistory: [...history, { type: "model", response: [] }] });
      expect(contextText.toString()).toBe(c.text);
    }
    // The llama fixture's tokenizer adds a BOS itself (post-processor); the qwen2 one adds nothing.
    expect(header.metadata.get("tokenizer.ggml.add_bos_token")).toEqual({ type: "bool", value: arch === "llama" });
    for (const p of ref.base.prompts) expect(p.ids_with_special.length - p.ids.length).toBe(arch === "llama" ? 1 : 0);
  });

  it.each(["f32", "f16", "q8_0"] as const)("next-token logits of the %s export match transformers", async (type) => {
    const diffs: number[] = [];
    for (const p of ref.base.prompts) diffs.push(maxAbsDiff(await llamaLogprobs(models.get(type)!, p.ids_with_special), p.logprobs));
    console.log(`${arch} ${type}: max |Δ logprob| per prompt ${diffs.map((d) => d.toExponential(2)).join(", ")} (bound ${BOUND[type]})`);
    for (const d of diffs) expect(d).toBeLessThan(BOUND[type]);
  });

  it("a merged LoRA export matches transformers with the adapter applied", async () => {
    const diffs: number[] = [];
    for (const [i, p] of ref.adapter!.prompts.entries()) {
      // The adapter must actually move the logits, or this test would prove nothing.
      expect(maxAbsDiff(p.logprobs, ref.base.prompts[i]!.logprobs)).toBeGreaterThan(0.1);
      diffs.push(maxAbsDiff(await llamaLogprobs(models.get("merged")!, p.ids_with_special), p.logprobs));
    }
    console.log(`${arch} merged: max |Δ logprob| ${diffs.map((d) => d.toExponential(2)).join(", ")}`);
    for (const d of diffs) expect(d).toBeLessThan(BOUND.f32);
  });

  it("the GGUF LoRA adapter applied at run time gives the merged export's logits", async () => {
    for (const p of ref.adapter!.prompts) {
      const runtime = await llamaLogprobs(models.get("f32")!, p.ids_with_special, gguf("lora"));
      const merged = await llamaLogprobs(models.get("merged")!, p.ids_with_special);
      expect(maxAbsDiff(runtime, merged)).toBeLessThan(BOUND.f32);
      expect(maxAbsDiff(runtime, p.logprobs)).toBeLessThan(BOUND.f32);
    }
  });
});

describe.skipIf(!HAS_TRAINER_VENV)("qwen2 with an rsLoRA adapter with rank and alpha patterns", () => {
  const hfDir = path.join(dir, "patterns");
  const adapterDir = path.join(dir, "patterns-adapter");
  let ref: HfFixtureResult;
  let merged: LlamaModel;
  beforeAll(async () => {
    ref = await makeHfFixture({
      out: hfDir,
      arch: "qwen2",
      seed: 3,
      prompts: PROMPTS.slice(0, 2),
      adapter: { out: adapterDir, r: 4, alpha: 6, rslora: true, rank_pattern: { q_proj: 2 }, alpha_pattern: { "mlp\\.down_proj": 3 }, targets: ["q_proj", "v_proj", "down_proj", "lm_head"] },
    });
    await exportGguf({ model: hfDir, adapter: adapterDir, out: path.join(dir, "patterns-merged.gguf"), type: "f32" });
    merged = await llama.loadModel({ modelPath: path.join(dir, "patterns-merged.gguf") });
  }, 600_000);
  afterAll(async () => {
    await merged?.dispose();
  });

  it("merges each module with PEFT's own scale (alpha/√r per module, lm_head included)", async () => {
    for (const p of ref.adapter!.prompts) expect(maxAbsDiff(await llamaLogprobs(merged, p.ids_with_special), p.logprobs)).toBeLessThan(BOUND.f32);
  });

  it("refuses a GGUF adapter for it: PEFT saved a full lm_head copy beside the LoRA, which only a merge can use", async () => {
    await expect(exportLora({ adapter: adapterDir, base: hfDir, out: path.join(dir, "patterns-lora.gguf") })).rejects.toThrow(/carries full weights for lm_head\.weight/);
  });
});

describe.skipIf(!HAS_TRAINER_VENV)("llama: a GGUF adapter whose modules have different scales", () => {
  const hfDir = path.join(dir, "scales");
  const adapterDir = path.join(dir, "scales-adapter");
  let ref: HfFixtureResult;
  let base: LlamaModel;
  beforeAll(async () => {
    ref = await makeHfFixture({
      out: hfDir,
      arch: "llama",
      seed: 4,
      prompts: PROMPTS.slice(0, 2),
      adapter: { out: adapterDir, r: 4, alpha: 4, rank_pattern: { k_proj: 2 }, alpha_pattern: { o_proj: 16 }, targets: ["q_proj", "k_proj", "o_proj", "up_proj"] },
    });
    await exportGguf({ model: hfDir, out: path.join(dir, "scales-base.gguf"), type: "f32" });
    base = await llama.loadModel({ modelPath: path.join(dir, "scales-base.gguf") });
  }, 600_000);
  afterAll(async () => {
    await base?.dispose();
  });

  it("folds each scale into B (alpha 0), reorders B's q/k rows, and applies at run time as transformers does", async () => {
    const lora = await exportLora({ adapter: adapterDir, base: hfDir, out: path.join(dir, "scales-lora.gguf") });
    expect(lora.alpha).toBe(0);
    for (const p of ref.adapter!.prompts) {
      expect(maxAbsDiff(await llamaLogprobs(base, p.ids_with_special, lora.path), p.logprobs)).toBeLessThan(BOUND.f32);
    }
  });
});

describe.runIf(!HAS_TRAINER_VENV)("export round trip", () => {
  it.skip(SKIP_TRAINER_REASON, () => undefined);
});
