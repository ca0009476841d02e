import { buildByteLevelVocab, type ByteLevelVocab } from "../tokenizer/buildByteLevelVocab.js";
import { toolCallingCorpusMerges } from "./toolCallingCorpusMerges.js";

/** The random models' vocabulary: merges trained on the tool-calling corpus, padded to `size`. */
export function randomModelVocab(size?: number): ByteLevelVocab {
  return buildByteLevelVocab(toolCallingCorpusMerges(), size);
}
