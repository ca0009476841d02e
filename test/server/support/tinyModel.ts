import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine, type Engine } from "../../../src/engine/index.js";
import { writeRandomModel } from "../../../src/export/index.js";

/** A tiny random-weight GGUF in a fresh temp folder, and its cleanup. */
export async function writeTinyModel(seed = 11): Promise<{ file: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-server-test-"));
  const { path: file } = await writeRandomModel({ shape: "tiny", quant: "q8_0", seed, out: path.join(dir, "tiny.gguf") });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The llama engine on that model: CPU, one thread (the machine is small and shared). */
export function tinyEngine(file: string, parallel = 1): Promise<Engine> {
  return createEngine({ backend: "llama", model: file, threads: 1, parallel, gpu: false, contextSize: 4096 });
}
