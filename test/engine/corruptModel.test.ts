import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/core/rng.js";
import { createLlamaEngine, resolveModel } from "../../src/engine/index.js";
import {
  qwen2RandomMetadata,
  qwen2TensorPlan,
  RANDOM_MODEL_SHAPES,
  randomModelVocab,
  randomTensorSources,
  writeGguf,
} from "../../src/export/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// Broken model files must fail with an error, never take the process down: llama.cpp aborts the
// whole process (SIGABRT) on some missing hyperparameters, so the engine validates first.

const model = useTinyModel(4);

describe("corrupt GGUF files", () => {
  it("a truncated file is MODEL_INVALID", async () => {
    const bytes = readFileSync(model.file());
    const file = path.join(model.dir(), "truncated.gguf");
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(createLlamaEngine({ model: file, threads: 1 })).rejects.toMatchObject({ code: "MODEL_INVALID" });
    await expect(resolveModel(file)).rejects.toMatchObject({ code: "MODEL_INVALID" });
  });

  it("a file missing qwen2.feed_forward_length is MODEL_INVALID naming the key (llama.cpp would abort)", async () => {
    const shape = RANDOM_MODEL_SHAPES.tiny;
    const vocab = randomModelVocab(shape.vocabSize);
    const metadata = qwen2RandomMetadata(shape, "F32", vocab).filter(([key]) => key !== "qwen2.feed_forward_length");
    const file = path.join(model.dir(), "no-ffn.gguf");
    await writeGguf(file, metadata, randomTensorSources(qwen2TensorPlan(shape, "F32", vocab.tokens.length), new Rng(1)));
    await expect(createLlamaEngine({ model: file, threads: 1 })).rejects.toThrow(/feed_forward_length/);
  });

  it("the process is alive and a valid model still serves requests", async () => {
    const engine = await createLlamaEngine({ model: model.file(), threads: 1, contextSize: 512 });
    try {
      const turn = await engine.generate({ messages: [{ role: "user", content: "hi" }], maxTokens: 4, seed: 1 });
      expect(turn.usage.completionTokens).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });

  it("a missing file is NOT_FOUND; bad engine options are INPUT_INVALID", async () => {
    await expect(createLlamaEngine({ model: path.join(model.dir(), "nope.gguf") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createLlamaEngine({ model: model.file(), parallel: 0 })).rejects.toThrow(/parallel/);
    await expect(createLlamaEngine({ model: model.file(), format: "chatgpt" as never })).rejects.toThrow(/unknown prompt format/);
  });
});
