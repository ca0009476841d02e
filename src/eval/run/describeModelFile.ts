import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import type { ModelMeta } from "./types.js";

/** Name, size and sha256 of a local GGUF (read once, streamed: models are gigabytes). */
export async function describeModelFile(file: string, ref?: string): Promise<ModelMeta> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return {
    name: path.basename(file).replace(/\.gguf$/i, ""),
    ...(ref !== undefined ? { ref } : {}),
    path: path.resolve(file),
    sizeBytes: statSync(file).size,
    sha256: hash.digest("hex"),
  };
}
