/**
 * ggml tensor types that a GGUF file may hold, with their block layout (elements per block, bytes per
 * block), as in ggml's type traits / gguf-py's GGML_QUANT_SIZES. Ids missing here (4, 5, 31–33, 36–38:
 * removed from ggml) and ids past the table are "unknown", and a file using them is rejected.
 */
export interface GgmlTypeInfo {
  readonly id: number;
  readonly name: string;
  /** Elements per block (1 for plain float/int types). */
  readonly blockSize: number;
  /** Bytes per block. */
  readonly typeSize: number;
}

const QK_K = 256;

const TABLE: ReadonlyArray<readonly [number, string, number, number]> = [
  [0, "F32", 1, 4],
  [1, "F16", 1, 2],
  [2, "Q4_0", 32, 2 + 16],
  [3, "Q4_1", 32, 2 + 2 + 16],
  [6, "Q5_0", 32, 2 + 4 + 16],
  [7, "Q5_1", 32, 2 + 2 + 4 + 16],
  [8, "Q8_0", 32, 2 + 32],
  [9, "Q8_1", 32, 4 + 4 + 32],
  [10, "Q2_K", QK_K, 2 + 2 + QK_K / 16 + QK_K / 4],
  [11, "Q3_K", QK_K, 2 + QK_K / 4 + QK_K / 8 + 12],
  [12, "Q4_K", QK_K, 2 + 2 + QK_K / 2 + 12],
  [13, "Q5_K", QK_K, 2 + 2 + QK_K / 2 + QK_K / 8 + 12],
  [14, "Q6_K", QK_K, 2 + QK_K / 2 + QK_K / 4 + QK_K / 16],
  [15, "Q8_K", QK_K, 4 + QK_K + QK_K / 8],
  [16, "IQ2_XXS", QK_K, 2 + QK_K / 4],
  [17, "IQ2_XS", QK_K, 2 + QK_K / 4 + QK_K / 32],
  [18, "IQ3_XXS", QK_K, 2 + QK_K / 4 + QK_K / 8],
  [19, "IQ1_S", QK_K, 2 + QK_K / 8 + QK_K / 16],
  [20, "IQ4_NL", 32, 2 + 16],
  [21, "IQ3_S", QK_K, 2 + QK_K / 4 + QK_K / 8 + QK_K / 32 + 4],
  [22, "IQ2_S", QK_K, 2 + QK_K / 4 + QK_K / 16],
  [23, "IQ4_XS", QK_K, 2 + 2 + QK_K / 2 + QK_K / 64],
  [24, "I8", 1, 1],
  [25, "I16", 1, 2],
  [26, "I32", 1, 4],
  [27, "I64", 1, 8],
  [28, "F64", 1, 8],
  [29, "IQ1_M", QK_K, QK_K / 8 + QK_K / 16 + QK_K / 32],
  [30, "BF16", 1, 2],
  [34, "TQ1_0", QK_K, 2 + 4 * 13],
  [35, "TQ2_0", QK_K, 2 + 64],
  [39, "MXFP4", 32, 1 + 16],
  [40, "NVFP4", 64, 4 + 32],
];

const BY_ID = new Map<number, GgmlTypeInfo>();
const BY_NAME = new Map<string, GgmlTypeInfo>();
for (const [id, name, blockSize, typeSize] of TABLE) {
  const info: GgmlTypeInfo = Object.freeze({ id, name, blockSize, typeSize });
  BY_ID.set(id, info);
  BY_NAME.set(name, info);
}

/** The type with this id, or undefined when ggml does not (or no longer) know it. */
export function ggmlTypeById(id: number): GgmlTypeInfo | undefined {
  return BY_ID.get(id);
}

/** The type with this name (`"Q8_0"`, case-insensitive), or undefined. */
export function ggmlTypeByName(name: string): GgmlTypeInfo | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** All known types, by id. */
export function ggmlTypes(): GgmlTypeInfo[] {
  return [...BY_ID.values()];
}

/**
 * Bytes of a tensor of `elements` elements whose first dimension is `ne0`, or undefined when `ne0` is not a
 * multiple of the block size (ggml stores rows as whole blocks). Exact for sizes below 2^53.
 */
export function ggmlTensorBytes(type: GgmlTypeInfo, ne0: number, elements: number): number | undefined {
  if (ne0 % type.blockSize !== 0) return undefined;
  return (elements / type.blockSize) * type.typeSize;
}
