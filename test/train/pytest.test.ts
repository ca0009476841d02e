import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { trainerChildEnv, trainerRoot } from "../../src/train/index.js";
import { HAS_TRAINER_VENV, SKIP_TRAINER_REASON, TRAINER_PYTHON } from "../support/trainerVenv.js";

// The Python engine's own suite (trainer/tests) is part of `npm test`: tiny Qwen2/Llama models made in
// the test, loss masking, resume, CGC-LoRA, gloo data parallelism, a few steps on the real SmolLM2.
describe.skipIf(!HAS_TRAINER_VENV)("trainer/ pytest suite", () => {
  it("passes", () => {
    const r = spawnSync(TRAINER_PYTHON as string, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], {
      cwd: trainerRoot(),
      env: trainerChildEnv(trainerRoot(), 1),
      encoding: "utf8",
      timeout: 1_800_000,
      maxBuffer: 64 << 20,
    });
    const tail = `${r.stdout}\n${r.stderr}`.slice(-6000);
    expect(r.status, tail).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed/);
  }, 1_900_000);
});

if (!HAS_TRAINER_VENV) describe("trainer/ pytest suite", () => it.skip(SKIP_TRAINER_REASON, () => undefined));
