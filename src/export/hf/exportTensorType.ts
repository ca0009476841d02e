import type { EncodableTensorType } from "../gguf/encodeTensor.js";

/** `hammer export gguf --type`: the weight type of the file. */
export const EXPORT_TYPES = ["f32", "f16", "bf16", "q8_0", "q4_0"] as const;
export type ExportType = (typeof EXPORT_TYPES)[number];

export function isExportType(name: string): name is ExportType {
  return (EXPORT_TYPES as readonly string[]).includes(name);
}

const MAIN: Record<ExportType, EncodableTensorType> = { f32: "F32", f16: "F16", bf16: "BF16", q8_0: "Q8_0", q4_0: "Q4_0" };

/**
 * The ggml type of one tensor in a file of `type`, following llama.cpp's converter: 1-D tensors (norms,
 * biases) stay F32; a row that is not whole 32-value blocks falls back to F16. With q4_0 the token
 * embedding and output matrix are Q8_0, as llama.cpp keeps those in higher precision (it uses Q6_K,
 * which we do not encode).
 */
export function exportTensorType(ggufName: string, shape: readonly number[], type: ExportType): EncodableTensorType {
  if (shape.length <= 1 || ggufName.endsWith("_norm.weight") || !ggufName.endsWith(".weight")) return "F32";
  let t = MAIN[type];
  if (t === "Q4_0" && (ggufName === "token_embd.weight" || ggufName === "output.weight")) t = "Q8_0";
  const rowLength = shape[shape.length - 1] as number;
  if ((t === "Q8_0" || t === "Q4_0") && rowLength % 32 !== 0) t = "F16";
  return t;
}

/** `general.file_type` (llama_ftype) of each export type. */
export const EXPORT_FILE_TYPE: Record<ExportType, number> = { f32: 0, f16: 1, bf16: 32, q8_0: 7, q4_0: 2 };
