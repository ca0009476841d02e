import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register } from "../../src/cli/commands/serve.js";
import { createEngine, prepareEngine, type Engine } from "../../src/engine/index.js";
import { exportGguf, exportLora } from "../../src/export/index.js";
import { runCliInProcess } from "../support/runCliInProcess.js";
import { TINY_SHAPE, writeTinyAdapter, writeTinyHfFolder } from "../export/support/writeTinyHfFolder.js";
import { postJson, startServer, type RunningServer } from "./support/startServer.js";

/**
 * `hammer serve --lora NAME=FILE`: a GGUF LoRA adapter served beside its base model, selected by a
 * request's `model`. What the adapter serves must be what the adapter merged into the weights serves.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-serve-lora-"));
const H = TINY_SHAPE.hiddenSize;
const KV = (H / TINY_SHAPE.heads) * TINY_SHAPE.kvHeads;
const PROMPT = "<|im_start|>user\nthe weather in Paris<|im_end|>\n<|im_start|>assistant\n";
const opts = { backend: "llama" as const, threads: 1, contextSize: 256, gpu: false as const };
let base: string;
let merged: string;
let lora: string;
let engine: Engine;
let mergedEngine: Engine;
let srv: RunningServer;

beforeAll(async () => {
  const hf = writeTinyHfFolder(path.join(dir, "hf"), { arch: "qwen2", seed: 5 });
  const adapter = writeTinyAdapter(path.join(dir, "adapter"), {
    "model.layers.0.self_attn.v_proj": { a: [4, H], b: [KV, 4] },
    "model.layers.0.mlp.up_proj": { a: [4, H], b: [TINY_SHAPE.intermediateSize, 4] },
    lm_head: { a: [4, H], b: [TINY_SHAPE.vocabSize, 4] },
  });
  base = (await exportGguf({ model: hf, out: path.join(dir, "base.gguf"), type: "f32" })).path;
  merged = (await exportGguf({ model: hf, adapter, out: path.join(dir, "merged.gguf"), type: "f32" })).path;
  lora = (await exportLora({ adapter, base: hf, out: path.join(dir, "task-a.gguf") })).path;
  engine = await createEngine({ ...opts, model: base, name: "tiny", adapters: [{ name: "task-a", file: lora }] });
  mergedEngine = await createEngine({ ...opts, model: merged });
  srv = await startServer(engine);
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  await mergedEngine?.close();
  rmSync(dir, { recursive: true, force: true });
});

const greedy = (e: Engine, adapter?: string) => e.complete({ prompt: PROMPT, maxTokens: 12, temperature: 0, ...(adapter ? { adapter } : {}) });

describe("an engine with a LoRA adapter", () => {
  it("serves the adapter as the merged model would, and the base model unchanged", async () => {
    expect(engine.info.adapters).toEqual(["task-a"]);
    const withAdapter = await greedy(engine, "task-a");
    expect(withAdapter.usage.completionTokens).toBeGreaterThan(0);
    expect(withAdapter.text).toBe((await greedy(mergedEngine)).text);
    const plain = await greedy(engine);
    expect(plain.text).not.toBe(withAdapter.text);
    expect((await greedy(engine)).text).toBe(plain.text);
  });

  it("refuses an adapter it did not load, before queueing, for chats and completions alike", async () => {
    await expect(greedy(engine, "task-b")).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringMatching(/"task-b" is not loaded \(loaded: task-a\)/) });
    const chat = { messages: [{ role: "user" as const, content: "hi" }], maxTokens: 2 };
    await expect(engine.generate({ ...chat, adapter: "task-b" })).rejects.toMatchObject({ code: "INPUT_INVALID", location: "adapter" });
    await expect(mergedEngine.generate({ ...chat, adapter: "task-a" })).rejects.toThrow(/"task-a" is not loaded \(no adapters loaded\)/);
    await expect(engine.generate({ ...chat, adapter: 7 as unknown as string })).rejects.toThrow(/^adapter: must be a non-empty string, got 7$/);
  });

  it("runs chats with the adapter as the merged model does", async () => {
    const chat = { messages: [{ role: "user" as const, content: "the weather in Paris" }], maxTokens: 8, temperature: 0 };
    const withAdapter = await engine.generate({ ...chat, adapter: "task-a" });
    expect(withAdapter.raw).toBe((await mergedEngine.generate(chat)).raw);
    expect((await engine.generate(chat)).raw).not.toBe(withAdapter.raw);
  });

  it("checks adapter files before llama.cpp sees them", async () => {
    const other = writeTinyHfFolder(path.join(dir, "wide"), { arch: "qwen2", shape: { hiddenSize: 64 } });
    const wide = await exportLora({
      adapter: writeTinyAdapter(path.join(dir, "wide-adapter"), { "model.layers.0.self_attn.v_proj": { a: [4, 64], b: [32, 4] } }),
      base: other,
      out: path.join(dir, "wide.gguf"),
    });
    const llamaHf = writeTinyHfFolder(path.join(dir, "llama"), { arch: "llama" });
    const llamaLora = await exportLora({ adapter: writeTinyAdapter(path.join(dir, "llama-adapter"), { "model.layers.0.self_attn.v_proj": { a: [4, H], b: [KV, 4] } }), base: llamaHf, out: path.join(dir, "llama-lora.gguf") });
    const cases: Array<[string, RegExp]> = [
      [wide.path, /lora_a \[64, 4\] and lora_b \[4, 32\] do not fit "blk\.0\.attn_v\.weight" \[32, 16\]/],
      [llamaLora.path, /made for architecture llama, but the model is qwen2/],
      [merged, /not a GGUF LoRA adapter/],
    ];
    await expect(createEngine({ ...opts, model: base, name: "tiny", adapters: [{ name: "tiny", file: lora }] })).rejects.toThrow(/differ from each other and from the model's \(tiny\)/);
    for (const [file, message] of cases) {
      await expect(createEngine({ ...opts, model: base, adapters: [{ name: "x", file }] })).rejects.toMatchObject({ code: "MODEL_INVALID", message: expect.stringMatching(message) });
      // prepareEngine (serve's start-up) checks them too, before a port is bound or the model loads.
      await expect(prepareEngine({ backend: "llama", model: base, adapters: [{ name: "x", file }] })).rejects.toMatchObject({ code: "MODEL_INVALID", message: expect.stringMatching(message) });
    }
    await expect(prepareEngine({ backend: "llama", model: base, adapters: [{ name: "x", file: path.join(dir, "none.gguf") }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createEngine({ ...opts, model: base, adapters: [{ name: "x", file: lora, scale: Number.NaN }] })).rejects.toMatchObject({ code: "INPUT_INVALID", location: "adapters/0/scale" });
  });
});

describe("hammer serve with --lora", () => {
  it("lists the base model and its adapters", async () => {
    const res = await fetch(`${srv.baseURL}/models`);
    expect(((await res.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toEqual(["tiny", "task-a"]);
    expect((await fetch(`${srv.baseURL}/models/task-a`)).status).toBe(200);
    expect((await fetch(`${srv.baseURL}/models/task-b`)).status).toBe(404);
  });

  it("selects the adapter by the request's model, and the base model otherwise", async () => {
    const body = (model: string) => ({ model, prompt: PROMPT, max_tokens: 12, temperature: 0 });
    const a = await postJson(`${srv.baseURL}/completions`, body("task-a"));
    expect(a.status).toBe(200);
    expect(a.json.model).toBe("task-a");
    expect(a.json.choices[0].text).toBe((await greedy(mergedEngine)).text);
    const b = await postJson(`${srv.baseURL}/completions`, body("tiny"));
    expect(b.json.model).toBe("tiny");
    expect(b.json.choices[0].text).toBe((await greedy(engine)).text);
    const chat = await postJson(`${srv.baseURL}/chat/completions`, { model: "task-a", messages: [{ role: "user", content: "hi" }], max_tokens: 4 });
    expect(chat.status).toBe(200);
    expect(chat.json.model).toBe("task-a");
  });

  it("rejects a malformed --lora, --lora with an endpoint, and a --model-name that is also a --lora name (usage, exit 2)", async () => {
    await expect(runCliInProcess(register, ["serve", "--lora", "no-file"])).rejects.toThrow(/expected NAME=FILE/);
    await expect(runCliInProcess(register, ["serve", "--lora", `a=${lora}`, "--lora", `a=${lora}`])).rejects.toThrow(/the name a is given twice/);
    for (const endpoint of ["--upstream", "--endpoint"]) {
      const r = await runCliInProcess(register, ["serve", endpoint, "http://127.0.0.1:9", "--lora", `a=${lora}`]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--lora: applies to a local model \\(--model\\), not to ${endpoint}`));
    }
    const clash = await runCliInProcess(register, ["serve", "--model", base, "--model-name", "task-a", "--lora", `task-a=${lora}`]);
    expect(clash.exitCode).toBe(2);
    expect(clash.stderr).toMatch(/--model-name: task-a is also a --lora name/);
  });
});
