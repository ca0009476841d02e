/**
 * Shapes of the random-weight models. `qwen2-0.5b` and `qwen2-1.5b` are the real Qwen2/Qwen2.5 0.5B and
 * 1.5B hyperparameters (hidden size, FFN size, heads, KV heads, layers, 151,936-token vocabulary, tied
 * embeddings), so load time, memory and decode speed are realistic; `tiny` is small enough to write in a
 * fraction of a second for tests.
 */
export interface RandomModelShape {
  readonly name: RandomModelShapeName;
  readonly layers: number;
  readonly embd: number;
  readonly ffn: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly contextLength: number;
  /** Vocabulary size; undefined → just the trained tokens, rounded up to a multiple of 128. */
  readonly vocabSize: number | undefined;
  /** No output.weight: the output projection reuses token_embd, as in Qwen2 0.5B/1.5B. */
  readonly tieEmbeddings: boolean;
  readonly ropeFreqBase: number;
  readonly rmsEps: number;
}

export const RANDOM_MODEL_SHAPE_NAMES = ["tiny", "qwen2-0.5b", "qwen2-1.5b"] as const;
export type RandomModelShapeName = (typeof RANDOM_MODEL_SHAPE_NAMES)[number];

const QWEN2_VOCAB = 151_936;

export const RANDOM_MODEL_SHAPES: Readonly<Record<RandomModelShapeName, RandomModelShape>> = {
  tiny: {
    name: "tiny",
    layers: 2,
    embd: 64,
    ffn: 256,
    heads: 4,
    kvHeads: 2,
    contextLength: 4096,
    vocabSize: undefined,
    tieEmbeddings: false,
    ropeFreqBase: 1_000_000,
    rmsEps: 1e-6,
  },
  "qwen2-0.5b": {
    name: "qwen2-0.5b",
    layers: 24,
    embd: 896,
    ffn: 4864,
    heads: 14,
    kvHeads: 2,
    contextLength: 32_768,
    vocabSize: QWEN2_VOCAB,
    tieEmbeddings: true,
    ropeFreqBase: 1_000_000,
    rmsEps: 1e-6,
  },
  "qwen2-1.5b": {
    name: "qwen2-1.5b",
    layers: 28,
    embd: 1536,
    ffn: 8960,
    heads: 12,
    kvHeads: 2,
    contextLength: 32_768,
    vocabSize: QWEN2_VOCAB,
    tieEmbeddings: true,
    ropeFreqBase: 1_000_000,
    rmsEps: 1e-6,
  },
};

export function isRandomModelShapeName(name: string): name is RandomModelShapeName {
  return (RANDOM_MODEL_SHAPE_NAMES as readonly string[]).includes(name);
}
