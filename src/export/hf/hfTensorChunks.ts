import { encodedSize, encodeTensor, type EncodableTensorType } from "../gguf/encodeTensor.js";
import type { LoraModule } from "../lora/readPeftAdapter.js";
import type { HfTensorPlan } from "./planHfTensors.js";

/** Values converted per step: 4 MB of float32, so memory stays flat whatever the tensor's size. */
const CHUNK_VALUES = 1 << 22;

/**
 * The bytes of one planned tensor as `type`, produced a block of rows at a time: read (any float dtype →
 * float32), add the LoRA delta of those rows, reorder q/k rows within each head for llama, encode. The next
 * block is read while this one is encoded.
 */
export async function* hfTensorChunks(plan: HfTensorPlan, type: EncodableTensorType): AsyncGenerator<Uint8Array> {
  const { file, info } = plan.source;
  const rows = plan.shape[0] as number;
  const rowLen = info.elements / rows;
  // Head blocks must not be split: the permutation works inside one head.
  const unit = plan.permuteHeads === undefined ? 1 : rows / plan.permuteHeads;
  const chunkRows = Math.max(unit, Math.floor(CHUNK_VALUES / rowLen / unit) * unit);
  const lora = plan.lora === undefined ? undefined : await loadLora(plan.lora);
  const blockValues = Math.min(chunkRows, rows) * rowLen;
  const rawBytes = blockValues * (info.dtype === "F32" ? 4 : 2);
  const blocks = Math.ceil(rows / chunkRows);
  const prepare = async (k: number, floats: Float32Array, raw: Uint8Array): Promise<Float32Array> => {
    const r = k * chunkRows;
    const n = Math.min(chunkRows, rows - r);
    const block = await file.readRows(info, r, n, floats.subarray(0, n * rowLen), raw);
    if (lora !== undefined) addLoraDelta(block, r, n, rowLen, lora);
    return plan.permuteHeads === undefined ? block : permuteRotaryRows(block, unit, rowLen);
  };
  // Two read buffers (one being read while the other is encoded) and one encode buffer: the writer copies
  // each block before asking for the next.
  const slots = [0, 1].map(() => ({ floats: new Float32Array(blockValues), raw: new Uint8Array(rawBytes) }));
  const encoded = new Uint8Array(encodedSize(type, blockValues));
  let next: Promise<Float32Array> | undefined = prepare(0, slots[0]!.floats, slots[0]!.raw);
  try {
    for (let k = 0; k < blocks; k++) {
      const block = await next!;
      next = k + 1 < blocks ? prepare(k + 1, slots[(k + 1) % 2]!.floats, slots[(k + 1) % 2]!.raw) : undefined;
      yield encodeTensor(type, block, encoded);
    }
  } finally {
    next?.catch(() => undefined);
  }
}

interface LoadedLora {
  a: Float32Array;
  b: Float32Array;
  rank: number;
  scale: number;
}

async function loadLora(m: LoraModule): Promise<LoadedLora> {
  return { a: await m.a.file.readAll(m.a.info), b: await m.b.file.readAll(m.b.info), rank: m.rank, scale: m.scale };
}

/** values[i, :] += scale · B[rowStart + i, :] · A, for the rows in `values` ([n, cols], row-major). */
export function addLoraDelta(values: Float32Array, rowStart: number, n: number, cols: number, lora: LoadedLora): void {
  const { a, b, rank, scale } = lora;
  const row = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let k = 0; k < rank; k++) {
      const bk = (b[(rowStart + i) * rank + k] as number) * scale;
      if (bk === 0) continue;
      const off = k * cols;
      for (let c = 0; c < cols; c++) row[c] = (row[c] as number) + bk * (a[off + c] as number);
    }
    const base = i * cols;
    for (let c = 0; c < cols; c++) values[base + c] = (values[base + c] as number) + (row[c] as number);
  }
}

/**
 * Reorder rows within each head of `headRows` rows: Hugging Face keeps the two rotary halves apart
 * (rows j and j + half rotate together), llama.cpp wants them adjacent (rows 2j and 2j + 1).
 */
export function permuteRotaryRows(values: Float32Array, headRows: number, rowLen: number): Float32Array {
  const out = new Float32Array(values.length);
  const half = headRows / 2;
  const heads = values.length / rowLen / headRows;
  for (let h = 0; h < heads; h++) {
    const base = h * headRows;
    for (let j = 0; j < half; j++) {
      for (let s = 0; s < 2; s++) {
        const from = (base + s * half + j) * rowLen;
        out.set(values.subarray(from, from + rowLen), (base + 2 * j + s) * rowLen);
      }
    }
  }
  return out;
}
