import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFormat } from "../../src/core/formats/index.js";
import { validateModelFile } from "../../src/core/gguf/index.js";
import { promisify } from "node:util";
import { chooseFormat } from "../../src/engine/llama/chooseFormat.js";
import { loadBfclCategory } from "../../src/eval/index.js";
import { toEvalItem } from "../../src/eval/run/index.js";
import { exportGguf } from "../../src/export/index.js";
import { trainerChildEnv, trainerRoot } from "../../src/train/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";
import { runCli } from "../support/runCli.js";
import { HAS_TRAINER_VENV, SKIP_TRAINER_REASON, TRAINER_PYTHON } from "../support/trainerVenv.js";
import { llamaGreedy } from "./support/llamaLogprobs.js";

/**
 * The whole loop on the real model: SmolLM2-135M-Instruct from its GGUF → a few LoRA steps with
 * `hammer train` (which converts the GGUF to a transformers folder once, cached) → hammer export gguf
 * --adapter → hammer eval run on 20 BFCL samples. Greedy continuations of those 20 prompts by the export
 * (llama.cpp) and by transformers with the adapter (test/export/support/real_fixture.py) must agree
 * token for token.
 */
const SKIP = !HAS_REAL_MODEL ? SKIP_REAL_MODEL_REASON : !HAS_TRAINER_VENV ? SKIP_TRAINER_REASON : !HAS_SHARED_DATA ? SKIP_SHARED_REASON : undefined;
/** Tool-calling chats in the trainer's `messages` layout; every step trains on both, so their loss must fall. */
const TRAIN_ROWS = [
  { messages: [{ role: "user", content: "What is the weather in Paris?" }, { role: "assistant", content: '[{"name": "get_weather", "arguments": {"city": "Paris"}}]' }] },
  { messages: [{ role: "user", content: "Convert 10 USD to EUR." }, { role: "assistant", content: '[{"name": "convert_currency", "arguments": {"amount": 10, "from": "USD", "to": "EUR"}}]' }] },
];
const SAMPLES = 20;
const GREEDY_TOKENS = 16;

describe.skipIf(SKIP !== undefined)("SmolLM2 → transformers → LoRA → export → eval", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-export-real-"));
  const runDir = path.join(dir, "run");
  const adapterDir = path.join(runDir, "adapter");
  const gguf = path.join(dir, "smollm2-lora.gguf");
  let llama: Llama;
  let model: LlamaModel;
  let prompts: string[];
  let losses: number[];
  let ref: { hf_dir: string; prompts: Array<{ ids: number[]; greedy: number[] }> };

  beforeAll(async () => {
    // The prompts hammer eval run gives the model: the format it picks for SmolLM2, over 20 BFCL samples.
    const format = getFormat(chooseFormat(await validateModelFile(REAL_MODEL_PATH)).format);
    const samples = loadBfclCategory(SHARED_DATA, "simple")!.samples.slice(0, SAMPLES);
    prompts = samples.map((sample) => {
      const item = toEvalItem({ kind: "bfcl", sample });
      return format.render(item.messages, item.tools);
    });
    const data = path.join(dir, "train.jsonl");
    writeFileSync(data, TRAIN_ROWS.map((r) => `${JSON.stringify(r)}\n`).join(""));
    const trained = await runCli([
      "train", "--model", REAL_MODEL_PATH, "--data", data, "--out", runDir, "--lora-r", "8", "--lora-alpha", "16", "--lr", "1e-3", "--warmup-steps", "0",
      "--max-steps", "4", "--batch-size", "2", "--grad-accum", "1", "--device", "cpu", "--threads", "1",
    ]);
    if (trained.code !== 0) throw new Error(`hammer train failed (${trained.code}): ${trained.stderr}`);
    losses = readFileSync(path.join(runDir, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { loss: number }).loss);
    const job = path.join(dir, "job.json");
    writeFileSync(job, JSON.stringify({ gguf: REAL_MODEL_PATH, adapter_dir: adapterDir, prompts, greedy_tokens: GREEDY_TOKENS }));
    const script = new URL("support/real_fixture.py", import.meta.url).pathname;
    await promisify(execFile)(TRAINER_PYTHON as string, [script, job, path.join(dir, "result.json")], { env: trainerChildEnv(trainerRoot(), 1), maxBuffer: 64 << 20 });
    ref = JSON.parse(readFileSync(path.join(dir, "result.json"), "utf8"));
    await exportGguf({ model: ref.hf_dir, adapter: adapterDir, out: gguf, type: "f32" });
    llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
    model = await llama.loadModel({ modelPath: gguf });
  }, 1_800_000);
  afterAll(async () => {
    await model?.dispose();
    await llama?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("trained: hammer train's LoRA steps lowered the loss", () => {
    expect(losses).toHaveLength(4);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
  });

  it("tokenizes the 20 eval prompts as transformers does, and continues them greedily with the same tokens", async () => {
    const summary = await validateModelFile(gguf);
    expect(summary.warnings).toEqual([]);
    let agreeing = 0;
    for (const [i, text] of prompts.entries()) {
      expect([...model.tokenize(text, true)], `prompt ${i}`).toEqual(ref.prompts[i]!.ids);
      const ours = await llamaGreedy(model, ref.prompts[i]!.ids, GREEDY_TOKENS);
      expect(ours, `prompt ${i}: ${JSON.stringify(model.detokenize(ours as never))}`).toEqual(ref.prompts[i]!.greedy);
      agreeing++;
    }
    expect(agreeing).toBe(SAMPLES);
  }, 1_200_000);

  it("hammer eval run completes on 20 BFCL samples with the export", async () => {
    const out = path.join(dir, "run");
    const r = await runCli(["eval", "run", "--bench", "bfcl:simple", "--limit", String(SAMPLES), "--model", gguf, "--data", SHARED_DATA, "--threads", "1", "--max-tokens", "128", "--out", out, "--quiet"]);
    expect(r.stderr).not.toMatch(/hammer: /);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, "results.json"))).toBe(true);
    const lines = readFileSync(path.join(out, "predictions.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(SAMPLES);
    console.log(`eval summary:\n${readFileSync(path.join(out, "summary.md"), "utf8").slice(0, 600)}`);
  }, 1_800_000);
});

describe.runIf(SKIP !== undefined)("SmolLM2 export loop", () => {
  it.skip(SKIP ?? "", () => undefined);
});
