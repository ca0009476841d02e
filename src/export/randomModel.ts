import path from "node:path";
import { HammerError } from "../core/errors.js";
import { Rng } from "../core/rng.js";
import type { EncodableTensorType } from "./gguf/encodeTensor.js";
import { writeGguf } from "./gguf/writeGguf.js";
import { qwen2RandomMetadata } from "./random/qwen2RandomMetadata.js";
import { qwen2TensorPlan, randomTensorSources } from "./random/qwen2RandomTensors.js";
import { isRandomModelShapeName, RANDOM_MODEL_SHAPES, RANDOM_MODEL_SHAPE_NAMES, type RandomModelShapeName } from "./random/randomModelShapes.js";
import { randomModelVocab } from "./random/randomModelVocab.js";

export const RANDOM_MODEL_QUANTS = ["f32", "f16", "q8_0", "q4_0"] as const;
export type RandomModelQuant = (typeof RANDOM_MODEL_QUANTS)[number];
/** The weight type when none is asked for: small and fast on a CPU, and exact enough for tests. */
export const RANDOM_MODEL_DEFAULT_QUANT: RandomModelQuant = "q8_0";

const WEIGHT_TYPE: Record<RandomModelQuant, EncodableTensorType> = { f32: "F32", f16: "F16", q8_0: "Q8_0", q4_0: "Q4_0" };

export interface RandomModelOptions {
  shape: RandomModelShapeName;
  /** Default q8_0. */
  quant?: RandomModelQuant;
  /** Same seed → byte-identical file. Default 0. */
  seed?: number;
  /** `general.name`. Default `random-qwen2-<shape>`, which chooseFormat maps to hammer2.1 (a name without that prefix lets it read the chat template). */
  name?: string;
  out: string;
  onProgress?: (written: number, total: number) => void;
}

export interface RandomModelResult {
  path: string;
  shape: RandomModelShapeName;
  quant: RandomModelQuant;
  seed: number;
  bytes: number;
  sha256: string;
  vocabSize: number;
  tensorCount: number;
  parameterCount: number;
  seconds: number;
}

/**
 * Write a qwen2-architecture GGUF with random weights and a real byte-level BPE tokenizer (ChatML special
 * tokens, Qwen-style tool tags and chat template), for tests and realistic-speed benchmarks without
 * downloading a model. Deterministic from `seed`; streamed tensor by tensor; written atomically.
 */
export async function writeRandomModel(options: RandomModelOptions): Promise<RandomModelResult> {
  const { shape: shapeName, quant = RANDOM_MODEL_DEFAULT_QUANT, out } = options;
  const seed = options.seed ?? 0;
  if (!isRandomModelShapeName(shapeName)) {
    throw new HammerError("INPUT_INVALID", `unknown shape "${String(shapeName)}" (expected ${RANDOM_MODEL_SHAPE_NAMES.join(", ")})`);
  }
  if (!Object.hasOwn(WEIGHT_TYPE, quant)) {
    throw new HammerError("INPUT_INVALID", `unknown quantisation "${String(quant)}" (expected ${RANDOM_MODEL_QUANTS.join(", ")})`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new HammerError("INPUT_INVALID", `seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (options.name !== undefined && (typeof options.name !== "string" || options.name.trim() === "")) {
    throw new HammerError("INPUT_INVALID", `name must be a non-empty string, got ${JSON.stringify(options.name)}`);
  }
  const started = performance.now();
  const shape = RANDOM_MODEL_SHAPES[shapeName];
  const weightType = WEIGHT_TYPE[quant];
  const vocab = randomModelVocab(shape.vocabSize);
  const plan = qwen2TensorPlan(shape, weightType, vocab.tokens.length);
  const rng = new Rng(`hammer-random-model:${seed}`);
  const result = await writeGguf(path.resolve(out), qwen2RandomMetadata(shape, weightType, vocab, options.name), randomTensorSources(plan, rng), {
    onProgress: options.onProgress,
  });
  return {
    path: result.path,
    shape: shapeName,
    quant,
    seed,
    bytes: result.bytes,
    sha256: result.sha256,
    vocabSize: vocab.tokens.length,
    tensorCount: plan.length,
    parameterCount: plan.reduce((n, t) => n + t.dims.reduce((a, b) => a * b, 1), 0),
    seconds: (performance.now() - started) / 1000,
  };
}
