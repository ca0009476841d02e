import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { writeRandomModel } from "../../../src/export/index.js";

/**
 * A tiny random-weight qwen2 GGUF (real BPE tokenizer, ChatML and tool-call special tokens),
 * written once per test file into its own temp folder and removed afterwards. Call at the top
 * level of a test file; `file()` gives the path inside tests and hooks.
 */
export function useTinyModel(seed = 7, quant: "f32" | "q8_0" = "q8_0"): { file: () => string; dir: () => string } {
  let dir = "";
  let file = "";
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hammer-engine-test-"));
    file = (await writeRandomModel({ shape: "tiny", quant, seed, out: path.join(dir, `tiny-${seed}.gguf`) })).path;
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { file: () => file, dir: () => dir };
}
