/**
 * The model `hammer call`, `hammer serve` and `hammer eval run` use when none is given: Hammer 2.1
 * 1.5B as a Q8_0 GGUF (a community conversion of MadeAgents/Hammer2.1-1.5b). Its licence is
 * CC-BY-NC-4.0: non-commercial use only.
 */
export const DEFAULT_MODEL = Object.freeze({
  ref: "hf:Nekuromento/Hammer2.1-1.5b-Q8_0-GGUF/hammer2.1-1.5b-q8_0.gguf",
  name: "Hammer 2.1 1.5B (Q8_0 GGUF)",
  upstream: "https://huggingface.co/MadeAgents/Hammer2.1-1.5b",
  license: "CC-BY-NC-4.0",
  licenseUrl: "https://creativecommons.org/licenses/by-nc/4.0/",
  /** One line for `--help` and the README. */
  notice: "Default model: Hammer 2.1 1.5B Q8_0 (hf:Nekuromento/Hammer2.1-1.5b-Q8_0-GGUF/hammer2.1-1.5b-q8_0.gguf), licence CC-BY-NC-4.0 (non-commercial).",
});
