/**
 * What llama.cpp needs from the metadata of the transformer architectures we check in depth. Keys are
 * relative to the architecture prefix (`qwen2.` + key). llama.cpp reads `feed_forward_length` and
 * `attention.head_count` as optional and then hits a GGML_ASSERT (process abort) when they are missing,
 * so they are required here; the norm epsilon is required by each architecture's hparams loader.
 */
export interface ArchRequirements {
  /** Epsilon key of the architecture's normalisation. */
  readonly normEpsilonKey: "attention.layer_norm_rms_epsilon" | "attention.layer_norm_epsilon";
}

const RMS: ArchRequirements = { normEpsilonKey: "attention.layer_norm_rms_epsilon" };
const LAYER_NORM: ArchRequirements = { normEpsilonKey: "attention.layer_norm_epsilon" };

const KNOWN: Readonly<Record<string, ArchRequirements>> = {
  llama: RMS,
  mistral3: RMS,
  qwen2: RMS,
  qwen2moe: RMS,
  qwen3: RMS,
  qwen3moe: RMS,
  gemma: RMS,
  gemma2: RMS,
  gemma3: RMS,
  phi3: RMS,
  granite: RMS,
  olmo2: RMS,
  smollm3: RMS,
  internlm2: RMS,
  phi2: LAYER_NORM,
  stablelm: LAYER_NORM,
  falcon: LAYER_NORM,
  gpt2: LAYER_NORM,
  starcoder2: LAYER_NORM,
};

/** Requirements for a known architecture, or undefined (then only the generic checks apply). */
export function archRequirements(architecture: string): ArchRequirements | undefined {
  return Object.hasOwn(KNOWN, architecture) ? KNOWN[architecture] : undefined;
}

/** llama.cpp's LLAMA_MAX_LAYERS and LLAMA_MAX_EXPERTS: larger values abort the loader. */
export const LLAMA_MAX_LAYERS = 512;
export const LLAMA_MAX_EXPERTS = 512;

/** Values of `<arch>.rope.scaling.type` llama.cpp accepts; anything else is a GGML_ASSERT. */
export const ROPE_SCALING_TYPES: readonly string[] = ["none", "linear", "yarn", "longrope"];

/** Values of `tokenizer.ggml.model` llama.cpp knows; others fail to load. */
export const TOKENIZER_MODELS: readonly string[] = ["gpt2", "llama", "bert", "t5", "rwkv", "plamo2", "none", "no_vocab"];
