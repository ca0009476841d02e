import { TOOL_CALLING_CORPUS } from "../tokenizer/toolCallingCorpus.js";
import { trainBpe } from "../tokenizer/trainBpe.js";

/** Upper bound on merges; training stops earlier once no pair occurs twice in the corpus. */
export const RANDOM_MODEL_MAX_MERGES = 2000;

let cached: Array<[string, string]> | undefined;

/** BPE merges trained on TOOL_CALLING_CORPUS (deterministic; trained once per process). */
export function toolCallingCorpusMerges(): ReadonlyArray<readonly [string, string]> {
  cached ??= trainBpe(TOOL_CALLING_CORPUS, { maxMerges: RANDOM_MODEL_MAX_MERGES });
  return cached;
}
