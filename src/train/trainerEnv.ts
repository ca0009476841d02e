import { execFile } from "node:child_process";
import { HammerError } from "../core/errors.js";
import { trainerChildEnv } from "./trainerChildEnv.js";

export interface TrainerEnvironment {
  versions: Record<string, string>;
  cuda: boolean;
  cudaDevices: number;
  bf16: boolean;
  /** Installed packages whose version differs from requirements.txt. */
  mismatched: Array<{ name: string; want: string; got: string | null }>;
}

/** What `python -m hammer_trainer env` reports: versions against the pins, CUDA devices. */
export function trainerEnv(python: string, trainerDir: string): Promise<TrainerEnvironment> {
  return new Promise((resolve, reject) => {
    execFile(python, ["-m", "hammer_trainer", "env"], { env: trainerChildEnv(trainerDir, 1), timeout: 300_000 }, (err, stdout, stderr) => {
      const line = stdout.split("\n").find((l) => l.startsWith('{"event": "env"'));
      if (err || !line) {
        reject(new HammerError("ENVIRONMENT", `the trainer's Python does not start: ${(stderr || String(err)).trim().split("\n").at(-1)}`, { location: python }));
        return;
      }
      const e = JSON.parse(line) as Record<string, unknown>;
      const versions: Record<string, string> = {};
      for (const k of ["python", "torch", "transformers", "peft", "accelerate", "safetensors", "tokenizers"]) if (typeof e[k] === "string") versions[k] = e[k] as string;
      resolve({
        versions,
        cuda: e.cuda === true,
        cudaDevices: typeof e.cuda_devices === "number" ? e.cuda_devices : 0,
        bf16: e.bf16 === true,
        mismatched: (e.mismatched as TrainerEnvironment["mismatched"]) ?? [],
      });
    });
  });
}
