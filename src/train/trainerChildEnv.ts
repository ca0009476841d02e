import path from "node:path";

/**
 * The environment of every Python process we start: our package importable, OpenMP waiting passively
 * (spinning threads made steps 10-20x slower on a shared machine), a bounded thread count, no network
 * lookups by Hugging Face libraries (models are local), unbuffered output.
 */
export function trainerChildEnv(trainerDir: string, threads: number, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const pythonPath = [trainerDir, base.PYTHONPATH].filter((p): p is string => !!p).join(path.delimiter);
  return {
    ...base,
    PYTHONPATH: pythonPath,
    PYTHONUNBUFFERED: "1",
    OMP_WAIT_POLICY: "PASSIVE",
    OMP_NUM_THREADS: String(threads),
    TOKENIZERS_PARALLELISM: "false",
    HF_HUB_OFFLINE: base.HF_HUB_OFFLINE ?? "1",
    HF_HUB_DISABLE_TELEMETRY: "1",
    TRANSFORMERS_NO_ADVISORY_WARNINGS: "1",
  };
}
