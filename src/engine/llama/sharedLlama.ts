import os from "node:os";
import type { Llama, LlamaGpuType } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";
import { loadNodeLlamaCpp } from "./nodeLlamaCpp.js";

/** Which compute backend llama.cpp uses: "auto" picks a GPU when one works, false forces the CPU. */
export type GpuOption = "auto" | LlamaGpuType;

const instances = new Map<string, Promise<Llama>>();

/**
 * One llama.cpp binding per GPU choice for the whole process, never disposed: engines share it
 * (disposing it under another engine would free that engine's backend). Prebuilt binaries only
 * (`build: "never"`: no compiler, no network), and `maxThreads` = the machine's cores: the cap on
 * the threads of all contexts together (an engine's own count defaults to defaultThreads()); the
 * library's default cap of at least 4 is ~100× slower on 2 cores (spin-wait oversubscription).
 */
export function sharedLlama(gpu: GpuOption = "auto"): Promise<Llama> {
  const key = String(gpu);
  let llama = instances.get(key);
  if (!llama) {
    llama = loadNodeLlamaCpp()
      .then(({ getLlama, LlamaLogLevel }) => getLlama({ gpu, build: "never", maxThreads: os.availableParallelism(), logLevel: LlamaLogLevel.warn }))
      .catch((e: unknown) => {
        instances.delete(key);
        throw new HammerError("INTERNAL", `could not load llama.cpp (gpu: ${key}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      });
    instances.set(key, llama);
  }
  return llama;
}
