import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRunConfig, initFromRun } from "./buildRunConfig.js";

let dir: string;
let model: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-runcfg-"));
  model = path.join(dir, "model");
  mkdirSync(model);
  writeFileSync(path.join(model, "config.json"), '{"model_type": "qwen2"}');
  data = path.join(dir, "d.jsonl");
  writeFileSync(data, '{"instruction": "q", "input": "", "output": "a"}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("buildRunConfig", () => {
  it("defaults to Hammer's recipe, every path absolute, the data hashed", async () => {
    const cfg = await buildRunConfig({ model, data, out: path.join(dir, "run") });
    expect(cfg).toMatchObject({
      method: "lora",
      run_dir: path.join(dir, "run"),
      lora: { r: 32, alpha: 64, dropout: 0, target_modules: "all-linear" },
      optim: { lr: 5e-5, scheduler: "cosine", warmup_ratio: 0.00833, weight_decay: 0.01, epochs: 1, per_device_batch: 4, grad_accum: 2, max_steps: null },
      data: { path: data, max_len: 2048, task_field: null },
      sampler: "sequential",
      precision: "auto",
      model: { path: model, merge_adapters: [], add_special_tokens: [] },
    });
    expect(cfg.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(cfg.model.gguf_cache_dir).toMatch(/hf-from-gguf$/);
  });

  it("takes every hyperparameter as an option", async () => {
    const cfg = await buildRunConfig({
      model, data, out: "r", method: "cgc-lora", taskField: "task", loraR: 16, targetModules: "q_proj, v_proj", lr: 1e-4, batchSize: 8,
      gradAccum: 4, maxLen: 512, sampler: "random", addSpecialTokens: [], chatTemplate: "chatml", gpus: 2, deepspeed: 3, cgcTaskExpertRank: 2,
    });
    expect(cfg.lora.target_modules).toEqual(["q_proj", "v_proj"]);
    expect(cfg.model.add_special_tokens).toEqual(["<tool_call>", "</tool_call>"]);
    expect(cfg).toMatchObject({ method: "cgc-lora", device: "cuda", distributed: { gpus: 2, deepspeed: 3 }, cgc: { task_expert_rank: 2 }, model: { chat_template: "chatml" } });
  });

  it("refuses bad flags and missing inputs with their code and flag", async () => {
    const base = { model, data, out: "r" };
    await expect(buildRunConfig({ ...base, model: path.join(dir, "nope") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildRunConfig({ ...base, model: dir })).rejects.toMatchObject({ code: "MODEL_INVALID", message: expect.stringMatching(/no config.json/) });
    writeFileSync(path.join(dir, "fake.gguf"), "not a gguf");
    await expect(buildRunConfig({ ...base, model: path.join(dir, "fake.gguf") })).rejects.toMatchObject({ code: "MODEL_INVALID", message: expect.stringMatching(/bad magic/) });
    await expect(buildRunConfig({ ...base, data: path.join(dir, "none.jsonl") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildRunConfig({ ...base, method: "cgc-lora" })).rejects.toMatchObject({ code: "USAGE", location: "--task-field" });
    await expect(buildRunConfig({ ...base, loraR: 0 })).rejects.toMatchObject({ code: "USAGE", location: "--lora-r" });
    await expect(buildRunConfig({ ...base, lr: -1 })).rejects.toMatchObject({ code: "USAGE", location: "--lr" });
    await expect(buildRunConfig({ ...base, deepspeed: 2 })).rejects.toMatchObject({ code: "USAGE", location: "--deepspeed" });
    await expect(buildRunConfig({ ...base, nodes: 2 })).rejects.toMatchObject({ code: "USAGE", location: "--main-process-ip" });
    await expect(buildRunConfig({ ...base, chatTemplate: path.join(dir, "none.jinja") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(buildRunConfig({ data, out: "r" })).rejects.toMatchObject({ code: "USAGE", location: "--model" });
  });

  it("--init-from continues from an earlier run: its adapter merged first, or its full model", async () => {
    const lora = path.join(dir, "stage1");
    mkdirSync(path.join(lora, "adapter"), { recursive: true });
    writeFileSync(path.join(lora, "config.json"), JSON.stringify({ method: "lora", model: { path: model, merge_adapters: ["/earlier/adapter"] } }));
    expect(initFromRun(lora)).toEqual({ model, mergeAdapters: ["/earlier/adapter", path.join(lora, "adapter")] });
    const cfg = await buildRunConfig({ initFrom: lora, data, out: "r2" });
    expect(cfg.model.merge_adapters).toEqual(["/earlier/adapter", path.join(lora, "adapter")]);
    expect(cfg.init_from).toBe(lora);

    const full = path.join(dir, "full");
    mkdirSync(path.join(full, "model"), { recursive: true });
    writeFileSync(path.join(full, "model", "config.json"), "{}");
    writeFileSync(path.join(full, "config.json"), JSON.stringify({ method: "full", model: { path: model, merge_adapters: [] } }));
    expect(initFromRun(full)).toEqual({ model: path.join(full, "model"), mergeAdapters: [] });

    const unfinished = path.join(dir, "unfinished");
    mkdirSync(unfinished);
    writeFileSync(path.join(unfinished, "config.json"), JSON.stringify({ method: "lora", model: { path: model, merge_adapters: [] } }));
    expect(() => initFromRun(unfinished)).toThrow(/has not finished/);
    expect(() => initFromRun(path.join(dir, "nothing"))).toThrow(/not a training run/);
    await expect(buildRunConfig({ initFrom: lora, model, data, out: "r3" })).rejects.toMatchObject({ code: "USAGE" });
  });
});
