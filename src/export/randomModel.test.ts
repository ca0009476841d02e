import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readGgufHeader, readTensorData, validateModelFile } from "../core/gguf/index.js";
import { decodeTensor } from "./gguf/encodeTensor.js";
import { qwen2TensorPlan } from "./random/qwen2RandomTensors.js";
import { RANDOM_MODEL_SHAPES } from "./random/randomModelShapes.js";
import { RANDOM_MODEL_QUANTS, writeRandomModel } from "./randomModel.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-random-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeRandomModel (tiny)", () => {
  it("is deterministic: same seed → same bytes, different seed → different bytes", async () => {
    const a = await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 1, out: path.join(dir, "a.gguf") });
    const b = await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 1, out: path.join(dir, "b.gguf") });
    const c = await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 2, out: path.join(dir, "c.gguf") });
    console.log(`tiny q8_0: ${a.bytes} bytes written in ${(a.seconds * 1000).toFixed(0)} ms`);
    expect(a.sha256).toBe(b.sha256);
    expect(readFileSync(a.path).equals(readFileSync(b.path))).toBe(true);
    expect(c.sha256).not.toBe(a.sha256);
    expect(a.bytes).toBe(c.bytes);
  });

  it.each(RANDOM_MODEL_QUANTS)("%s passes validation with the documented tensor types", async (quant) => {
    const r = await writeRandomModel({ shape: "tiny", quant, seed: 3, out: path.join(dir, `t-${quant}.gguf`) });
    const s = await validateModelFile(r.path);
    expect(s.warnings).toEqual([]);
    expect(s.sizeBytes).toBe(r.bytes);
    expect(s.tensorCount).toBe(r.tensorCount);
    expect(s.parameterCount).toBe(r.parameterCount);
    const weight = { f32: "F32", f16: "F16", q8_0: "Q8_0", q4_0: "Q4_0" }[quant];
    const embedding = quant === "q4_0" ? "Q8_0" : weight;
    const byName = new Map(s.tensors.map((t) => [t.name, t.type.name]));
    expect(byName.get("blk.0.attn_q.weight")).toBe(weight);
    expect(byName.get("blk.1.ffn_down.weight")).toBe(weight);
    expect(byName.get("token_embd.weight")).toBe(embedding);
    expect(byName.get("output.weight")).toBe(embedding);
    expect(byName.get("blk.0.attn_q.bias")).toBe("F32");
    expect(byName.get("output_norm.weight")).toBe("F32");
  });

  it("draws weights with the planned scale and exact norms", async () => {
    const header = await readGgufHeader(path.join(dir, "t-f32.gguf"));
    const q = header.tensors.find((t) => t.name === "blk.0.attn_q.weight")!;
    const values = decodeTensor("F32", await readTensorData(header, q), q.elements);
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    expect(std).toBeGreaterThan(0.125 * 0.95); // 1/sqrt(64)
    expect(std).toBeLessThan(0.125 * 1.05);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    const norm = header.tensors.find((t) => t.name === "blk.0.attn_norm.weight")!;
    expect([...decodeTensor("F32", await readTensorData(header, norm), 64)]).toEqual(new Array(64).fill(1));
  });

  it("rejects bad options with INPUT_INVALID", async () => {
    const out = path.join(dir, "bad.gguf");
    await expect(writeRandomModel({ shape: "huge" as "tiny", quant: "q8_0", out })).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringMatching(/unknown shape "huge"/) });
    await expect(writeRandomModel({ shape: "tiny", quant: "q5_k" as "q8_0", out })).rejects.toThrow(/unknown quantisation "q5_k"/);
    await expect(writeRandomModel({ shape: "tiny", quant: "q8_0", seed: -1, out })).rejects.toThrow(/seed must be an integer/);
    await expect(writeRandomModel({ shape: "tiny", quant: "q8_0", out: path.join(dir, "no-such-dir", "x.gguf") })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/cannot create .*no-such-dir/),
    });
  });
});

describe("real Qwen2 shapes (planned, not written)", () => {
  // Parameter counts of Qwen2.5-0.5B and Qwen2.5-1.5B (tied embeddings), from their model cards.
  it.each([
    ["qwen2-0.5b", 494_032_768, 24 * 12 + 2],
    ["qwen2-1.5b", 1_543_714_304, 28 * 12 + 2],
  ] as const)("%s has the real parameter count", (name, params, tensors) => {
    const plan = qwen2TensorPlan(RANDOM_MODEL_SHAPES[name], "Q4_0", 151_936);
    expect(plan.reduce((n, t) => n + t.dims.reduce((a, b) => a * b, 1), 0)).toBe(params);
    expect(plan).toHaveLength(tensors);
    expect(plan.find((t) => t.name === "output.weight")).toBeUndefined();
    expect(plan.every((t) => t.dims[0]! % 32 === 0)).toBe(true);
  });
});
