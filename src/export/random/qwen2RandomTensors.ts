import type { Rng } from "../../core/rng.js";
import { encodeTensor, type EncodableTensorType } from "../gguf/encodeTensor.js";
import type { GgufTensorSource } from "../gguf/writeGguf.js";
import type { RandomModelShape } from "./randomModelShapes.js";

/** How a tensor's values are drawn. */
export type TensorInit = { kind: "uniform"; std: number } | { kind: "const"; value: number };

export interface RandomTensorPlan {
  name: string;
  /** ggml order: [row length, rows]. */
  dims: number[];
  type: EncodableTensorType;
  init: TensorInit;
}

/**
 * The tensors of a qwen2-architecture model (llama.cpp names and shapes), with initialisations chosen so
 * activations stay near unit scale through every layer: projections reading the residual stream have
 * std 1/sqrt(fan_in); the two projections writing back into it (attn_output, ffn_down) are further
 * divided by sqrt(2·layers); norms are 1 and biases 0. Logits then have std ≈ 1, and inference is free
 * of NaNs and infinities for any depth.
 *
 * 1-D tensors (norms, biases) stay F32, as in real files. With q4_0 weights the token embedding (which is
 * also the output projection when tied) is stored as Q8_0: llama.cpp likewise keeps the output matrix in
 * higher precision (Q6_K) in its Q4 files, and we have no Q6_K encoder.
 */
export function qwen2TensorPlan(shape: RandomModelShape, weightType: EncodableTensorType, vocabSize: number): RandomTensorPlan[] {
  const { embd, ffn, layers } = shape;
  const kvDim = (embd / shape.heads) * shape.kvHeads;
  const embType: EncodableTensorType = weightType === "Q4_0" ? "Q8_0" : weightType;
  const inStd = 1 / Math.sqrt(embd);
  const residualScale = 1 / Math.sqrt(2 * layers);
  const ones: TensorInit = { kind: "const", value: 1 };
  const zeros: TensorInit = { kind: "const", value: 0 };
  const plan: RandomTensorPlan[] = [
    { name: "token_embd.weight", dims: [embd, vocabSize], type: embType, init: { kind: "uniform", std: inStd } },
    { name: "output_norm.weight", dims: [embd], type: "F32", init: ones },
  ];
  if (!shape.tieEmbeddings) {
    plan.push({ name: "output.weight", dims: [embd, vocabSize], type: embType, init: { kind: "uniform", std: inStd } });
  }
  for (let l = 0; l < layers; l++) {
    const p = `blk.${l}.`;
    plan.push(
      { name: `${p}attn_norm.weight`, dims: [embd], type: "F32", init: ones },
      { name: `${p}attn_q.weight`, dims: [embd, embd], type: weightType, init: { kind: "uniform", std: inStd } },
      { name: `${p}attn_q.bias`, dims: [embd], type: "F32", init: zeros },
      { name: `${p}attn_k.weight`, dims: [embd, kvDim], type: weightType, init: { kind: "uniform", std: inStd } },
      { name: `${p}attn_k.bias`, dims: [kvDim], type: "F32", init: zeros },
      { name: `${p}attn_v.weight`, dims: [embd, kvDim], type: weightType, init: { kind: "uniform", std: inStd } },
      { name: `${p}attn_v.bias`, dims: [kvDim], type: "F32", init: zeros },
      { name: `${p}attn_output.weight`, dims: [embd, embd], type: weightType, init: { kind: "uniform", std: inStd * residualScale } },
      { name: `${p}ffn_norm.weight`, dims: [embd], type: "F32", init: ones },
      { name: `${p}ffn_gate.weight`, dims: [embd, ffn], type: weightType, init: { kind: "uniform", std: inStd } },
      { name: `${p}ffn_up.weight`, dims: [embd, ffn], type: weightType, init: { kind: "uniform", std: inStd } },
      { name: `${p}ffn_down.weight`, dims: [ffn, embd], type: weightType, init: { kind: "uniform", std: residualScale / Math.sqrt(ffn) } },
    );
  }
  return plan;
}

const CHUNK_ELEMENTS = 1 << 20;

/**
 * Writer sources for a plan. Each tensor draws from its own stream `rng.fork(name)`, so its values do not
 * depend on the other tensors, and data is generated chunk by chunk as the writer asks for it.
 */
export function randomTensorSources(plan: readonly RandomTensorPlan[], rng: Rng): GgufTensorSource[] {
  return plan.map((t) => ({
    name: t.name,
    dims: t.dims,
    type: t.type,
    data: () => randomChunks(t, rng.fork(t.name)),
  }));
}

function* randomChunks(t: RandomTensorPlan, rng: Rng): Generator<Uint8Array> {
  const rowLen = t.dims[0] as number;
  const rows = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / rowLen));
  for (let r = 0; r < rows; r += rowsPerChunk) {
    const values = new Float32Array(Math.min(rowsPerChunk, rows - r) * rowLen);
    if (t.init.kind === "const") {
      values.fill(t.init.value);
    } else {
      // Uniform on [-a, a] has std a/√3; one 32-bit draw per value keeps large models quick to write.
      const scale = (2 * t.init.std * Math.sqrt(3)) / 4294967296;
      const shift = t.init.std * Math.sqrt(3);
      for (let i = 0; i < values.length; i++) values[i] = rng.nextUint32() * scale - shift;
    }
    yield encodeTensor(t.type, values);
  }
}
