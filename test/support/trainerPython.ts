import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The Python of the trainer's virtualenv (torch, transformers, peft, tokenizers, gguf), cached outside
 * the clone and keyed by the first 16 hex digits of sha256(trainer/requirements.txt).
 * `$HAMMER_TRAINER_PYTHON` overrides it. Tests that compare against transformers skip without it.
 */
export const TRAINER_PYTHON =
  process.env.HAMMER_TRAINER_PYTHON ??
  (() => {
    const req = readFileSync(new URL("../../trainer/requirements.txt", import.meta.url));
    const key = createHash("sha256").update(req).digest("hex").slice(0, 16);
    return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "hammer-fc", "venv", key, "bin", "python");
  })();
export const HAS_TRAINER_PYTHON = existsSync(TRAINER_PYTHON);
export const SKIP_TRAINER_PYTHON_REASON = `trainer virtualenv not found at ${TRAINER_PYTHON} (create it from trainer/requirements.txt, or set HAMMER_TRAINER_PYTHON)`;

/** Environment for a torch process on a shared machine: passive OpenMP waits, one thread. */
export function torchEnv(): NodeJS.ProcessEnv {
  return { ...process.env, OMP_WAIT_POLICY: "PASSIVE", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1", TOKENIZERS_PARALLELISM: "false", PYTHONUNBUFFERED: "1" };
}
