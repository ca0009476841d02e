/** `general.file_type` values (llama.h `llama_ftype`) and the names users know them by. */
const NAMES: Readonly<Record<number, string>> = {
  0: "F32",
  1: "F16",
  2: "Q4_0",
  3: "Q4_1",
  7: "Q8_0",
  8: "Q5_0",
  9: "Q5_1",
  10: "Q2_K",
  11: "Q3_K_S",
  12: "Q3_K_M",
  13: "Q3_K_L",
  14: "Q4_K_S",
  15: "Q4_K_M",
  16: "Q5_K_S",
  17: "Q5_K_M",
  18: "Q6_K",
  19: "IQ2_XXS",
  20: "IQ2_XS",
  21: "Q2_K_S",
  22: "IQ3_XS",
  23: "IQ3_XXS",
  24: "IQ1_S",
  25: "IQ4_NL",
  26: "IQ3_S",
  27: "IQ3_M",
  28: "IQ2_S",
  29: "IQ2_M",
  30: "IQ4_XS",
  31: "IQ1_M",
  32: "BF16",
  36: "TQ1_0",
  37: "TQ2_0",
  38: "MXFP4_MOE",
};

/** Name of a `general.file_type` value, or undefined for an unknown value. */
export function llamaFileTypeName(fileType: number): string | undefined {
  return Object.hasOwn(NAMES, fileType) ? NAMES[fileType] : undefined;
}

/** The `general.file_type` value for a weight type name (`"Q8_0"` → 7), for writers. */
export function llamaFileTypeOf(name: string): number | undefined {
  const upper = name.toUpperCase();
  for (const [k, v] of Object.entries(NAMES)) if (v === upper) return Number(k);
  return undefined;
}
