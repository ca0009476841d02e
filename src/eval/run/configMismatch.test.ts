import { describe, expect, it } from "vitest";
import { configMismatch } from "./configMismatch.js";
import { RUN_CONFIG_KIND, type RunConfig } from "./types.js";

const base: RunConfig = {
  kind: RUN_CONFIG_KIND,
  bench: "bfcl:simple",
  backend: "llama",
  model: { name: "m", path: "/a/m.gguf", sha256: "aa" },
  requestedFormat: null,
  mask: null,
  seed: 0,
  temperature: 0,
  maxTokens: 512,
  limit: 5,
};

describe("configMismatch", () => {
  it("accepts the same run with another limit, or the same model file moved", () => {
    expect(configMismatch(base, { ...base, limit: 50 })).toBeNull();
    expect(configMismatch(base, { ...base, model: { name: "m", path: "/b/m.gguf", sha256: "aa" } })).toBeNull();
  });
  it("lists every difference", () => {
    expect(configMismatch(base, { ...base, bench: "bfcl:java", model: { ...base.model, sha256: "bb" }, requestedFormat: "qwen", maxTokens: 64 })).toBe(
      'bench "bfcl:simple" → "bfcl:java", model sha256 "aa" → "bb", format null → "qwen", max tokens 512 → 64',
    );
  });
  it("compares the decoding; a run file from before the switch was constrained", () => {
    expect(configMismatch(base, { ...base, decoding: "constrained" })).toBeNull();
    expect(configMismatch({ ...base, decoding: "free" }, { ...base, decoding: "constrained" })).toBe('decoding "free" → "constrained"');
    expect(configMismatch(base, { ...base, decoding: "free" })).toBe('decoding "constrained" → "free"');
  });
});
