import { GGUF_READ_LIMITS, readGgufHeader } from "./readGgufHeader.js";
import { validateGgufHeader, type GgufSummary } from "./validateGgufHeader.js";

/**
 * Check a model file before it is handed to llama.cpp, which aborts the whole process on some malformed
 * files instead of throwing. Reads only the header (never the tensor data), so it is cheap on a
 * multi-GB file. Returns the summary or throws ModelFileError (MODEL_INVALID, or NOT_FOUND).
 */
export async function validateModelFile(path: string, limits: Partial<typeof GGUF_READ_LIMITS> = {}): Promise<GgufSummary> {
  return validateGgufHeader(await readGgufHeader(path, limits));
}
